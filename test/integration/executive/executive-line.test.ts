import { expect } from 'chai';
import { asteriskRest, bridgedAre, expectNothingLeft, resetAsterisk, resetAsteriskAndPhones } from '../../support/asterisk-state.js';
import type { Phone } from '../../support/phone.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { erinFilters } from './filtering-support.js';
import { answerNext, expectNoSessionLeft, ofCall } from './call-control-support.js';

/**
 * The presence notes Asterisk sent `phone` for the key watching `extension`, in order
 * (PIDF `<note>`: Ready, Ringing, On the phone, On hold): what the key's lamp shows.
 */
function lampNotes(phone: Phone, extension: string): string[] {
  return phone.receivedRequests('NOTIFY')
    .filter((n) => (n.headers.from ?? []).some((from) => from.includes(`sip:${extension}@`)))
    .map((n) => /<note>([^<]*)<\/note>/.exec(n.body)?.[1] ?? '?');
}

async function lampShows(phone: Phone, extension: string, note: string, since = 0): Promise<void> {
  await waitFor(`${phone.endpoint}'s ${extension} key to show "${note}"`, () => lampNotes(phone, extension).slice(since).includes(note), 10_000,
    () => `notes so far: ${lampNotes(phone, extension).join(', ') || 'none'}`);
}

