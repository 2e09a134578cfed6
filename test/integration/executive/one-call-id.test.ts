import { expect } from 'chai';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { bridgedAre, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { LiveStream, type LiveSnapshotSeen } from '../../support/live-stream.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { answerNext } from './call-control-support.js';

interface LogLine { msg: string; callId?: string; session?: string; how?: string }

/**
 * One call id from StasisStart to the last leg (PRODUCT.md 6): Erin calls Bob; the
 * dispatcher, the placed call ringing Bob and the conversation after he answers are three
 * sessions, and every log line of the call names the same callId, which the live view
 * shows on both phones' lines.
 */
describe('one call id across a call\'s sessions, its log lines and the live view (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'bob' | 'alice'>>>;
  const lines: LogLine[] = [];

  before(async () => {
    await resetAsterisk();
    const sink = new Writable({ write(chunk: Buffer, _encoding, done) { for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as LogLine); done(); } });
    sb = await startSwitchboard({ seed: true, logger: pino({ level: 'info' }, sink) });
    phones = await startPhones({ erin: '1002', bob: '1007', alice: '1003' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });

  /** The first snapshot of /api/live, as Olivia (an administrator) sees it, that `accept`s. */
  async function liveSnapshot(accept: (s: LiveSnapshotSeen) => boolean): Promise<LiveSnapshotSeen> {
    const stream = await LiveStream.open(sb.baseUrl);
    try { return await stream.next('snapshot', accept); } finally { stream.close(); }
  }

  it('Erin calls Bob: the new call, the ringing and the conversation log one callId, and the live view shows it on both lines', async () => {
    const { erin, bob } = phones;
    const [e, b] = [erin.mark(), bob.mark()];
    await erin.dial('1007');
    await answerNext(bob, b);
    await erin.waitForEvent('CALL_ESTABLISHED', 10_000, e);
    await waitFor('Erin and Bob bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1007']), 10_000);

    const started = lines.find((l) => l.msg === 'new call');
    const callId = started?.callId;
    expect(callId, 'the dispatcher names the call').to.be.a('string');
    const ofCall = lines.filter((l) => l.callId === callId);
    expect(ofCall.map((l) => l.msg)).to.include.members(['new call', 'the executive places a call', 'executive call connected']);
    const sessions = new Set(ofCall.map((l) => l.session).filter(Boolean));
    expect(sessions.size, 'the placed call and the conversation are two sessions of one call').to.be.at.least(2);
    const others = lines.filter((l) => l.session && sessions.has(l.session) && l.callId !== callId);
    expect(others, 'no line of those sessions names another call').to.deep.equal([]);

    const live = await liveSnapshot((s) => s.lines.filter((l) => l.callId !== null).length >= 2);
    expect(live.lines.filter((l) => ['PJSIP/1002', 'PJSIP/1007'].includes(l.device)).map((l) => [l.device, l.callId]).sort())
      .to.deep.equal([['PJSIP/1002', callId], ['PJSIP/1007', callId]]);

    const c = erin.mark();
    await erin.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, c);
    await expectNothingLeft();
  });

  it('Alice retrieves the call Erin placed (#64 1002 *11): the retrieved conversation carries the same callId, and Alice\'s line shows it', async () => {
    const { erin, bob, alice } = phones;
    const [e, b, a] = [erin.mark(), bob.mark(), alice.mark()];
    const from = lines.length;
    await erin.dial('1007');
    await answerNext(bob, b);
    await erin.waitForEvent('CALL_ESTABLISHED', 10_000, e);
    await waitFor('Erin and Bob bridged', bridgedAre(['PJSIP/1002', 'PJSIP/1007']), 10_000);
    const callId = lines.slice(from).find((l) => l.msg === 'new call')?.callId;
    expect(callId, 'the dispatcher names the call').to.be.a('string');

    await alice.dial('#641002*11');
    await alice.waitForEvent('CALL_ESTABLISHED', 10_000, a);
    await waitFor('Alice and Bob bridged', bridgedAre(['PJSIP/1003', 'PJSIP/1007']), 10_000);
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    const retrieved = lines.slice(from).filter((l) => l.msg === 'executive call connected' && l.how === 'retrieved');
    expect(retrieved.map((l) => l.callId), 'the retrieved conversation names Erin\'s call').to.deep.equal([callId]);

    const live = await liveSnapshot((s) => s.lines.some((l) => l.device === 'PJSIP/1003' && l.callId !== null));
    expect(live.lines.filter((l) => ['PJSIP/1003', 'PJSIP/1007'].includes(l.device)).map((l) => [l.device, l.callId]).sort())
      .to.deep.equal([['PJSIP/1003', callId], ['PJSIP/1007', callId]]);

    const c = bob.mark();
    await bob.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, c);
    await alice.waitForEvent('CALL_CLOSED', 10_000, a);
    await expectNothingLeft();
  });
});
