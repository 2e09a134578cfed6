import { expect } from 'chai';
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { hashSecret } from '../../../src/users/password.js';
import type { LiveEvent } from '../../../src/calls/live-events.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { createUser } from '../../../src/users/settings/user-repository.js';
import { asteriskRest } from '../../support/asterisk-state.js';
import { ApiClient } from '../../support/api-client.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { TEST_STORES } from '../../support/test-store.js';
import { waitFor } from '../../support/wait-for.js';

for (const store of TEST_STORES) describe(`executive settings API: who may read and change what, on ${store}`, () => {
  let sb: RunningSwitchboard;
  let admin: ApiClient, erin: ApiClient, alice: ApiClient, mary: ApiClient, outsider: ApiClient;
  let erinId: number, aliceId: number, aaronId: number, maryId: number, outsiderId: number;
  const live: LiveEvent[] = [];

  before(async () => {
    sb = await startSwitchboard({ store, seed: true });
    const demo = sb.demo!;
    [erinId, aliceId, aaronId] = [demo.executive.id, demo.assistants[0].id, demo.assistants[1].id];
    maryId = demo.directory.find((u) => u.extension === '1005')!.id;
    const other = await createOrganisation(sb.app.db, { name: 'Other Inc' });
    // The same extension in another organisation, on its own phone: PJSIP/1002 is Erin's.
    const outsiderUser = await createUser(sb.app.db, other.id, {
      extension: '1002', locations: [{ kind: 'primary', address: 'PJSIP/2010', ringsForIncoming: true, label: null }], name: 'Otto Outsider', email: 'otto@other.example', role: 'admin', services: ['executive', 'assistant'], passwordHash: await hashSecret(DEMO_PASSWORD),
    });
    outsiderId = outsiderUser.id;
    [admin, erin, alice, mary, outsider] = await Promise.all([
      ApiClient.signIn(sb.baseUrl, 'olivia@acme.example', DEMO_PASSWORD),
      ApiClient.signIn(sb.baseUrl, 'erin@acme.example', DEMO_PASSWORD),
      ApiClient.signIn(sb.baseUrl, 'alice@acme.example', DEMO_PASSWORD),
      ApiClient.signIn(sb.baseUrl, 'mary@acme.example', DEMO_PASSWORD),
      ApiClient.signIn(sb.baseUrl, 'otto@other.example', DEMO_PASSWORD),
    ]);
    sb.app.live.on('event', (e) => live.push(e));
  });
  after(() => sb?.stop());

  it('the executive reads everything of theirs, the pool included', async () => {
    const res = await erin.get<{ filtering: { enabled: boolean }; pool: { assistants: Array<{ extension: string; optedIn: boolean }> } }>(`/api/executives/${erinId}`);
    expect(res.status).to.equal(200);
    expect(res.body.filtering.enabled).to.equal(true);
    expect(res.body.pool.assistants.map((a) => [a.extension, a.optedIn])).to.deep.equal([['1003', true], ['1004', true]]);
  });

  it('an assistant reads and changes filtering, screening and alerting, and the filter lamp follows', async () => {
    const off = await alice.put<{ enabled: boolean; mode: string }>(`/api/executives/${erinId}/filtering`, { enabled: false });
    expect(off.status).to.equal(200);
    expect(off.body).to.include({ enabled: false, mode: 'all' });
    expect((await asteriskRest.deviceState('Stasis:exec-filter-1-1002')).state).to.equal('NOT_INUSE');
    expect(live.some((e) => e.kind === 'executive.filtering' && e.data.enabled === false)).to.equal(true);
    const on = await alice.put(`/api/executives/${erinId}/filtering`, {
      enabled: true, mode: 'criteria',
      criteria: [{ name: 'VIPs ring through', action: 'let-through', callers: { kind: 'listed', numbers: ['5550001'] } }],
    });
    expect(on.status).to.equal(200);
    expect((await asteriskRest.deviceState('Stasis:exec-filter-1-1002')).state).to.equal('INUSE');
    expect((await alice.put(`/api/executives/${erinId}/screening`, { enabled: true, alertType: 'ring-splash' })).body).to.include({ enabled: true, alertType: 'ring-splash' });
    const alerting = await alice.put(`/api/executives/${erinId}/alerting`, { mode: 'sequential', ringsToAdvance: 2, pushRecallRings: 5 });
    expect(alerting.body).to.include({ mode: 'sequential', ringsToAdvance: 2, pushRecallRings: 5 });
    const read = await alice.get<Record<string, unknown>>(`/api/executives/${erinId}`);
    expect(read.status).to.equal(200);
    expect(read.body).to.not.have.property('pool');
  });

  it('an assistant may never see or change the pool: 403', async () => {
    expect((await alice.get(`/api/executives/${erinId}/assistants`)).status).to.equal(403);
    const res = await alice.put(`/api/executives/${erinId}/assistants`, { assistants: [aliceId] });
    expect(res.status).to.equal(403);
    expect(res.body).to.include({ code: 'forbidden' });
  });

  it('someone who is not in the pool gets 403; a user of another organisation 404, even an administrator', async () => {
    expect((await mary.get(`/api/executives/${erinId}/filtering`)).status).to.equal(403);
    expect((await mary.put(`/api/executives/${erinId}/filtering`, { enabled: false })).status).to.equal(403);
    expect((await outsider.get(`/api/executives/${erinId}`)).status).to.equal(404);
    expect((await outsider.put(`/api/executives/${erinId}/screening`, { enabled: false })).status).to.equal(404);
    expect((await outsider.get(`/api/assistants/${aliceId}/settings`)).status).to.equal(404);
    expect((await admin.get(`/api/executives/${outsiderId}`)).status).to.equal(404);
    expect((await admin.get(`/api/executives/${maryId}`)).status, 'Mary is no executive').to.equal(404);
  });

  it('a bad body is a 400 naming the field', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['alerting', { ringsToAdvance: 21 }, 'ringsToAdvance'],
      ['alerting', { rollover: { enabled: true, waitSeconds: 7201, action: 'voicemail' } }, 'rollover.waitSeconds'],
      ['alerting', { rollover: { enabled: true, waitSeconds: 30, action: 'forward' } }, 'rollover.forwardNumber'],
      ['alerting', { pushRecallRings: 1 }, 'pushRecallRings'],
      ['alerting', { callerIdName: { mode: 'custom' } }, 'callerIdName.custom'],
      ['filtering', { mode: 'sometimes' }, 'mode'],
      ['filtering', { criteria: [{ name: 'x', action: 'filter', callers: { kind: 'any' }, timeSchedule: [{ days: [1], start: '25:00', end: '10:00' }] }] }, 'criteria.0.timeSchedule.0.start'],
      ['screening', { alertType: 'loud' }, 'alertType'],
      ['screening', { colour: 'red' }, 'screening'],
    ];
    for (const [section, body, field] of cases) {
      const res = await erin.put<{ code: string; fields: Array<{ field: string }> }>(`/api/executives/${erinId}/${section}`, body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body.code).to.equal('invalid-request');
      if (field !== 'screening') expect(res.body.fields.map((f) => f.field), JSON.stringify(body)).to.include(field);
    }
  });

  it('the pool: ordered, assistants of the organisation with the service only, at most 10', async () => {
    const bad = await erin.put<{ fields: Array<{ field: string; message: string }> }>(`/api/executives/${erinId}/assistants`, { assistants: [aliceId, maryId] });
    expect(bad.status).to.equal(400);
    expect(bad.body.fields[0]).to.deep.equal({ field: 'assistants.1', message: 'this user does not have the assistant service' });
    expect((await erin.put(`/api/executives/${erinId}/assistants`, { assistants: [outsiderId] })).status).to.equal(400);
    expect((await erin.put(`/api/executives/${erinId}/assistants`, { assistants: [...Array(11).keys()].map((i) => i + 1) })).status).to.equal(400);
    const reordered = await erin.put<{ assistants: Array<{ extension: string }> }>(`/api/executives/${erinId}/assistants`, { assistants: [aaronId, aliceId] });
    expect(reordered.status).to.equal(200);
    expect(reordered.body.assistants.map((a) => a.extension)).to.deep.equal(['1004', '1003']);
    const byAdmin = await admin.put<{ allowOptInOut: boolean }>(`/api/executives/${erinId}/assistants`, { assistants: [aliceId, aaronId], allowOptInOut: true });
    expect(byAdmin.status).to.equal(200);
  });

  it('an assistant opts out and in; the lamp and the live view follow; refused when the executive does not allow it', async () => {
    const out = await alice.put<{ executives: Array<{ extension: string; optedIn: boolean }> }>(`/api/assistants/${aliceId}/executives/${erinId}/opt-in`, { optedIn: false });
    expect(out.status).to.equal(200);
    expect(out.body.executives).to.deep.include({ executiveId: erinId, extension: '1002', name: 'Erin Executive', position: 0, optedIn: false });
    await waitFor('the opt-in lamp to go dark', async () => (await asteriskRest.deviceState('Stasis:exec-optin-1-1003-1002')).state === 'NOT_INUSE', 3000);
    expect(live.some((e) => e.kind === 'executive.opt-in' && e.data.assistantId === aliceId && e.data.optedIn === false)).to.equal(true);
    await erin.put(`/api/executives/${erinId}/assistants`, { allowOptInOut: false });
    const refused = await alice.put(`/api/assistants/${aliceId}/executives/${erinId}/opt-in`, { optedIn: true });
    expect(refused.status).to.equal(403);
    expect(refused.body).to.include({ code: 'opt-in-not-allowed' });
    expect((await admin.put(`/api/assistants/${aliceId}/executives/${erinId}/opt-in`, { optedIn: true })).status, 'an administrator may').to.equal(200);
    expect((await asteriskRest.deviceState('Stasis:exec-optin-1-1003-1002')).state).to.equal('INUSE');
    await erin.put(`/api/executives/${erinId}/assistants`, { allowOptInOut: true });
  });

  it('after a reconnection the lamps are published again (an Asterisk restart forgets them)', async () => {
    await asteriskRest.setDeviceState('Stasis:exec-filter-1-1002', 'NOT_INUSE');
    await asteriskRest.setDeviceState('Stasis:exec-optin-1-1004-1002', 'NOT_INUSE');
    const feature = sb.app.features.find((f) => f.name === 'executive')!;
    await feature.onAriConnected!();
    expect((await asteriskRest.deviceState('Stasis:exec-filter-1-1002')).state).to.equal('INUSE');
    expect((await asteriskRest.deviceState('Stasis:exec-optin-1-1004-1002')).state).to.equal('INUSE');
  });

  it('assistant settings: divert, by the assistant or an administrator only', async () => {
    const set = await alice.put<{ divert: { enabled: boolean; number: string } }>(`/api/assistants/${aliceId}/settings`, { divert: { enabled: true, number: '5550009' } });
    expect(set.status).to.equal(200);
    expect(set.body.divert).to.deep.equal({ enabled: true, number: '5550009' });
    const missing = await alice.put<{ fields: Array<{ field: string }> }>(`/api/assistants/${aliceId}/settings`, { divert: { enabled: true } });
    expect(missing.status).to.equal(400);
    expect(missing.body.fields[0]!.field).to.equal('divert.number');
    expect((await erin.put(`/api/assistants/${aliceId}/settings`, { divert: { enabled: false } })).status, 'not even the executive').to.equal(403);
    expect((await mary.get(`/api/assistants/${aliceId}/settings`)).status).to.equal(403);
    expect((await admin.put(`/api/assistants/${aliceId}/settings`, { divert: { enabled: false, number: null } })).status).to.equal(200);
    expect((await alice.put(`/api/assistants/${aliceId}/executives/${maryId}/opt-in`, { optedIn: true })).status, 'not in that pool').to.equal(404);
  });
});