describe('the executive\'s line and own calls: lamp, retrieve, #64 by DID (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'alice' | 'aaron' | 'mary' | 'bob'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    // Asterisk keeps custom device states across controllers: an earlier test's controller
    // may have stopped with Erin's line busy (this one, seeded after it connected, did not
    // republish it). Start from an idle line, as a controller restart with Erin in its store does.
    await asteriskRest.setDeviceState('Stasis:exec-line-1-1002', 'NOT_INUSE');
    // Alice's phone has two keys: Erin's line (*641002) and her own opt-in to Erin's pool (*651003*1002).
    phones = await startPhones({ erin: '1002', alice: '1003', aaron: '1004', mary: '1005', bob: '1007' },
      { alice: { sipTrace: true, watches: ['*641002', '*651003*1002'] } });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(() => resetAsteriskAndPhones(phones));
  afterEach(async function () { if (this.currentTest?.state === 'passed') await expectNoSessionLeft(sb); });

  it('Alice\'s line key shows Erin\'s line ringing, then on the phone, on hold, and ready again', async () => {
    await erinFilters(sb, { filtering: { enabled: false } });
    const { alice, erin, mary } = phones;
    await lampShows(alice, '*641002', 'Ready');
    // Alice presses her opt-in key twice (out, then in): the key, found through the `*` the
    // hint splits the two extensions on, is dark, then lit.
    for (const [state, note] of [['NOT_INUSE', 'Ready'], ['INUSE', 'On the phone']]) {
      const a = alice.mark();
      await alice.dial('*651003*1002');
      await alice.waitForEvent('CALL_CLOSED', 15_000, a);
      expect((await asteriskRest.deviceState('Stasis:exec-optin-1-1003-1002')).state).to.equal(state);
      await waitFor(`the opt-in key to show "${note}"`, () => lampNotes(alice, '*651003*1002').at(-1) === note, 10_000);
    }
    const seen = lampNotes(alice, '*641002').length;
    const [e, m] = [erin.mark(), mary.mark()];
    await mary.dial('1002');
    await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    await lampShows(alice, '*641002', 'Ringing', seen);
    expect((await asteriskRest.deviceState('Stasis:exec-line-1-1002')).state).to.equal('RINGING');
    await erin.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await lampShows(alice, '*641002', 'On the phone', seen);
    await erin.hold();
    await lampShows(alice, '*641002', 'On hold', seen);
    expect((await asteriskRest.deviceState('Stasis:exec-line-1-1002')).state).to.equal('ONHOLD');
    const beforeResume = lampNotes(alice, '*641002').length;
    await erin.resume();
    await lampShows(alice, '*641002', 'On the phone', beforeResume);
    const beforeHangup = lampNotes(alice, '*641002').length;
    await mary.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    await lampShows(alice, '*641002', 'Ready', beforeHangup);
    expect(lampNotes(alice, '*641002').slice(seen), 'the order Alice\'s key went through')
      .to.deep.equal(['Ringing', 'On the phone', 'On hold', 'On the phone', 'Ready']);
    await expectNothingLeft();
  });

  it('Erin calls Bob herself (her line rings on Alice\'s key while Bob\'s phone rings); Alice retrieves it with #64 1002 *11 (Erin released), Aaron with #64 <Erin\'s DID> *11, Alice with her line key; the lamp stays busy', async () => {
    const { alice, erin, bob } = phones;
    const [e, b] = [erin.mark(), bob.mark()];
    const seen = lampNotes(alice, '*641002').length;
    await erin.dial('1007');
    // While Bob's phone rings, Erin's line rings on Alice's key: her own outgoing call, not idle.
    await bob.waitForEvent('CALL_INCOMING', 15_000, b);
    await lampShows(alice, '*641002', 'Ringing', seen);
    expect((await asteriskRest.deviceState('Stasis:exec-line-1-1002')).state).to.equal('RINGING');
    const toBob = await answerNext(bob, b);
    expect(toBob.peerdisplayname, 'Bob sees Erin calling').to.equal('Erin Executive');
    const erinCall = await erin.waitForEvent('CALL_ESTABLISHED', 10_000, e);
    await waitFor('Erin and Bob bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1007']), 10_000);
    await lampShows(alice, '*641002', 'On the phone', seen);
    expect(lampNotes(alice, '*641002').slice(seen, seen + 2), 'ringing, then on the phone').to.deep.equal(['Ringing', 'On the phone']);
    const a = alice.mark();
    await alice.dial('#641002*11');
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await erin.waitForEvent('CALL_CLOSED', 10_000, e, ofCall(erinCall.id));
    await waitFor('Alice and Bob bridged', bridgedAre(['PJSIP/1003', 'PJSIP/1007']), 10_000);
    expect(bob.has('CALL_CLOSED', b), 'Bob stayed on the call').to.equal(false);
    expect(lampNotes(alice, '*641002').slice(seen), 'never idle while the call went on').to.not.include('Ready');
    // The retrieved call is still Erin's: Aaron takes it naming Erin by her DID.
    const r = aaron().mark();
    await aaron().dial('#645552002*11');
    await aaron().waitForEvent('CALL_ESTABLISHED', 10_000, r);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await waitFor('Aaron and Bob bridged', bridgedAre(['PJSIP/1004', 'PJSIP/1007']), 10_000);
    // Alice presses her key on Erin's line (it dials *641002): the call comes to her again.
    const a2 = alice.mark();
    await alice.dial('*641002');
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a2);
    await aaron().waitForEvent('CALL_CLOSED', 10_000, r);
    await waitFor('Alice and Bob bridged again', bridgedAre(['PJSIP/1003', 'PJSIP/1007']), 10_000);
    await bob.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a2);
    await lampShows(alice, '*641002', 'Ready', seen);
    await expectNothingLeft();
  });

  it('Alice holds Erin\'s call and pushes it (#63): the line key shows on hold, ringing while Erin rings, on the phone once she answers', async () => {
    const { alice, bob, erin } = phones;
    const [a, b, e] = [alice.mark(), bob.mark(), erin.mark()];
    const seen = lampNotes(alice, '*641002').length;
    await alice.dial('#641002#1007');
    await answerNext(bob, b);
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await lampShows(alice, '*641002', 'On the phone', seen);
    await alice.hold();
    await lampShows(alice, '*641002', 'On hold', seen);
    const a2 = alice.mark();
    await alice.dial('#63');
    await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    await lampShows(alice, '*641002', 'Ringing', seen);
    await erin.answer();
    await waitFor('Erin and Bob bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1007']), 10_000);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a2);
    const answered = lampNotes(alice, '*641002').lastIndexOf('Ringing');
    await lampShows(alice, '*641002', 'On the phone', answered + 1);
    await bob.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    await lampShows(alice, '*641002', 'Ready', seen);
    expect(lampNotes(alice, '*641002').slice(seen)).to.deep.equal(['On the phone', 'On hold', 'Ringing', 'On the phone', 'Ready']);
    await expectNothingLeft();
  });

  it('#64 with Erin\'s DID initiates on her behalf: Bob sees Erin, Alice talks with him', async () => {
    const { alice, bob } = phones;
    const [a, b] = [alice.mark(), bob.mark()];
    await alice.dial('#645552002#1007');
    const toBob = await answerNext(bob, b);
    expect(toBob.peerdisplayname).to.equal('Erin Executive');
    expect(String(toBob.peeruri)).to.contain('1002');
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await waitFor('Alice and Bob bridged', bridgedAre(['PJSIP/1003', 'PJSIP/1007']), 10_000);
    await bob.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await expectNothingLeft();
  });

  it('an executive\'s call to nobody\'s extension is not hers to keep: Erin dialling 1099 hears it is not in service', async () => {
    const { erin } = phones;
    const e = erin.mark();
    await erin.dial('1099');
    await erin.waitForEvent('CALL_CLOSED', 15_000, e);
    await expectNothingLeft();
  });

  function aaron(): Phone { return phones.aaron; }
});
