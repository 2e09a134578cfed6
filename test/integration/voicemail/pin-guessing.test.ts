import { expect } from 'chai';
import { DEMO_PIN } from '../../../src/demo/seed.js';
import { AsteriskEvents } from '../../support/asterisk-events.js';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import type { Phone } from '../../support/phone.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * The attack: four phones dial *98 into Mark's mailbox (1006) at the same moment and
 * guess PINs as fast as they are asked, three guesses each. The organisation allows 3
 * wrong PINs: however the guesses interleave, no more than 3 are ever judged, the
 * mailbox locks, and after that even the right PIN is refused.
 */
describe('voicemail: parallel *98 PIN guesses cannot pass the limit (real Asterisk, real phones)', function () {
  this.timeout(120_000);
  let sb: RunningSwitchboard;
  let events: AsteriskEvents;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'bob' | 'carol' | 'alice'>>>;
  const markBox = async () => {
    const user = await sb.app.db.selectFrom('users').select('id').where('extension', '=', '1006').executeTakeFirstOrThrow();
    // The mailbox row exists once the mailbox is first used.
    return sb.app.db.selectFrom('voicemail_boxes').selectAll().where('user_id', '=', user.id).executeTakeFirst();
  };

  before(async () => {
    await resetAsterisk();
    events = new AsteriskEvents();
    await events.start();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ mary: '1005', bob: '1007', carol: '1008', alice: '1003' });
  });
  after(async () => {
    events?.stop();
    await phones?.stopAll();
    await sb?.stop();
  });

  /** One attacker: dials, and each time the PIN is asked for, keys a wrong one, until the call ends. */
  async function guess(phone: Phone, since: number): Promise<void> {
    const m = phone.mark();
    await phone.dial('*98*1006');
    await phone.waitForEvent('CALL_ESTABLISHED', 15_000, m);
    const device = `PJSIP/${phone.endpoint}`;
    for (let asked = 1; asked <= 3; asked += 1) {
      await waitFor(`${device}: asked for the PIN (${asked}) or released`, () =>
        phone.has('CALL_CLOSED', m) || events.playbacks('PlaybackFinished', 'voicemail-enter-pin', since, device).length >= asked, 30_000,
      () => `prompts to ${device}: ${events.playbacks('PlaybackFinished', '', since, device).map((e) => (e.playback as { media_uri?: string }).media_uri).join(', ') || 'none'}`);
      if (phone.has('CALL_CLOSED', m)) return;
      await phone.press('9999#');
    }
    await phone.waitForEvent('CALL_CLOSED', 30_000, m);
  }

  it('four callers guessing at once: at most 3 wrong PINs judged, the mailbox locks, the right PIN is then refused', async () => {
    expect((await markBox())?.pin_failures ?? 0).to.equal(0);
    const since = events.mark();
    await Promise.all([phones.mary, phones.bob, phones.carol, phones.alice].map((p) => guess(p, since)));

    const box = await markBox();
    expect(box?.pin_failures, 'wrong PINs judged').to.equal(3);
    expect(box?.locked_at, 'the mailbox is locked').to.be.a('string');
    // The callers heard "wrong PIN" at most twice between them (the third locks), and the lock.
    expect(events.playbacks('PlaybackStarted', 'voicemail-wrong-pin', since).length).to.be.at.most(2);
    expect(events.playbacks('PlaybackStarted', 'voicemail-locked', since).length).to.be.at.least(1);

    // Locked: the right PIN is not even asked for.
    const { mary } = phones;
    const again = events.mark();
    const m = mary.mark();
    await mary.dial('*98*1006');
    await mary.waitForEvent('CALL_ESTABLISHED', 15_000, m);
    await mary.press(`${DEMO_PIN}#`);
    await mary.waitForEvent('CALL_CLOSED', 20_000, m);
    expect(events.playbacks('PlaybackStarted', 'voicemail-locked', again, 'PJSIP/1005'), 'told the mailbox is locked').to.have.length(1);
    expect(events.playbacks('PlaybackStarted', 'voicemail-enter-pin', again, 'PJSIP/1005'), 'not asked for a PIN').to.have.length(0);
    expect((await markBox())?.pin_failures).to.equal(3);
    await expectNothingLeft();
  });
});
