import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startSwitchboard, type RunningSwitchboard } from '../support/switchboard.js';

export const PORTAL_DIST = resolve('portal/dist');
export const SCREENSHOTS = resolve('docs/screenshots');
export const PASSWORD = 'switchboard';

/** The suite runs against the built portal; build it once if nobody has. */
export function ensurePortalBuilt(): void {
  if (existsSync(join(PORTAL_DIST, 'index.html'))) return;
  execFileSync('bash', ['scripts/build-portal.sh'], { stdio: 'inherit' });
}

/**
 * Debian's Chromium, headless, with a fresh profile (playwright gives launch() a new
 * temporary user-data dir each time). On a closed network Chromium's own background
 * traffic (updates, sync, first-run) is refused many times over: these flags switch it off.
 */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
      // A synthetic microphone (a beep) for recording greetings in the page, with no permission prompt.
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  });
  return { browser, async close() { await browser.close(); } };
}

export interface PortalWorld {
  sb: RunningSwitchboard;
  browser: Browser;
  /** Every API call the portal made (`GET /users/{id}` style, as requested). */
  apiCalls: Set<string>;
  close(): Promise<void>;
}

/** A seeded Switchboard serving the built portal, and a browser. */
export async function startPortal(): Promise<PortalWorld> {
  ensurePortalBuilt();
  const sb = await startSwitchboard({ seed: true, staticDir: PORTAL_DIST });
  const chrome = await launchChromium().catch(async (error: unknown) => { await sb.stop(); throw error; });
  const apiCalls = new Set<string>();
  return {
    sb, browser: chrome.browser, apiCalls,
    async close() {
      // The portal uses only the documented API: every call it made is in /api/openapi.json.
      const undocumented = await undocumentedCalls(sb, apiCalls).finally(async () => { await chrome.close(); await sb.stop(); });
      if (undocumented.length) throw new Error(`the portal called routes missing from the OpenAPI description: ${undocumented.join(', ')}`);
    },
  };
}

async function undocumentedCalls(sb: RunningSwitchboard, calls: Set<string>): Promise<string[]> {
  const document = await (await fetch(`${sb.baseUrl}/api/openapi.json`)).json() as { paths: Record<string, Record<string, unknown>> };
  const routes = Object.entries(document.paths).map(([path, item]) => ({
    pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    methods: Object.keys(item).map((m) => m.toUpperCase()),
  }));
  return [...calls].filter((call) => {
    const [method, path] = call.split(' ') as [string, string];
    return !routes.some((r) => r.pattern.test(path) && r.methods.includes(method));
  });
}

/** A fresh browser context (its own cookies) signed in through the sign-in form. */
export async function signIn(world: PortalWorld, login: string, options: { width?: number; height?: number } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const context = await world.browser.newContext({ baseURL: world.sb.baseUrl, viewport: { width: options.width ?? 1280, height: options.height ?? 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) world.apiCalls.add(`${request.method()} ${url.pathname.slice(4)}`);
  });
  await page.goto('/');
  await page.getByLabel('E-mail or extension').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Hello, / }).waitFor();
  return { page, context };
}

/** Follows a link of the main menu (opening it first on a phone-sized screen). */
export async function goTo(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible() && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}

/** The API as a client of its own would see it (bearer token): to check what the portal stored. */
export async function apiAs(sb: RunningSwitchboard, login: string): Promise<<T>(method: string, path: string, body?: unknown) => Promise<T>> {
  const response = await fetch(`${sb.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: PASSWORD }) });
  expect(response.status, `sign-in as ${login}`).to.equal(200);
  const { token } = await response.json() as { token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${sb.baseUrl}/api${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** Screenshots for docs/ are taken only when asked (SCREENSHOTS=1), so test runs leave the tree alone. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.SCREENSHOTS) return;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
