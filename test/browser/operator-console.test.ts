import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { audioStats, tail } from '../support/audio.js';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../support/asterisk-state.js';
import type { Phone } from '../support/phone.js';
import { untilHeard } from '../support/phone-audio.js';
import { startPhones } from '../support/phones.js';
import { waitFor } from '../support/wait-for.js';
import { goTo, screenshot, signIn, startPortal, type PortalWorld } from './browser-support.js';

/** The console's card for the outside caller, as the operator sees it. */
const callCard = (page: Page) => page.locator('li[data-call]').filter({ hasText: '5550001' });
const personRow = (page: Page, extension: string) => page.locator(`tr[data-person="${extension}"]`);
async function cardSays(page: Page, text: string): Promise<void> {
  await page.waitForFunction((expected) => [...document.querySelectorAll('li[data-call]')].some((li) => li.textContent?.includes('5550001') && li.textContent.includes(expected)),
    text, { timeout: 15_000 });
}

describe('portal: the operator console puts a caller at the company number through to Bob (real Asterisk, real SIP phones)', function () {
  this.timeout(120_000);
  let world: PortalWorld;
  let phones: Awaited<ReturnType<typeof startPhones<'caller' | 'bob'>>>;

  before(async () => {
    await resetAsterisk();
    world = await startPortal();
    phones = await startPhones({ caller: '5550001', bob: '1007' });
  });
  after(async () => {
    await phones?.stopAll();
    await world?.close();
  });
  beforeEach(() => resetAsterisk());

  async function callTheCompany(): Promise<void> {
    const m = phones.caller.mark();
    await phones.caller.dial('5552000');
    await phones.caller.waitForEvent('CALL_ESTABLISHED', 10_000, m);
  }
  /** Bob answers and talks with the caller long enough to measure. */
  async function bobAnswersAndTalks(since: number): Promise<void> {
    const { caller, bob } = phones;
    await bob.waitForEvent('CALL_INCOMING', 15_000, since);
    await bob.answer();
    await waitFor('the caller bridged with Bob', async () => JSON.stringify(await bridgedDevices()) === JSON.stringify([['PJSIP/1007', 'PJSIP/5550001']]), 10_000);
    await untilHeard([bob, caller], 2.5);
  }
  /** The caller hangs up; read once the phones closed their recordings, each heard the other's tone. */
  async function hangUp(): Promise<void> {
    const { caller, bob } = phones;
    const [m, b] = [caller.mark(), bob.mark()];
    await caller.hangup();
    await Promise.all([caller.waitForEvent('CALL_CLOSED', 10_000, m), bob.waitForEvent('CALL_CLOSED', 10_000, b)]);
    for (const [listener, speaker] of [[bob, caller], [caller, bob]] as Array<[Phone, Phone]>) {
      const heard = listener.recordings().at(-1)!;
      const stats = audioStats(tail(heard, 2, `${heard}.tail.wav`));
      expect(stats.roughFrequency, `${listener.endpoint} hears ${speaker.endpoint}`).to.be.within(phones.toneOf(speaker) - 60, phones.toneOf(speaker) + 60);
    }
    await expectNothingLeft();
  }

  it('Olivia sees the caller in the menu, finds Bob as she types, drags the call onto him; Bob rings, answers and talks to the caller', async () => {
    const { page, context } = await signIn(world, 'olivia@acme.example');
    await goTo(page, 'Operator console');
    await page.getByRole('status').filter({ hasText: 'Live: updates as calls change' }).waitFor();

    // The search finds by name, extension or DID as she types.
    const search = page.getByLabel('Find a person (name, extension or DID)');
    await search.fill('smi');
    await page.waitForFunction(() => [...document.querySelectorAll('tr[data-person]')].map((r) => r.getAttribute('data-person')).join() === '1007');
    await search.fill('1005');
    await page.waitForFunction(() => [...document.querySelectorAll('tr[data-person]')].map((r) => r.getAttribute('data-person')).join() === '1005');
    await search.fill('5552002');
    await page.waitForFunction(() => [...document.querySelectorAll('tr[data-person]')].map((r) => r.getAttribute('data-person')).join() === '1002');
    await search.fill('');

    await callTheCompany();
    await cardSays(page, 'In the menu');
    expect(await personRow(page, '1007').getAttribute('data-state')).to.equal('idle');
    await screenshot(page, 'operator-console');

    const b = phones.bob.mark();
    await callCard(page).dragTo(personRow(page, '1007'));
    await cardSays(page, 'Ringing Bob Smith');
    await page.waitForFunction(() => document.querySelector('tr[data-person="1007"]')?.getAttribute('data-state') === 'ringing');
    await bobAnswersAndTalks(b);
    await cardSays(page, 'Talking to Bob Smith');
    await page.waitForFunction(() => document.querySelector('tr[data-person="1007"]')?.getAttribute('data-state') === 'on-a-call');
    await screenshot(page, 'operator-console-connected');
    await hangUp();
    await page.waitForFunction(() => document.querySelectorAll('li[data-call]').length === 0);
    await context.close();
  });

  it('with the keyboard: Olivia selects the call and presses Transfer on Bob\'s row', async () => {
    const { page, context } = await signIn(world, 'olivia@acme.example');
    await goTo(page, 'Operator console');
    await callTheCompany();
    await cardSays(page, 'In the menu');
    await callCard(page).getByRole('button', { name: 'Select' }).focus();
    await page.keyboard.press('Enter');
    const transfer = page.getByRole('button', { name: 'Transfer to Bob Smith' });
    await page.waitForFunction(() => !(document.querySelector('button[aria-label="Transfer to Bob Smith"]') as HTMLButtonElement | null)?.disabled);
    const b = phones.bob.mark();
    await transfer.focus();
    await page.keyboard.press('Enter');
    await bobAnswersAndTalks(b);
    await hangUp();
    await context.close();
  });
});
