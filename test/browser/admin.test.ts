import { expect } from 'chai';
import { apiAs, goTo, screenshot, signIn, startPortal, type PortalWorld } from './browser-support.js';

interface User { id: number; backupUserId: number | null; extension: string; name: string; type: string; services: string[]; dids: string[]; email: string | null; locations: Array<{ id?: number; kind: string; address: string; ringsForIncoming: boolean }> }
interface AuditEntry { action: string; actorUserId: number | null; actingAsUserId: number | null; details: Record<string, unknown> }

describe('portal: an administrator in Chromium', () => {
  let world: PortalWorld;
  before(async () => { world = await startPortal(); });
  after(async () => { await world?.close(); });

  it('signs in, sees the users, and a wrong password is refused with the reason', async () => {
    const context = await world.browser.newContext({ baseURL: world.sb.baseUrl });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('E-mail or extension').fill('olivia@acme.example');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(await page.getByRole('alert').textContent()).to.contain('login or password is wrong');
    await screenshot(page, 'sign-in-error');
    await page.getByLabel('Password').fill('switchboard');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hello, Olivia Operator' }).waitFor();
    await goTo(page, 'Users');
    const rows = page.getByRole('row');
    await rows.filter({ hasText: 'Erin Executive' }).waitFor();
    expect(await rows.count()).to.be.greaterThan(9);
    await screenshot(page, 'users');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Switchboard' }).waitFor();
    // The API the portal uses is described and readable without signing in.
    const docs = await page.request.get('/api/docs');
    expect(await docs.text()).to.contain('/api/users/{id}').and.contain('/api/executives/{id}/filtering');
    // The session is really gone: the API refuses the old cookie.
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).to.equal(401);
    await context.close();
  });

  it('after five wrong passwords the sign-in page says to wait, even with the right one', async () => {
    const context = await world.browser.newContext({ baseURL: world.sb.baseUrl });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('E-mail or extension').fill('1006');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel('Password').fill(`guess-${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'login or password is wrong' }).waitFor();
      await page.getByRole('button', { name: 'Sign in' }).and(page.locator(':enabled')).waitFor();
    }
    await page.getByLabel('Password').fill('switchboard');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'too many failed sign-ins' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Sign in to Switchboard' }).isVisible()).to.equal(true);
    await context.close();
  });

  it('creates a user with a type, services and a DID, edits it, gives it a shared location, then deletes it', async () => {
    const { page, context } = await signIn(world, 'olivia@acme.example');
    const api = await apiAs(world.sb, '1001');
    await goTo(page, 'Users');
    await page.getByRole('link', { name: 'New user' }).click();
    await page.getByLabel('Extension').fill('1010');
    await page.getByLabel('Name', { exact: true }).fill('Nina New');
    await page.getByLabel('E-mail').fill('nina@acme.example');
    await page.getByLabel('Type').selectOption('business_user');
    await page.getByLabel('Secondary number').fill('5550003');
    await page.getByRole('checkbox', { name: 'Voicemail' }).check();
    await page.getByRole('checkbox', { name: 'Attendant' }).check();
    await page.getByLabel('DIDs').fill('5552010');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('heading', { name: 'Nina New (1010)' }).waitFor();

    let stored = (await api<{ users: User[] }>('GET', '/users?search=Nina')).users[0]!;
    expect(stored).to.deep.include({ extension: '1010', name: 'Nina New', type: 'business_user', email: 'nina@acme.example', dids: ['5552010'] });
    expect(stored.services).to.deep.equal(['attendant', 'voicemail']);
    expect(stored.locations).to.deep.equal([{ id: stored.locations[0]!.id, kind: 'primary', address: 'PJSIP/1010', ringsForIncoming: true, label: null }]);

    // A DID another user has is refused with the API's own words.
    await page.getByLabel('DIDs').fill('5552002');
    await page.getByRole('button', { name: 'Save user' }).click();
    expect(await page.getByRole('alert').textContent()).to.contain('already assigned to another user');

    await page.getByLabel('DIDs').fill('5552010\n5552011');
    await page.getByLabel('Type').selectOption('agent');
    await page.getByLabel('Backup user').selectOption({ label: 'Carol White (1008)' });
    await page.getByRole('checkbox', { name: 'Executive' }).check();
    await page.getByRole('button', { name: 'Save user' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    stored = await api<User>('GET', `/users/${stored.id}`);
    expect(stored.dids).to.deep.equal(['5552010', '5552011']);
    expect(stored.type).to.equal('agent');
    expect(stored.services).to.deep.equal(['attendant', 'executive', 'voicemail']);
    expect(stored.backupUserId).to.equal(world.sb.demo!.directory.find((u) => u.extension === '1008')!.id);

    await page.getByRole('heading', { name: 'Mailbox' }).waitFor();
    await page.getByText('0 messages, 0 s, 0 KB.').waitFor();
    await page.getByRole('button', { name: 'Unlock mailbox' }).click();
    await page.getByRole('status').filter({ hasText: 'Mailbox unlocked' }).waitFor();

    await page.getByRole('button', { name: 'Add a location' }).click();
    await page.getByLabel('Location 2 address').fill('PJSIP/2001');
    await page.getByLabel('Location 2 label').fill('Desk in lab');
    await page.getByRole('button', { name: 'Save locations' }).click();
    await page.getByRole('status').filter({ hasText: 'Locations saved.' }).waitFor();
    await screenshot(page, 'user-edit');
    stored = await api<User>('GET', `/users/${stored.id}`);
    expect(stored.locations.map((l) => [l.kind, l.address, l.ringsForIncoming])).to.deep.equal([['primary', 'PJSIP/1010', true], ['shared', 'PJSIP/2001', true]]);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete user' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect((await api<{ users: User[] }>('GET', '/users?search=Nina')).users).to.have.length(0);
    await context.close();
  });

  it('impersonation: refused without a reason; with one, a banner shows it, changes are audited, and it stops', async () => {
    const { page, context } = await signIn(world, 'olivia@acme.example');
    const api = await apiAs(world.sb, '1001');
    await goTo(page, 'Users');
    await page.getByRole('row').filter({ hasText: 'Bob Smith' }).getByRole('button', { name: /Act as/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Start acting as Bob Smith' }).click();
    expect(await dialog.getByRole('alert').textContent()).to.contain('a reason is required');
    expect((await api<{ entries: AuditEntry[] }>('GET', '/audit')).entries.filter((e) => e.action === 'impersonation-started')).to.have.length(0);

    await dialog.getByLabel('Reason (required)').fill('Ticket 4711: Bob cannot change his PIN');
    await screenshot(page, 'impersonate-dialog');
    await dialog.getByRole('button', { name: 'Start acting as Bob Smith' }).click();
    const banner = page.getByRole('region', { name: 'Impersonation' });
    await banner.waitFor();
    expect(await banner.textContent()).to.contain('Olivia Operator is acting as Bob Smith').and.contain('Ticket 4711');
    await page.getByRole('heading', { name: 'Hello, Bob Smith' }).waitFor();
    expect(await page.getByRole('link', { name: 'Users', exact: true }).count(), 'no admin pages while acting as Bob').to.equal(0);

    await goTo(page, 'My account');
    await page.getByLabel('New PIN', { exact: true }).fill('4321');
    await page.getByLabel('New PIN again').fill('4321');
    await page.getByRole('button', { name: 'Change PIN' }).click();
    await page.getByRole('status').filter({ hasText: 'Voicemail PIN changed.' }).waitFor();
    await screenshot(page, 'impersonation-banner');

    await banner.getByRole('button', { name: 'Stop acting as Bob Smith' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(await banner.count()).to.equal(0);

    await goTo(page, 'Audit log');
    await page.getByLabel('Search the audit log').fill('4711');
    const table = page.getByRole('table');
    await table.getByRole('row').filter({ hasText: 'Impersonation started' }).waitFor();
    expect(await table.textContent()).to.contain('Bob Smith (1007)').and.contain('Olivia Operator (1001)');
    await page.getByLabel('Search the audit log').fill('');
    await table.getByRole('row').filter({ hasText: 'Impersonated change' }).waitFor();
    await table.getByRole('row').filter({ hasText: 'Impersonation stopped' }).waitFor();
    await screenshot(page, 'audit-log');

    const all = (await api<{ entries: AuditEntry[] }>('GET', '/audit')).entries;
    const bob = (await api<{ users: User[] }>('GET', '/users?search=Bob')).users[0]!;
    // Reads while impersonating are audited too (impersonated-read, test/integration/api/sessions.test.ts); the story here is the change.
    const entries = all.filter((e) => e.action !== 'impersonated-read');
    // The request made as Bob, and what it changed (the PIN, only as changed).
    expect(entries.map((e) => e.action).slice(0, 4)).to.deep.equal(['impersonation-stopped', 'impersonated-change', 'user-changed', 'impersonation-started']);
    expect(entries[1]!.details).to.include({ method: 'PATCH', path: `/api/users/${bob.id}` });
    expect(entries[3]!.details).to.include({ reason: 'Ticket 4711: Bob cannot change his PIN' });
    // The impersonation's entries (older ones are this file's other changes, made as the administrator).
    expect(entries.slice(0, 4).every((e) => e.actingAsUserId === bob.id)).to.equal(true);
    await context.close();
  });

  it('works on a phone-sized screen: the menu opens from a button and tables become lists', async () => {
    const { page, context } = await signIn(world, 'olivia@acme.example', { width: 390, height: 844 });
    expect(await page.getByRole('link', { name: 'Users', exact: true }).isVisible()).to.equal(false);
    await goTo(page, 'Users');
    await page.getByRole('link', { name: 'Erin Executive', exact: true }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'no sideways scrolling').to.be.at.most(390);
    await screenshot(page, 'users-phone');
    for (const [name, heading] of [['Organisation', 'Organisation'], ['Audit log', 'Audit log'], ['Live view', 'Live view'], ['Voicemail', 'Voicemail'], ['Out of office', 'Out of office']] as const) {
      await goTo(page, name);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} fits a phone`).to.be.at.most(390);
    }
    await context.close();
  });
});
