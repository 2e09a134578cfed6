import { expect } from 'chai';
import { statSync } from 'node:fs';
import { ApiClient } from '../../support/api-client.js';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { audioStats, heardTone } from '../../support/audio.js';
import { answeredCall } from '../../support/calls.js';
import type { Phone } from '../../support/phone.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { asteriskCli } from '../ops/ops-support.js';

/** What AstDB holds under `switchboard`, as Asterisk's own CLI shows it (`ext/1002` → value). */
async function switchboardAstDb(): Promise<Map<string, string>> {
  const out = await asteriskCli('database show switchboard');
  return new Map([...out.matchAll(/^\/switchboard\/(\S+)\s*:\s*(\S+)/gm)].map((m) => [m[1]!, m[2]!]));
}

/**
 * With the controller down, Stasis() fails and only the dialplan can help a caller
 * (asterisk-conf/extensions.conf, switchboard-fallback*). It rings the dialled user's own
 * devices, which the controller kept in Asterisk's own database (AstDB) while it ran
 * (src/users/fallback-directory.ts through src/ari/astdb.ts): an outside caller on an
 * executive's DID reaches the executive, not the operator; an extension rings that
 * user's phones; a number that is nobody's reaches the operator.
 */
describe('faults: with the controller stopped, the dialplan still rings the dialled user', function () {
  this.timeout(120_000);
  let sb: RunningSwitchboard | undefined;
  let phones: Awaited<ReturnType<typeof startPhones<'outside' | 'olivia' | 'erin' | 'mary' | 'bob' | 'frontDesk'>>>;

  before(async () => {
    await resetAsterisk();
    // A fast comparison, so the users seeded after start and the change below reach AstDB soon.
    sb = await startSwitchboard({ seed: true, env: { DIALPLAN_FALLBACK_SYNC_MS: '300' } });
    phones = await startPhones({ outside: '5550001', olivia: '1001', erin: '1002', mary: '1005', bob: '1007', frontDesk: '2008' });
    // While the controller runs, an administrator gives Bob a DID and a shared call
    // appearance on the front-desk phone (its own endpoint, 2008) that rings for his calls.
    const admin = await ApiClient.signIn(sb.baseUrl, '1001', 'switchboard');
    const bob = sb.demo!.directory.find((u) => u.extension === '1007')!;
    expect((await admin.put(`/api/users/${bob.id}/locations`, { locations: [
      { kind: 'primary', address: 'PJSIP/1007', ringsForIncoming: true, label: null },
      { kind: 'shared', address: 'PJSIP/2008', ringsForIncoming: true, label: 'front desk' },
    ] })).status).to.equal(200);
    expect((await admin.put(`/api/users/${bob.id}/dids`, { dids: ['5552007'] })).status).to.equal(200);
    let held = new Map<string, string>();
    await waitFor('the controller to write the directory into AstDB', async () => {
      held = await switchboardAstDb();
      return held.get('did/5552007') === 'PJSIP/1007&PJSIP/2008' && held.get('ext/1007') === 'PJSIP/1007&PJSIP/2008' && held.get('did/5552002') === 'PJSIP/1002';
    }, 15_000, () => `AstDB holds ${JSON.stringify(Object.fromEntries(held))}`);
    // The controller goes away: its Stasis app is no longer registered.
    await sb.stop();
    sb = undefined;
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
    // AstDB outlives Asterisk restarts: leave no entry of this story for the next test.
    await asteriskCli('database deltree switchboard').catch(() => undefined);
  });
  beforeEach(resetAsterisk);

  /** Waits while `listener` hears two seconds of the answered call. */
  async function talking(listener: Phone): Promise<void> {
    // 8 kHz, 16-bit: 16,000 bytes a second of what the phone heard.
    await waitFor(`${listener.endpoint} to have heard two seconds of the call`, () => {
      const recording = listener.recordings().at(-1);
      return !!recording && statSync(recording).size > 32_000;
    }, 10_000);
  }
  /** After the call (a recording in progress has no sizes in its header yet): `listener` heard `speaker`'s tone. */
  function expectHeard(listener: Phone, speaker: Phone): void {
    const heard = listener.recordings().at(-1)!;
    expect(heardTone(heard, phones.toneOf(speaker), { windowSeconds: 0.5 }), `${listener.endpoint} heard ${speaker.endpoint} (${phones.toneOf(speaker)} Hz) in ${JSON.stringify(audioStats(heard))}`).to.equal(true);
  }

  it('an outside caller dials Erin\'s DID: Erin\'s phone rings, not the operator\'s, and they talk', async () => {
    const { outside, erin, olivia } = phones;
    const o1 = olivia.mark();
    const { calleeMark: e, callerMark: o } = await answeredCall(outside, erin, '5552002');
    await talking(erin);
    await outside.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    expectHeard(erin, outside);
    expect(outside.has('CALL_CLOSED', o)).to.equal(true);
    expect(olivia.has('CALL_INCOMING', o1), 'the operator did not ring').to.equal(false);
    await expectNothingLeft(10_000);
  });

  it('an outside caller dials Bob\'s new DID: Bob\'s phone and his shared appearance ring; Bob answers and the other stops', async () => {
    const { outside, bob, frontDesk } = phones;
    const f = frontDesk.mark();
    const { calleeMark: b } = await answeredCall(outside, bob, '5552007');
    await frontDesk.waitForEvent('CALL_INCOMING', 10_000, f);
    await frontDesk.waitForEvent('CALL_CLOSED', 10_000, f);
    await talking(bob);
    await outside.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    expectHeard(bob, outside);
    await expectNothingLeft(10_000);
  });

  it('Mary dials Bob\'s extension: Bob\'s devices ring, Bob answers and hears Mary', async () => {
    const { mary, bob, frontDesk } = phones;
    const f = frontDesk.mark();
    const { calleeMark: b, callerMark: m } = await answeredCall(mary, bob, '1007');
    await frontDesk.waitForEvent('CALL_INCOMING', 10_000, f);
    await frontDesk.waitForEvent('CALL_CLOSED', 10_000, f);
    await talking(bob);
    await bob.hangup();
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    expect(bob.has('CALL_CLOSED', b)).to.equal(true);
    expectHeard(bob, mary);
    await expectNothingLeft(10_000);
  });

  it('an outside caller dials the company number, which is no user\'s: the operator answers', async () => {
    const { outside, olivia, erin } = phones;
    const e = erin.mark();
    const { calleeMark: op } = await answeredCall(outside, olivia, '5552000');
    await talking(olivia);
    await outside.hangup();
    await olivia.waitForEvent('CALL_CLOSED', 10_000, op);
    expectHeard(olivia, outside);
    expect(erin.has('CALL_INCOMING', e), 'no user\'s phone rang').to.equal(false);
    await expectNothingLeft(10_000);
  });
});
