import { expect } from 'chai';
import { heardTone } from '../../support/audio.js';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { AsteriskEvents } from '../../support/asterisk-events.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { login, messagesIn, recordingStarted, seedMessage, watchPlaybacks, watchRecordings } from './voicemail-support.js';

describe('voicemail by phone: *97 and *98 (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let events: AsteriskEvents;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'bob'>>>;
  const box = async (extension: string) => {
    const user = await sb.app.db.selectFrom('users').select('id').where('extension', '=', extension).executeTakeFirstOrThrow();
    return sb.app.db.selectFrom('voicemail_boxes').selectAll().where('user_id', '=', user.id).executeTakeFirst();
  };

  before(async () => {
    await resetAsterisk();
    events = new AsteriskEvents();
    await events.start();
    sb = await startSwitchboard({ seed: true });
    phones = await startPhones({ mary: '1005', bob: '1007' });
    await sb.app.db.updateTable('users').set({ no_answer_seconds: 2 }).where('extension', '=', '1007').execute();
  });
  after(async () => {
    events?.stop();
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  it('Bob dials *97, gives his PIN, hears the message with its envelope, and forwards it to Carol with an introduction', async () => {
    const { bob } = phones;
    const message = await seedMessage(sb, '1007', { toneHz: 1000 });
    const b = bob.mark();
    await bob.dial('*97');
    await bob.waitForEvent('CALL_ESTABLISHED', 10_000, b);
    await bob.press('1234#');
    await bob.press('1');
    await waitFor('Bob to have heard the message', async () => (await messagesIn(sb, '1007')).find((m) => m.id === message.id)?.read_at != null, 40_000);
    const recordings = watchRecordings(sb);
    await bob.press('4');
    await bob.press('1008#');
    await bob.press('1'); // with a recorded introduction
    await recordings.waitForNext('vm-intro-');
    await new Promise((r) => setTimeout(r, 2000)); // Bob introduces the message
    await bob.press('#');
    recordings.stop();
    await waitFor('the forwarded message in Carol\'s mailbox', async () => (await messagesIn(sb, '1008')).length === 1, 20_000);
    await bob.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    const [copy] = await messagesIn(sb, '1008');
    expect(copy!.caller_number, 'the original caller is kept').to.equal('1005');
    expect(copy!.duration_seconds, 'the introduction comes before the message').to.be.greaterThan(message.duration_seconds + 1);
    expect(copy!.forwarded_by_user_id).to.equal(sb.demo!.directory[2]!.id);
    expect((await messagesIn(sb, '1007')).find((m) => m.id === message.id)!.status, 'a heard message is saved').to.equal('saved');
    expect(heardTone(bob.recordings().at(-1)!, 1000, { windowSeconds: 1, toleranceHz: 60 }), 'Bob heard the message audio').to.equal(true);
    await expectNothingLeft();
  });

  it('forwarding to other users turned off by the administrator: the menu does not offer it, and 4 says it is off', async () => {
    const admin = await login(sb, '1001');
    expect((await admin.send('PUT', '/api/voicemail/organisation-settings', { allowForwardToUsers: false })).status).to.equal(200);
    const playbacks = watchPlaybacks(sb);
    try {
      const { bob } = phones;
      const before = (await messagesIn(sb, '1008')).length;
      const message = await seedMessage(sb, '1007', { toneHz: 1000 });
      const b = bob.mark();
      await bob.dial('*97');
      await bob.waitForEvent('CALL_ESTABLISHED', 10_000, b);
      await bob.press('1234#');
      await bob.press('1');
      await playbacks.waitFor('sound:switchboard/voicemail-message-menu-no-forward', 40_000);
      expect(playbacks.played, 'the menu with forwarding is never offered').to.not.include('sound:switchboard/voicemail-message-menu');
      await bob.press('4');
      await playbacks.waitFor('sound:switchboard/voicemail-forward-off');
      expect(playbacks.played, 'never asked for a mailbox to forward to').to.not.include('sound:switchboard/voicemail-forward-to');
      await bob.press('3'); // back in the menu: delete it
      await waitFor('the message deleted', async () => !(await messagesIn(sb, '1007')).some((m) => m.id === message.id), 20_000);
      await bob.hangup();
      await bob.waitForEvent('CALL_CLOSED', 10_000, b);
      expect((await messagesIn(sb, '1008')).length, 'nothing forwarded to Carol').to.equal(before);
      await expectNothingLeft();
    } finally {
      playbacks.stop();
      await admin.send('PUT', '/api/voicemail/organisation-settings', { allowForwardToUsers: true });
    }
  });

  it('*98 with the mailbox in the dial string: three wrong PINs lock the mailbox; the administrator unlocks it', async () => {
    const { mary } = phones;
    const m = mary.mark();
    const since = events.mark();
    await mary.dial('*98*1006');
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    for (const attempt of [1, 2, 3]) {
      // Mary keys once asked (a key pressed during "wrong PIN" is dropped with the wrong entry).
      await events.waitForPlayback('PlaybackFinished', 'voicemail-enter-pin', since, { device: 'PJSIP/1005', count: attempt });
      await mary.press('9999#');
      await waitFor(`wrong PIN ${attempt} counted`, async () => (await box('1006'))?.pin_failures === attempt, 15_000);
    }
    await mary.waitForEvent('CALL_CLOSED', 20_000, m);
    expect((await box('1006'))?.locked_at).to.be.a('string');

    // Locked: even the right PIN is not asked for.
    const m2 = mary.mark();
    await mary.dial('*98#1006');
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m2);
    await mary.waitForEvent('CALL_CLOSED', 20_000, m2);

    const mark = await login(sb, '1006');
    expect((await mark.send('POST', `/api/voicemail/mailboxes/${sb.demo!.directory[1]!.id}/unlock`)).status, 'a user cannot unlock').to.equal(403);
    const olivia = await login(sb, '1001');
    const unlocked = await olivia.send('POST', `/api/voicemail/mailboxes/${sb.demo!.directory[1]!.id}/unlock`);
    expect(unlocked.status).to.equal(200);
    expect((await box('1006'))?.locked_at).to.equal(null);
    await expectNothingLeft();
  });

  it('Bob records his unavailable greeting by phone; the next caller hears it', async () => {
    const { mary, bob } = phones;
    const b = bob.mark();
    await bob.dial('*97');
    await bob.waitForEvent('CALL_ESTABLISHED', 10_000, b);
    const recordings = watchRecordings(sb);
    await bob.press('1234#');
    await bob.press('31');
    await recordings.waitForNext('vm-greet-');
    await new Promise((r) => setTimeout(r, 3000)); // Bob speaks his greeting for three seconds
    await bob.press('#');
    recordings.stop();
    await waitFor('the greeting stored', async () => !!(await box('1007'))?.greeting_unavailable, 15_000);
    await bob.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);

    const m = mary.mark();
    await mary.dial('1007');
    await mary.waitForEvent('CALL_ESTABLISHED', 15_000, m);
    await recordingStarted(sb, '1007', 30_000);
    await mary.hangup();
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    expect(heardTone(mary.recordings().at(-1)!, phones.toneOf(bob), { windowSeconds: 1, toleranceHz: 60 }), "Mary heard Bob's own greeting").to.equal(true);
    await expectNothingLeft();
  });

  it('Carol turns out of office on by phone and changes her PIN; the new PIN is the one that works', async () => {
    const { mary } = phones;
    // Carol's own phone is not among these phones: *98 reaches her mailbox from Mary's phone.
    const m = mary.mark();
    await mary.dial('*98');
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await mary.press('1008#');
    await mary.press('1234#');
    await mary.press('4');
    const carolId = (await sb.app.db.selectFrom('users').select('id').where('extension', '=', '1008').executeTakeFirstOrThrow()).id;
    // The phone menu sets the one out-of-office setting the attendant routes by.
    await waitFor('out of office on', async () => (await sb.app.db.selectFrom('attendant_out_of_office').select('user_id').where('user_id', '=', carolId).executeTakeFirst()) !== undefined, 20_000);
    await mary.press('5');
    await mary.press('4821#');
    await mary.press('4821#');
    const { verifySecret } = await import('../../../src/users/password.js');
    const pinOf = async () => (await sb.app.db.selectFrom('users').select('pin_hash').where('extension', '=', '1008').executeTakeFirstOrThrow()).pin_hash;
    await waitFor('the new PIN stored', async () => verifySecret('4821', await pinOf()), 30_000);
    expect(await verifySecret('1234', await pinOf())).to.equal(false);
    await mary.hangup();
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
  });
});
