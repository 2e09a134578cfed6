import { expect } from 'chai';
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { hashSecret } from '../../../src/users/password.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { createUser } from '../../../src/users/settings/user-repository.js';
import { ApiClient, type ApiResponse } from '../../support/api-client.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { TEST_STORES } from '../../support/test-store.js';

const PREMIUM_THROUGH_THE_DIALPLAN = 'Local/0900555123@switchboard-pstn';
const INVITE_TO_ANY_HOST = 'PJSIP/1001/sip:attacker@203.0.113.5:5060';

type Problem = { code: string; detail: string; fields: Array<{ field: string; message: string }> };
function refused(res: ApiResponse, field: string, why: RegExp): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(400);
  const problem = res.body as unknown as Problem;
  expect(problem.fields[0]!.field).to.equal(field);
  expect(problem.detail).to.match(new RegExp(`^${field.replace(/\./g, '\\.')}: `));
  expect(problem.fields[0]!.message).to.match(why);
}

/**
 * An administrator (or an assistant) stores a dial string that Switchboard dials verbatim
 * later (issue 12). Only a device Asterisk lists, or an outside number through the trunk
 * that the allow-list permits, gets in; everything else is a 400 naming the field and why.
 */
for (const store of TEST_STORES) describe(`dial strings: nothing but known devices and allowed numbers is stored, on ${store}`, () => {
  let sb: RunningSwitchboard;
  let admin: ApiClient;
  let alice: ApiClient;
  let erinId: number, aliceId: number, maryId: number;

  before(async () => {
    // The test trunk reaches 555xxxx: that is all this installation may dial out to.
    sb = await startSwitchboard({ store, seed: true, env: { OUTBOUND_ALLOWED_NUMBERS: '_555XXXX' } });
    erinId = sb.demo!.executive.id;
    aliceId = sb.demo!.assistants[0].id;
    maryId = sb.demo!.directory.find((u) => u.extension === '1005')!.id;
    const globex = await createOrganisation(sb.app.db, { name: 'Globex' });
    await createUser(sb.app.db, globex.id, {
      extension: '1001', name: 'Gina Globex', email: 'gina@globex.example', role: 'admin', passwordHash: await hashSecret(DEMO_PASSWORD),
      locations: [{ kind: 'primary', address: 'PJSIP/2005', ringsForIncoming: true, label: null }],
    });
    admin = await ApiClient.signIn(sb.baseUrl, 'olivia@acme.example', DEMO_PASSWORD);
    alice = await ApiClient.signIn(sb.baseUrl, 'alice@acme.example', DEMO_PASSWORD);
  });
  after(() => sb?.stop());

  it('a location address: a Local channel or a SIP URI is refused, naming the field and why', async () => {
    const local = await admin.put(`/api/users/${maryId}/locations`, { locations: [{ kind: 'primary', address: PREMIUM_THROUGH_THE_DIALPLAN }] });
    refused(local, 'locations.0.address', /Local channels/);
    const uri = await admin.put(`/api/users/${maryId}/locations`, { locations: [
      { kind: 'primary', address: 'PJSIP/1005', ringsForIncoming: true },
      { kind: 'shared', address: INVITE_TO_ANY_HOST, ringsForIncoming: true },
    ] });
    refused(uri, 'locations.1.address', /SIP URIs and hosts/);
    refused(await admin.post('/api/users', { extension: '1060', name: 'Eve', locations: [{ kind: 'primary', address: INVITE_TO_ANY_HOST }] }), 'locations.0.address', /SIP URIs/);
    refused(await admin.patch(`/api/users/${maryId}`, { locations: [{ kind: 'primary', address: PREMIUM_THROUGH_THE_DIALPLAN }] }), 'locations.0.address', /Local/);

    const mary = await admin.get<{ locations: Array<{ address: string }> }>(`/api/users/${maryId}`);
    expect(mary.body.locations.map((l) => l.address)).to.deep.equal(['PJSIP/1005']);
  });

  it('a location address must be a device Asterisk knows, stored as Asterisk spells it; mobile numbers obey the allow-list', async () => {
    refused(await admin.put(`/api/users/${maryId}/locations`, { locations: [{ kind: 'primary', address: 'PJSIP/9999' }] }), 'locations.0.address', /Asterisk has no endpoint PJSIP\/9999/);
    refused(await admin.put(`/api/users/${maryId}/locations`, { locations: [
      { kind: 'primary', address: 'PJSIP/1005', ringsForIncoming: true },
      { kind: 'mobile', address: '0900555123' },
    ] }), 'locations.1.address', /not a number this system may dial out to/);
    refused(await admin.patch(`/api/users/${maryId}`, { secondaryNumber: '0900555123' }), 'secondaryNumber', /not a number/);

    const ok = await admin.put<{ locations: Array<{ kind: string; address: string }> }>(`/api/users/${maryId}/locations`, { locations: [
      { kind: 'primary', address: 'pjsip/1005', ringsForIncoming: true },
      { kind: 'mobile', address: '5550004' },
    ] });
    expect(ok.status).to.equal(200);
    expect(ok.body.locations.map((l) => [l.kind, l.address])).to.deep.equal([['primary', 'PJSIP/1005'], ['mobile', '5550004']]);
  });

  it('the operator destination: refused for a Local channel, a SIP URI, another organisation\'s phone or a number off the allow-list', async () => {
    refused(await admin.patch('/api/attendant/settings', { operatorDestination: PREMIUM_THROUGH_THE_DIALPLAN }), 'operatorDestination', /Local channels/);
    refused(await admin.patch('/api/attendant/settings', { operatorDestination: INVITE_TO_ANY_HOST }), 'operatorDestination', /SIP URIs/);
    refused(await admin.patch('/api/attendant/settings', { operatorDestination: 'PJSIP/2005' }), 'operatorDestination', /another organisation's device/);
    refused(await admin.patch('/api/attendant/settings', { operatorDestination: '0900555123' }), 'operatorDestination', /not a number/);
    expect((await admin.get('/api/attendant/settings')).body).to.include({ operatorDestination: '1001' });

    for (const [given, stored] of [['PJSIP/1008', 'PJSIP/1008'], ['5550001', '5550001'], ['1001', '1001']] as const) {
      const res = await admin.patch('/api/attendant/settings', { operatorDestination: given });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({ operatorDestination: stored });
    }
  });

  it('the executive\'s forward number: an extension or an allowed number only', async () => {
    const forward = (forwardNumber: string) => admin.put(`/api/executives/${erinId}/alerting`, { rollover: { enabled: true, waitSeconds: 30, action: 'forward', forwardNumber } });
    refused(await forward(PREMIUM_THROUGH_THE_DIALPLAN), 'rollover.forwardNumber', /extension or a phone number/);
    refused(await forward(INVITE_TO_ANY_HOST), 'rollover.forwardNumber', /extension or a phone number/);
    refused(await forward('0900555123'), 'rollover.forwardNumber', /not a number this system may dial out to/);
    for (const number of ['1005', '5550002']) {
      const res = await forward(number);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect((res.body as { rollover: { forwardNumber: string } }).rollover.forwardNumber).to.equal(number);
    }
  });

  it('the assistant\'s divert number: an extension or an allowed number only', async () => {
    const divert = (number: string) => alice.put(`/api/assistants/${aliceId}/settings`, { divert: { enabled: true, number } });
    refused(await divert(PREMIUM_THROUGH_THE_DIALPLAN), 'divert.number', /extension or a phone number/);
    refused(await divert(INVITE_TO_ANY_HOST), 'divert.number', /extension or a phone number/);
    refused(await divert('0900555123'), 'divert.number', /not a number this system may dial out to/);
    const ok = await divert('5550003');
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body).to.deep.include({ divert: { enabled: true, number: '5550003' } });
    expect((await alice.put(`/api/assistants/${aliceId}/settings`, { divert: { enabled: false, number: null } })).status).to.equal(200);
  });
});
