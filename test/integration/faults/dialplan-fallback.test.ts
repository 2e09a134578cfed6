import { expect } from 'chai';
import { AstDb } from '../../../src/ari/astdb.js';
import { ApiClient } from '../../support/api-client.js';
import { asteriskRest, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { answeredCall } from '../../support/calls.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * With the controller down, Stasis() fails and only the dialplan can help a caller
 * (asterisk-conf/extensions.conf, switchboard-fallback*). It rings the dialled user's own
 * devices, which the controller kept in Asterisk's own database (AstDB) while it ran
 * (src/users/fallback-directory.ts): an outside caller on an executive's DID reaches the
 * executive, not the operator; an extension rings that user's phones.
 */
describe('faults: with the controller stopped, the dialplan still rings the dialled user', function () {
  this.timeout(120_000);
  let sb: RunningSwitchboard | undefined;
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'mary' | 'bob' | 'carol' | 'outside'>>>;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true, env: { DIALPLAN_FALLBACK_SYNC_MS: '300' } });
    phones = await startPhones({ erin: '1002', mary: '1005', bob: '1007', carol: '2008', outside: '5550001' });
    // While the controller runs, an administrator gives Bob a DID and a shared call
    // appearance on the front-desk phone (its own endpoint, 2008) that rings for his calls.
    const admin = await ApiClient.signIn(sb.baseUrl, '1001', 'switchboard');
    const bob = sb.demo!.directory.find((u) => u.extension === '1007')!;
    expect((await admin.put(`/api/users/${bob.id}/locations`, { locations: [
      { kind: 'primary', address: 'PJSIP/1007', ringsForIncoming: true, label: null },
      { kind: 'shared', address: 'PJSIP/2008', ringsForIncoming: true, label: 'front desk' },
    ] })).status).to.equal(200);
    expect((await admin.put(`/api/users/${bob.id}/dids`, { dids: ['5552007'] })).status).to.equal(200);
    let held = '';
    await waitFor('the controller to write Bob\'s devices into AstDB', async () => {
      held = (await asteriskRest.getGlobalVariable('DB(switchboard/did/5552007)').catch(() => ({ value: '' }))).value;
      return held === 'PJSIP/1007&PJSIP/2008';
    }, 10_000, () => `AstDB holds "${held}"`);
    // The controller goes away: its Stasis app is no longer registered.
    await sb.stop();
    sb = undefined;
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
    // AstDB outlives Asterisk restarts: leave no entry of this story for the next test.
    const astdb = new AstDb(asteriskRest);
    for (const family of ['ext', 'did']) {
      for (const key of await astdb.keys(`switchboard/${family}`)) await astdb.delete('switchboard', `${family}/${key}`);
    }
  });
  beforeEach(resetAsterisk);

  it('an outside caller dials Erin\'s DID: Erin\'s phone rings, not the operator\'s, and they talk', async () => {
    const { outside, erin } = phones;
    const { calleeMark: e, callerMark: o } = await answeredCall(outside, erin, '5552002');
    await outside.hangup();
    await erin.waitForEvent('CALL_CLOSED', 10_000, e);
    expect(outside.has('CALL_CLOSED', o)).to.equal(true);
    await expectNothingLeft(10_000);
  });

  it('an outside caller dials Bob\'s new DID: Bob\'s phone and his shared appearance ring; Bob answers and the other stops', async () => {
    const { outside, bob, carol } = phones;
    const c = carol.mark();
    const { calleeMark: b } = await answeredCall(outside, bob, '5552007');
    await carol.waitForEvent('CALL_INCOMING', 10_000, c);
    await carol.waitForEvent('CALL_CLOSED', 10_000, c);
    await outside.hangup();
    await bob.waitForEvent('CALL_CLOSED', 10_000, b);
    await expectNothingLeft(10_000);
  });

  it('Mary dials Bob\'s extension: Bob\'s devices ring and Bob answers', async () => {
    const { mary, bob, carol } = phones;
    const c = carol.mark();
    const { calleeMark: b, callerMark: m } = await answeredCall(mary, bob, '1007');
    await carol.waitForEvent('CALL_INCOMING', 10_000, c);
    await carol.waitForEvent('CALL_CLOSED', 10_000, c);
    await bob.hangup();
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    expect(bob.has('CALL_CLOSED', b)).to.equal(true);
    await expectNothingLeft(10_000);
  });
});
