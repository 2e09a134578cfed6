import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectNothingLeft, resetAsterisk } from '../support/asterisk-state.js';
import { startPhones } from '../support/phones.js';
import { apiAs, screenshot, signIn, startPortal, type PortalWorld } from './browser-support.js';

/** What the live view's row for an extension says, as a person reads it. */
const row = (page: Page, extension: string) => page.locator(`tr[data-user="${extension}"]`);
const phoneCell = (page: Page, extension: string) => row(page, extension).locator('td[data-label="Phone"]');
async function shows(page: Page, extension: string, text: string): Promise<void> {
  await page.waitForFunction(([ext, expected]) => document.querySelector(`tr[data-user="${ext}"] td[data-label="Phone"]`)?.textContent?.includes(expected!) ?? false,
    [extension, text], { timeout: 15_000 });
}

describe('portal: the live view follows a real filtered call (real Asterisk, real SIP phones)', () => {
  let world: PortalWorld;
  let phones: Awaited<ReturnType<typeof startPhones<'alice' | 'aaron' | 'mary'>>>;

  before(async () => {
    await resetAsterisk();
    world = await startPortal();
    phones = await startPhones({ alice: '1003', aaron: '1004', mary: '1005' });
  });
  after(async () => {
    await phones?.stopAll();
    await world?.close();
  });

  it('Erin watches: Mary calls her, both assistants ring, Alice answers, Aaron stops; filtering and out of office change live', async () => {
    const { page, context } = await signIn(world, 'erin@acme.example');
    await page.goto('/live');
    await page.getByRole('status').filter({ hasText: 'Live: updates as calls change' }).waitFor();
    await shows(page, '1003', 'Idle');
    expect(await row(page, '1005').count(), 'Erin sees herself and her assistants, not everyone').to.equal(0);
    expect(await row(page, '1002').locator('td[data-label="Filtering"]').textContent()).to.equal('On');

    const { alice, aaron, mary } = phones;
    const [a, r] = [alice.mark(), aaron.mark()];
    await mary.dial('1002');
    await Promise.all([alice.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r)]);
    await shows(page, '1003', 'Ringing');
    await shows(page, '1004', 'Ringing');
    expect(await phoneCell(page, '1003').textContent()).to.contain('Mary Jones');
    await screenshot(page, 'live-view-ringing');

    await alice.answer();
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await shows(page, '1003', 'On a call');
    await shows(page, '1004', 'Idle');
    await page.getByRole('heading', { name: 'Recent activity' }).waitFor();

    // Settings changed elsewhere (another client of the API) show without a reload.
    const erinApi = await apiAs(world.sb, '1002');
    await erinApi('PUT', `/executives/${world.sb.demo!.executive.id}/filtering`, { enabled: false });
    await page.waitForFunction(() => document.querySelector('tr[data-user="1002"] td[data-label="Filtering"]')?.textContent === 'Off');
    const aliceApi = await apiAs(world.sb, '1003');
    await aliceApi('PUT', `/attendant/users/${world.sb.demo!.assistants[0]!.id}/out-of-office`, {});
    await page.waitForFunction(() => document.querySelector('tr[data-user="1003"] td[data-label="Out of office"]')?.textContent === 'Away');
    await screenshot(page, 'live-view');

    await mary.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await shows(page, '1003', 'Idle');
    await expectNothingLeft();
    await context.close();
  });
});
