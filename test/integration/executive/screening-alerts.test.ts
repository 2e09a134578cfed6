import { expect } from 'chai';
import { DEFAULT_ALERT_INFO } from '../../../src/features/executive/policy/screening.js';
import { registeredUserAgent } from '../../../src/features/executive/flows/screening-alerts.js';
import { updateUser } from '../../../src/users/settings/user-repository.js';
import { channels, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import type { Phone } from '../../support/phone.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { erinFilters } from './filtering-support.js';

/** What the phone's last INVITE carried as Alert-Info, read from its own SIP trace. */
function lastAlertInfo(phone: Phone): string[] {
  return phone.receivedRequests('INVITE').at(-1)?.headers['alert-info'] ?? [];
}

/**
 * Screening on every location kind, each on a real phone that prints what it received:
 * Erin's desk phone (1002, auto-detected from its User-Agent: baresip, so generic), her
 * shared call appearance (2002, configured as a Polycom), her anywhere number (5550002,
 * a Yealink) and her mobile (5550003, a Cisco), the last two through the trunk.
 */
describe('screening alert types on real phones: the Alert-Info each location receives', () => {
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'erin' | 'shared' | 'anywhere' | 'mobile' | 'alice' | 'mary'>>>;
  const GENERIC_SILENT = '<http://127.0.0.1>;info=test-quiet';

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({
      seed: true,
      env: {
        SCREENING_PHONE_FAMILIES: 'PJSIP/2002=polycom,5550002=yealink,5550003=cisco',
        SCREENING_ALERT_INFO: JSON.stringify({ generic: { silent: GENERIC_SILENT } }),
      },
    });
    const trace = { sipTrace: true };
    phones = await startPhones({ erin: '1002', shared: '2002', anywhere: '5550002', mobile: '5550003', alice: '1003', mary: '1005' },
      { erin: trace, shared: trace, anywhere: trace, mobile: trace });
    await updateUser(sb.app.db, sb.demo!.executive.id, {
      locations: [
        { kind: 'primary', address: 'PJSIP/1002', ringsForIncoming: true, label: null },
        { kind: 'shared', address: 'PJSIP/2002', ringsForIncoming: true, label: 'desk 2' },
        { kind: 'anywhere', address: '5550002', ringsForIncoming: true, label: 'home' },
        { kind: 'mobile', address: '5550003', ringsForIncoming: true, label: 'mobile' },
      ],
    });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);
  afterEach(async () => {
    await waitFor('every call session to end', () => sb.app.tracker.size === 0, 5000, () => `${sb.app.tracker.size} sessions left`);
  });

  async function screenedCall(alertType: 'silent' | 'ring-splash'): Promise<void> {
    await erinFilters(sb, { screening: { enabled: true, alertType, alertShared: true, alertAnywhere: true, alertMobile: true } });
    await sb.app.db.updateTable('executive_assistants').set({ opted_in: 0 }).where('assistant_user_id', '=', sb.demo!.assistants[1].id).execute();
    const { erin, shared, anywhere, mobile, alice, mary } = phones;
    const marks = [erin, shared, anywhere, mobile, alice].map((p) => p.mark());
    await mary.dial('1002');
    await Promise.all([erin, shared, anywhere, mobile, alice].map((p, i) => p.waitForEvent('CALL_INCOMING', 15_000, marks[i])));
    await alice.answer();
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000);
    await Promise.all([erin, shared, anywhere, mobile].map((p, i) => p.waitForEvent('CALL_CLOSED', 10_000, marks[i])));
  }

  it('silent: each phone gets its own family\'s silent alert; the assistant gets none', async () => {
    await screenedCall('silent');
    const { erin, shared, anywhere, mobile, alice, mary } = phones;
    expect(lastAlertInfo(erin), 'desk phone: baresip, generic (overridden by SCREENING_ALERT_INFO)').to.deep.equal([GENERIC_SILENT]);
    expect(lastAlertInfo(shared), 'shared appearance: Polycom visual ring class').to.deep.equal([DEFAULT_ALERT_INFO.polycom.silent]);
    expect(lastAlertInfo(anywhere), 'anywhere number, through the trunk: Yealink Silent.wav').to.deep.equal(['<http://127.0.0.1>;info=ringtone-9']);
    expect(lastAlertInfo(mobile), 'mobile, through the trunk: Cisco').to.deep.equal([DEFAULT_ALERT_INFO.cisco.silent]);
    expect(alice.receivedRequests('INVITE').length, 'Alice\'s phone does not trace').to.equal(0);
    await mary.hangup();
    await expectNothingLeft();
  });

  it('ring splash: the same phones get their families\' ring splash', async () => {
    await screenedCall('ring-splash');
    const { erin, shared, anywhere, mobile, mary } = phones;
    expect(lastAlertInfo(erin)).to.deep.equal([DEFAULT_ALERT_INFO.generic['ring-splash']]);
    expect(lastAlertInfo(shared)).to.deep.equal(['<http://127.0.0.1>;info=splash']);
    expect(lastAlertInfo(anywhere)).to.deep.equal(['<http://127.0.0.1>;info=ringtone-10']);
    expect(lastAlertInfo(mobile)).to.deep.equal(['<http://127.0.0.1/Bellcore-dr5>']);
    await mary.hangup();
    await expectNothingLeft();
  });

  it('Asterisk tells the User-Agent a phone registered with (how an unconfigured phone\'s family is found)', async () => {
    const { mary } = phones;
    await mary.dial('1099');
    let channelId: string | undefined;
    await waitFor('Mary\'s channel', async () => { channelId = (await channels()).find((c) => c.name.startsWith('PJSIP/1005-'))?.id; return channelId !== undefined; }, 5000);
    expect(await registeredUserAgent(sb.app.ari, channelId!, 'PJSIP/1002')).to.match(/^baresip v1\.0\.0/);
    expect(await registeredUserAgent(sb.app.ari, channelId!, 'PJSIP/1020'), 'a device with no phone registered').to.equal(undefined);
    await mary.waitForEvent('CALL_CLOSED', 15_000);
    await expectNothingLeft();
  });
});
