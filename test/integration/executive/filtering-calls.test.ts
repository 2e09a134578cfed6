import { expect } from 'chai';
import type { LiveEvent } from '../../../src/calls/live-events.js';
import { saveAssistantSettings, setOptIn } from '../../../src/features/executive/settings/executive-repository.js';
import { bridgedDevices, expectNothingLeft, resetAsterisk, resetAsteriskAndPhones } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { erinFilters, expectBridged } from './filtering-support.js';

describe('executive call filtering: who rings, who wins (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  const live: LiveEvent[] = [];
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'alice' | 'aaron' | 'mary' | 'bob' | 'carol' | 'outside'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    sb.app.live.on('event', (event) => live.push(event));
    phones = await startPhones({ erin: '1002', alice: '1003', aaron: '1004', mary: '1005', bob: '1007', carol: '1008', outside: '5550001' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(() => resetAsteriskAndPhones(phones));
  afterEach(async () => {
    await waitFor('every call session to end', () => sb.app.tracker.size === 0, 5000, () => `${sb.app.tracker.size} sessions left`);
  });

  it('simultaneous: Mary calls Erin; Alice and Aaron ring showing "Erin Executive - Mary Jones"; Alice answers, Aaron stops, Erin never rings', async () => {
    await erinFilters(sb);
    const { erin, alice, aaron, mary } = phones;
    const [e, a, r, m] = [erin.mark(), alice.mark(), aaron.mark(), mary.mark()];
    await mary.dial('1002');
    const [toAlice, toAaron] = await Promise.all([alice.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r)]);
    for (const incoming of [toAlice, toAaron]) {
      expect(incoming.peerdisplayname).to.equal('Erin Executive - Mary Jones');
      expect(String(incoming.peeruri)).to.contain('1002');
    }
    expect(mary.has('CALL_ESTABLISHED', m), 'Mary hears ringback, not an answered call').to.equal(false);
    await alice.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await aaron.waitForEvent('CALL_CLOSED', 10_000, r);
    await expectBridged([['PJSIP/1003', 'PJSIP/1005']]);
    expect(erin.has('CALL_INCOMING', e), 'Erin was not rung').to.equal(false);
    const demo = sb.demo!;
    const ringing = live.find((ev) => ev.kind === 'executive.call.assistants-ringing');
    expect(ringing?.data.assistantIds, 'the portal saw who rang').to.deep.equal(demo.assistants.map((x) => x.id));
    const answered = live.find((ev) => ev.kind === 'executive.call.answered');
    expect(answered?.data).to.include({ answeredBy: demo.assistants[0].id, callId: ringing?.data.callId });
    await mary.hangup();
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await expectNothingLeft();
  });

  it('an outside caller on Erin\'s DID, originator caller ID: the assistants see the outside number', async () => {
    await erinFilters(sb, { alerting: { callerIdName: { mode: 'originator', custom: null }, callerIdNumber: { mode: 'originator', custom: null } } });
    const { alice, aaron, outside } = phones;
    const [a, r, o] = [alice.mark(), aaron.mark(), outside.mark()];
    await outside.dial('5552002');
    const [toAlice] = await Promise.all([alice.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r)]);
    expect(String(toAlice.peeruri)).to.contain('5550001');
    await aaron.answer();
    await outside.waitForEvent('CALL_ESTABLISHED', 10_000, o);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await expectBridged([['PJSIP/1004', 'PJSIP/5550001']]);
    await aaron.hangup();
    await outside.waitForEvent('CALL_CLOSED', 10_000, o);
    await expectNothingLeft();
  });

  it('sequential: Alice rings for 2 rings, then Aaron alone; Aaron answers', async () => {
    await erinFilters(sb, { alerting: { mode: 'sequential', ringsToAdvance: 2, secondsPerRing: 1 } });
    const { alice, aaron, mary } = phones;
    const [a, r, m] = [alice.mark(), aaron.mark(), mary.mark()];
    await mary.dial('1002');
    const aliceRang = await alice.waitForEvent('CALL_INCOMING', 10_000, a);
    expect(aaron.has('CALL_INCOMING', r), 'Aaron waits his turn').to.equal(false);
    const aliceStopped = await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    const aaronRang = await aaron.waitForEvent('CALL_INCOMING', 10_000, r);
    expect(aliceStopped.at - aliceRang.at, 'Alice rang about 2 rings of 1 s').to.be.within(1500, 4500);
    expect(aaronRang.at).to.be.at.least(aliceStopped.at - 500);
    await aaron.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await expectBridged([['PJSIP/1004', 'PJSIP/1005']]);
    await aaron.hangup();
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
  });

  it('race: Alice and Aaron answer at the same moment: exactly one is bridged with Mary, the other is released', async () => {
    await erinFilters(sb);
    const { alice, aaron, mary } = phones;
    const [a, r, m] = [alice.mark(), aaron.mark(), mary.mark()];
    await mary.dial('1002');
    await Promise.all([alice.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r)]);
    await Promise.all([alice.answer(), aaron.answer()]);
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await waitFor('one assistant to be released', () => alice.has('CALL_CLOSED', a) || aaron.has('CALL_CLOSED', r), 10_000);
    await waitFor('the winner to be bridged with Mary', async () => (await bridgedDevices()).some((b) => b.length === 2), 3000);
    const bridged = await bridgedDevices();
    expect(bridged).to.have.length(1);
    expect(bridged[0]).to.include('PJSIP/1005').and.have.length(2);
    expect(alice.has('CALL_CLOSED', a) !== aaron.has('CALL_CLOSED', r), 'exactly one released').to.equal(true);
    await mary.hangup();
    await expectNothingLeft();
  });

  it('screening: Erin rings with the assistants (ring-splash hint); Erin answers and every other leg is released', async () => {
    await erinFilters(sb, { screening: { enabled: true, alertType: 'ring-splash' } });
    const { erin, alice, aaron, mary } = phones;
    const [e, a, r, m] = [erin.mark(), alice.mark(), aaron.mark(), mary.mark()];
    await mary.dial('1002');
    const [toErin] = await Promise.all([
      erin.waitForEvent('CALL_INCOMING', 10_000, e), alice.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r),
    ]);
    expect(toErin.peerdisplayname, 'Erin sees who calls').to.equal('Mary Jones');
    await erin.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await Promise.all([alice.waitForEvent('CALL_CLOSED', 10_000, a), aaron.waitForEvent('CALL_CLOSED', 10_000, r)]);
    await expectBridged([['PJSIP/1002', 'PJSIP/1005']]);
    await erin.hangup();
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
  });

  it('race: Erin (screening) and Alice answer at the same moment: exactly one is bridged with Mary', async () => {
    await erinFilters(sb, { screening: { enabled: true, alertType: 'silent' } });
    const { erin, alice, aaron, mary } = phones;
    const [e, a, r, m] = [erin.mark(), alice.mark(), aaron.mark(), mary.mark()];
    await mary.dial('1002');
    await Promise.all([erin.waitForEvent('CALL_INCOMING', 10_000, e), alice.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r)]);
    await Promise.all([erin.answer(), alice.answer()]);
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await waitFor('the loser to be released', () => erin.has('CALL_CLOSED', e) || alice.has('CALL_CLOSED', a), 10_000);
    await waitFor('the winner to be bridged with Mary', async () => (await bridgedDevices()).some((b) => b.length === 2), 3000);
    const bridged = await bridgedDevices();
    expect(bridged).to.have.length(1);
    expect(bridged[0]!.filter((d) => d === 'PJSIP/1002' || d === 'PJSIP/1003')).to.have.length(1);
    expect(bridged[0]).to.include('PJSIP/1005');
    await mary.hangup();
    await expectNothingLeft();
  });

  it('filtering off: Erin rings as for any call, the assistants do not', async () => {
    await erinFilters(sb, { filtering: { enabled: false } });
    const { erin, alice, aaron, mary } = phones;
    const [e, a, r, m] = [erin.mark(), alice.mark(), aaron.mark(), mary.mark()];
    await mary.dial('1002');
    await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    await erin.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await expectBridged([['PJSIP/1002', 'PJSIP/1005']]);
    expect(alice.has('CALL_INCOMING', a) || aaron.has('CALL_INCOMING', r)).to.equal(false);
    await mary.hangup();
    await expectNothingLeft();
  });

  it("a call from Erin's own assistant is never filtered: Alice calls Erin, Erin rings", async () => {
    await erinFilters(sb);
    const { erin, alice, aaron } = phones;
    const [e, a, r] = [erin.mark(), alice.mark(), aaron.mark()];
    await alice.dial('1002');
    await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    expect(aaron.has('CALL_INCOMING', r)).to.equal(false);
    await erin.answer();
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await expectBridged([['PJSIP/1002', 'PJSIP/1003']]);
    await alice.hangup();
    await expectNothingLeft();
  });

  it('a diverting assistant: Aaron diverts to Carol (1008); Alice and Carol ring, Aaron does not; an opted-out assistant is skipped', async () => {
    await erinFilters(sb);
    const demo = sb.demo!;
    await saveAssistantSettings(sb.app.db, demo.assistants[1].id, { enabled: true, number: '1008' });
    const { alice, aaron, carol, mary } = phones;
    const [a, r, c, m] = [alice.mark(), aaron.mark(), carol.mark(), mary.mark()];
    await mary.dial('1002');
    await Promise.all([alice.waitForEvent('CALL_INCOMING', 10_000, a), carol.waitForEvent('CALL_INCOMING', 10_000, c)]);
    expect(aaron.has('CALL_INCOMING', r)).to.equal(false);
    await carol.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await expectBridged([['PJSIP/1005', 'PJSIP/1008']]);
    await mary.hangup();
    await expectNothingLeft();

    await setOptIn(sb.app.db, demo.assistants[0].id, demo.executive.id, false);
    const [a2, c2] = [alice.mark(), carol.mark()];
    await mary.dial('1002');
    await carol.waitForEvent('CALL_INCOMING', 10_000, c2);
    expect(alice.has('CALL_INCOMING', a2), 'Alice opted out').to.equal(false);
    await mary.hangup();
    await carol.waitForEvent('CALL_CLOSED', 10_000, c2);
    await expectNothingLeft();
  });

  it('rollover on the timer: after 3 s unanswered the call is forwarded to Bob (1007)', async () => {
    await erinFilters(sb, { alerting: { rollover: { enabled: true, waitSeconds: 3, action: 'forward', forwardNumber: '1007' } } });
    const { alice, aaron, bob, mary } = phones;
    const [a, r, b, m] = [alice.mark(), aaron.mark(), bob.mark(), mary.mark()];
    await mary.dial('1002');
    const rang = await alice.waitForEvent('CALL_INCOMING', 10_000, a);
    await Promise.all([alice.waitForEvent('CALL_CLOSED', 10_000, a), aaron.waitForEvent('CALL_CLOSED', 10_000, r)]);
    const toBob = await bob.waitForEvent('CALL_INCOMING', 10_000, b);
    expect(toBob.at - rang.at, 'rollover after about 3 s').to.be.within(2000, 5500);
    await bob.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await expectBridged([['PJSIP/1005', 'PJSIP/1007']]);
    await mary.hangup();
    await expectNothingLeft();
  });

  it("rollover to voicemail: after 2 s unanswered Erin's mailbox answers Mary, no phone is left ringing", async () => {
    await erinFilters(sb, { alerting: { rollover: { enabled: true, waitSeconds: 2, action: 'voicemail', forwardNumber: null } } });
    const { erin, alice, aaron, mary } = phones;
    const [e, a, r, m] = [erin.mark(), alice.mark(), aaron.mark(), mary.mark()];
    await mary.dial('1002');
    await Promise.all([alice.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r)]);
    await Promise.all([alice.waitForEvent('CALL_CLOSED', 10_000, a), aaron.waitForEvent('CALL_CLOSED', 10_000, r)]);
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    expect(erin.has('CALL_INCOMING', e), 'Erin is not rung: her voicemail takes the call').to.equal(false);
    expect(await bridgedDevices(), 'Mary talks to no phone').to.deep.equal([]);
    await mary.hangup();
    await expectNothingLeft();
  });

  it('rollover with nobody left: both assistants opted out, no-answer processing rings Erin at once', async () => {
    await erinFilters(sb, { alerting: { rollover: { enabled: false, waitSeconds: 30, action: 'no-answer-processing', forwardNumber: null } } });
    const demo = sb.demo!;
    for (const a of demo.assistants) await setOptIn(sb.app.db, a.id, demo.executive.id, false);
    const { erin, mary } = phones;
    const [e, m] = [erin.mark(), mary.mark()];
    await mary.dial('1002');
    await erin.waitForEvent('CALL_INCOMING', 10_000, e);
    await erin.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await expectBridged([['PJSIP/1002', 'PJSIP/1005']]);
    await erin.hangup();
    await expectNothingLeft();
  });

  it('Mary hangs up while the assistants ring: no channel, bridge, session or timer is left', async () => {
    await erinFilters(sb, { screening: { enabled: true }, alerting: { rollover: { enabled: true, waitSeconds: 60, action: 'voicemail', forwardNumber: null } } });
    const { erin, alice, aaron, mary } = phones;
    const [e, a, r] = [erin.mark(), alice.mark(), aaron.mark()];
    await mary.dial('1002');
    await Promise.all([alice.waitForEvent('CALL_INCOMING', 10_000, a), aaron.waitForEvent('CALL_INCOMING', 10_000, r), erin.waitForEvent('CALL_INCOMING', 10_000, e)]);
    await mary.hangup();
    await Promise.all([alice.waitForEvent('CALL_CLOSED', 10_000, a), aaron.waitForEvent('CALL_CLOSED', 10_000, r), erin.waitForEvent('CALL_CLOSED', 10_000, e)]);
    await expectNothingLeft();
    await waitFor('the call session to end', () => sb.app.tracker.size === 0, 3000);
  });
});
