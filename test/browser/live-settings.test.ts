import { expect } from 'chai';
import { AsteriskEvents } from '../support/asterisk-events.js';
import { expectNothingLeft, resetAsterisk } from '../support/asterisk-state.js';
import type { Phone } from '../support/phone.js';
import { startPhones } from '../support/phones.js';
import { goTo, signIn, startPortal, type PortalWorld } from './browser-support.js';

/**
 * The portal refreshes itself (PRODUCT.md 6, the CXone seed): a setting changed by a phone
 * code shows on the open settings page without a reload, pushed over /api/live.
 */
describe('portal: settings pages follow what a phone code changes, without a reload (real Asterisk, real SIP phones)', () => {
  let world: PortalWorld;
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'mary'>>>;
  const events = new AsteriskEvents();

  before(async () => {
    await resetAsterisk();
    await events.start();
    world = await startPortal();
    phones = await startPhones({ erin: '1002', mary: '1005' });
  });
  after(async () => {
    events.stop();
    await phones?.stopAll();
    await world?.close();
  });
  beforeEach(resetAsterisk);

  /** Dials a code that confirms with a prompt and releases the call itself. */
  async function dialCode(phone: Phone, code: string): Promise<void> {
    const since = phone.mark();
    await phone.dial(code);
    await phone.waitForEvent('CALL_CLOSED', 30_000, since);
  }

  it('Erin\'s Executive page: #62 on her phone unticks "Filtering on", #61 ticks it again', async () => {
    const { page, context } = await signIn(world, 'erin@acme.example');
    await goTo(page, 'Executive');
    await page.getByRole('checkbox', { name: 'Filtering on', checked: true }).waitFor();
    await dialCode(phones.erin, '#62');
    await page.getByRole('checkbox', { name: 'Filtering on', checked: false }).waitFor({ timeout: 15_000 });
    await dialCode(phones.erin, '#61');
    await page.getByRole('checkbox', { name: 'Filtering on', checked: true }).waitFor({ timeout: 15_000 });
    await expectNothingLeft();
    await context.close();
  });

  it('Mary\'s Out of office page: *97, her PIN and 4 on her phone, and the page says she is out of office; 4 again and she is back', async () => {
    const { page, context } = await signIn(world, 'mary@acme.example');
    await goTo(page, 'Out of office');
    const status = page.getByRole('status').filter({ hasText: /office/ }).first();
    await status.filter({ hasText: 'You are in the office' }).waitFor();
    const { mary } = phones;
    const m = mary.mark();
    const since = events.mark();
    await mary.dial('*97');
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await mary.press('1234#');
    await events.waitForPlayback('PlaybackStarted', 'voicemail-main-menu', since, { device: 'PJSIP/1005', timeoutMs: 20_000 });
    await mary.press('4');
    await page.getByRole('status').filter({ hasText: 'You are out of office now' }).waitFor({ timeout: 15_000 });
    await events.waitForPlayback('PlaybackFinished', 'voicemail-out-of-office-on', since, { device: 'PJSIP/1005', timeoutMs: 20_000 });
    await mary.press('4');
    await page.getByRole('status').filter({ hasText: 'You are in the office' }).waitFor({ timeout: 15_000 });
    await mary.hangup();
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
    expect(await page.getByRole('alert').count(), 'no error on the page').to.equal(0);
    await context.close();
  });
});
