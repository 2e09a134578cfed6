import { expect } from 'chai';
import { audioStats, tail } from '../support/audio.js';
import { expectNothingLeft, resetAsterisk } from '../support/asterisk-state.js';
import { untilHeard } from '../support/phone-audio.js';
import { startPhones } from '../support/phones.js';
import { written } from '../integration/executive/call-control-support.js';
import { goTo, screenshot, signIn, startPortal, type PortalWorld } from './browser-support.js';

describe('portal: the assistant console takes and pushes a real filtered call (real Asterisk, real SIP phones, Chromium)', () => {
  let world: PortalWorld;
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'alice' | 'aaron' | 'outside'>>>;

  before(async () => {
    await resetAsterisk();
    world = await startPortal();
    // Alice's phone keeps a SIP trace: the INVITE that Take sends must carry the auto-answer hint.
    phones = await startPhones({ erin: '1002', alice: '1003', aaron: '1004', outside: '5550001' }, { alice: { sipTrace: true } });
  });
  after(async () => {
    await phones?.stopAll();
    await world?.close();
  });

  it('an outside caller is filtered to Alice; she takes it with the keyboard, only her phone rings, she answers, pushes it, and Erin talks with the caller', async () => {
    const { erin, alice, aaron, outside } = phones;
    const { page, context } = await signIn(world, 'alice@acme.example');
    await goTo(page, 'Assistant console');
    await page.getByRole('status').filter({ hasText: 'Live: updates as calls change' }).waitFor();
    const card = page.getByRole('region', { name: 'Erin Executive 1002' });
    await card.locator('[data-line="idle"]').waitFor();
    expect(await card.getByRole('checkbox', { name: 'Filtering' }).isChecked(), 'Erin filters every call (demo seed)').to.equal(true);

    const [a, r, e, o] = [alice.mark(), aaron.mark(), erin.mark(), outside.mark()];
    await outside.dial('5552002');
    const [alerted] = await Promise.all([alice.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r)]);
    expect(erin.has('CALL_INCOMING', e), 'a filtered call does not ring Erin').to.equal(false);
    const ringing = card.locator('li[data-state="ringing-assistants"]');
    await ringing.waitFor();
    expect(await ringing.textContent()).to.contain('5550001').and.contain('Ringing the assistants').and.contain('waited');
    await card.locator('[data-line="ringing"]').waitFor();
    await screenshot(page, 'assistant-console-ringing');

    // Take, from the keyboard: focus the button and press Enter.
    const [taken, aaronAfter] = [alice.mark(), aaron.mark()];
    await ringing.getByRole('button', { name: /^Take/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Your phone rings with the call.' }).waitFor();
    // Both alerting legs stop; then Alice's phone alone rings again, asked to answer by itself.
    await Promise.all([alice.waitForEvent('CALL_CLOSED', 10_000, a), aaron.waitForEvent('CALL_CLOSED', 10_000, r)]);
    const again = await alice.waitForEvent('CALL_INCOMING', 10_000, taken);
    expect([again.peerdisplayname, again.peeruri], 'the taken call shows as the filtered call did').to.deep.equal([alerted.peerdisplayname, alerted.peeruri]);
    const invite = alice.receivedRequests('INVITE').at(-1)!;
    expect(invite.headers['call-info']?.join(' '), 'the auto-answer hint').to.contain('answer-after=0');
    await alice.answer();
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, taken);
    await outside.waitForEvent('CALL_ESTABLISHED', 10_000, o);
    expect(aaron.has('CALL_INCOMING', aaronAfter), 'Aaron never rang for the taken call').to.equal(false);
    const mine = card.locator('li[data-state="answered"]');
    await mine.waitFor();
    expect(await mine.textContent()).to.contain('Answered by me');

    // Push to Erin: her phone rings showing the caller; she answers and the two talk.
    await mine.getByRole('button', { name: /^Push to Erin Executive/ }).click();
    const pushed = await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    expect(String(pushed.peeruri)).to.contain('5550001');
    await erin.answer();
    await erin.waitForEvent('CALL_ESTABLISHED', 10_000, e);
    await alice.waitForEvent('CALL_CLOSED', 10_000, taken);
    await card.locator('[data-line="on-a-call"]').waitFor();
    expect(await card.locator('.console-line').textContent()).to.contain('On a call with').and.contain('5550001');
    expect(await card.locator('li[data-call]').textContent(), 'Erin\'s call is hers now: no actions for Alice').to.contain('Answered');
    await screenshot(page, 'assistant-console');

    await untilHeard([erin, outside], 2);
    await erin.hangup();
    await outside.waitForEvent('CALL_CLOSED', 10_000, o);
    const heard = await written(erin.recordings().at(-1)!);
    const stats = audioStats(tail(heard, 1.5, `${heard}.tail.wav`));
    expect(stats.roughFrequency, 'Erin heard the outside caller').to.be.within(phones.toneOf(outside) - 60, phones.toneOf(outside) + 60);
    await card.locator('[data-line="idle"]').waitFor();
    await expectNothingLeft();
    await context.close();
  });
});
