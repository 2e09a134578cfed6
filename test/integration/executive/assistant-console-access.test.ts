import { expect } from 'chai';
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { defaultExecutiveSettings } from '../../../src/features/executive/settings/executive-settings.js';
import { saveExecutiveSettings, setPool } from '../../../src/features/executive/settings/executive-repository.js';
import { hashSecret } from '../../../src/users/password.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { createUser, updateUser } from '../../../src/users/settings/user-repository.js';
import { ApiClient } from '../../support/api-client.js';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';

interface ConsoleCall { id: string; caller: { name: string; number: string }; state: string; actions: string[] }
interface ConsoleView { executives: Array<{ id: number; name: string; line: { state: string; calls: ConsoleCall[] } }> }
interface Problem { code: string; detail: string }

/**
 * The assistant console's access rules with real calls ringing (issue 17): Alice (Erin's
 * pool) and Aaron (Erin's and Mark's pools) each see the calls of the executives they
 * serve; Alice can neither see nor act on Mark's call, Erin herself is no assistant, and
 * Globex's assistant finds no Acme executive at all.
 */
describe('assistant console: an assistant sees and acts on her own executives\' calls only (real Asterisk, real phones)', () => {
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'alice' | 'aaron' | 'mary' | 'carol'>>>;
  let as: Record<'alice' | 'aaron' | 'erin' | 'gail', ApiClient>;
  let markId: number;

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true });
    const demo = sb.demo!;
    // Mark Jones (1006) becomes an executive too, with only Aaron in his pool.
    const mark = demo.directory.find((u) => u.extension === '1006')!;
    markId = mark.id;
    await updateUser(sb.app.db, mark.id, { services: ['executive', ...mark.services.filter((s) => s !== 'executive')] });
    await setPool(sb.app.db, mark.id, [demo.assistants[1].id]);
    const defaults = defaultExecutiveSettings(mark.id);
    await saveExecutiveSettings(sb.app.db, mark.id, {
      filtering: { enabled: true, mode: 'all', criteria: [] },
      alerting: { ...defaults.alerting, mode: 'simultaneous', rollover: { enabled: true, waitSeconds: 60, action: 'voicemail', forwardNumber: null } },
    });
    const globex = await createOrganisation(sb.app.db, { name: 'Globex' });
    await createUser(sb.app.db, globex.id, {
      extension: '1003', name: 'Gail Globex', email: 'gail@globex.example', services: ['assistant'], locations: [], passwordHash: await hashSecret(DEMO_PASSWORD),
    });
    const signIn = (login: string) => ApiClient.signIn(sb.baseUrl, login, DEMO_PASSWORD);
    as = { alice: await signIn('alice@acme.example'), aaron: await signIn('aaron@acme.example'), erin: await signIn('erin@acme.example'), gail: await signIn('gail@globex.example') };
    phones = await startPhones({ alice: '1003', aaron: '1004', mary: '1005', carol: '1008' });
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });

  const consoleOf = async (who: ApiClient): Promise<ConsoleView> => {
    const res = await who.request<ConsoleView>('GET', '/api/assistant-console');
    expect(res.status).to.equal(200);
    return res.body;
  };
  const ringingFor = async (who: ApiClient, executive: string, caller: string): Promise<ConsoleCall> => {
    let found: ConsoleCall | undefined;
    await waitFor(`${caller}'s call in the console under ${executive}`, async () => {
      const view = await consoleOf(who);
      found = view.executives.find((e) => e.name === executive)?.line.calls.find((c) => c.caller.name === caller && c.state === 'ringing-assistants');
      return found !== undefined;
    }, 10_000);
    return found!;
  };

  it('Carol calls Mark and Mary calls Erin: Alice sees only Mary\'s call and is refused Mark\'s, naming why', async () => {
    const { alice, aaron, mary, carol } = phones;
    const [a, r] = [alice.mark(), aaron.mark()];
    await carol.dial('1006');
    await aaron.waitForEvent('CALL_INCOMING', 10_000, r);
    await mary.dial('1002');
    await alice.waitForEvent('CALL_INCOMING', 10_000, a);
    const erin = sb.demo!.executive.id;

    const marysCall = await ringingFor(as.alice, 'Erin Executive', 'Mary Jones');
    expect(marysCall.actions).to.deep.equal(['take', 'voicemail', 'forward']);
    const carolsCall = await ringingFor(as.aaron, 'Mark Jones', 'Carol White');
    const alicesView = await consoleOf(as.alice);
    expect(alicesView.executives.map((e) => e.name), 'Alice serves Erin alone').to.deep.equal(['Erin Executive']);
    expect(JSON.stringify(alicesView), 'nothing of Carol\'s call reaches Alice').not.to.contain('Carol');

    const refused = async (who: ApiClient, path: string, status: number, code: string, body: unknown = {}) => {
      const res = await who.request<Problem>('POST', `/api/assistant-console${path}`, body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).to.equal(status);
      expect(res.body.code).to.equal(code);
      return res.body.detail;
    };
    expect(await refused(as.alice, `/executives/${markId}/calls/${carolsCall.id}/take`, 403, 'not-in-pool')).to.contain('not in this executive\'s pool');
    expect(await refused(as.alice, `/executives/${markId}/call`, 403, 'not-in-pool', { number: '1007' })).to.contain('pool');
    // Mark's call named under Erin is no call of Erin's: not found, and nothing said of Mark.
    const detail = await refused(as.alice, `/executives/${erin}/calls/${carolsCall.id}/voicemail`, 404, 'no-such-call');
    expect(detail).to.contain('Erin Executive').and.not.to.contain('Mark');
    expect(await refused(as.erin, `/executives/${erin}/calls/${marysCall.id}/take`, 403, 'not-an-assistant')).to.contain('assistant');
    expect(await refused(as.gail, `/executives/${erin}/calls/${marysCall.id}/take`, 404, 'no-such-executive')).to.contain('your organisation');
    expect((await consoleOf(as.gail)).executives, 'Globex\'s assistant sees no Acme executive').to.deep.equal([]);
    // Push is for the assistant's own answered call: on a call still ringing it is refused as not possible now.
    expect(await refused(as.alice, `/executives/${erin}/calls/${marysCall.id}/push`, 409, 'action-not-available')).to.contain('ringing the assistants');

    // Both calls are still ringing their own assistants: nothing the refusals did touched them.
    expect((await ringingFor(as.aaron, 'Mark Jones', 'Carol White')).id).to.equal(carolsCall.id);
    expect((await ringingFor(as.alice, 'Erin Executive', 'Mary Jones')).id).to.equal(marysCall.id);
    await Promise.all([mary.hangup(), carol.hangup()]);
    await expectNothingLeft(10_000);
  });
});
