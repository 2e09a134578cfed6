import { expect } from 'chai';
import { DEMO_COMPANY_DID, DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { hashSecret } from '../../../src/users/password.js';
import { createOrganisation, findOrganisationByCompanyNumber } from '../../../src/users/settings/organisation-repository.js';
import { createUser, findUserByDevice, findUserByDid } from '../../../src/users/settings/user-repository.js';
import { ApiClient, type ApiResponse } from '../../support/api-client.js';
import { asteriskRest } from '../../support/asterisk-state.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { TEST_STORES } from '../../support/test-store.js';
import { waitFor } from '../../support/wait-for.js';

type Problem = { code: string; detail: string; fields: Array<{ field: string; message: string }> };
const refusedOn = (res: ApiResponse, status: number, field: string) => {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect((res.body as unknown as Problem).fields.map((f) => f.field)).to.include(field);
  expect(String((res.body as unknown as Problem).detail)).to.match(new RegExp(`^${field.replace(/\./g, '\\.')}:`));
};

/**
 * Two organisations on one Asterisk (issue 12): Globex's administrator tries to take Acme's
 * phones and numbers. Devices, DIDs, the company DID and login e-mails are everyone's
 * problem, because the dispatcher finds a call's user by its device and its organisation by
 * its DID across organisations.
 */
for (const store of TEST_STORES) describe(`tenancy: one organisation cannot take another's phones or numbers, on ${store}`, () => {
  let sb: RunningSwitchboard;
  let acmeAdmin: ApiClient;
  let globexAdmin: ApiClient;
  let globexId: number;
  let erinId: number;

  before(async () => {
    sb = await startSwitchboard({ store, seed: true });
    erinId = sb.demo!.executive.id;
    const globex = await createOrganisation(sb.app.db, { name: 'Globex', companyDid: '5553000' });
    globexId = globex.id;
    await createUser(sb.app.db, globex.id, {
      extension: '1001', name: 'Gina Globex', email: 'gina@globex.example', role: 'admin',
      locations: [{ kind: 'primary', address: 'PJSIP/2005', ringsForIncoming: true, label: null }],
      passwordHash: await hashSecret(DEMO_PASSWORD),
    });
    acmeAdmin = await ApiClient.signIn(sb.baseUrl, 'olivia@acme.example', DEMO_PASSWORD);
    globexAdmin = await ApiClient.signIn(sb.baseUrl, 'gina@globex.example', DEMO_PASSWORD);
  });
  after(() => sb?.stop());

  it('Globex cannot give its user Erin\'s phone PJSIP/1002: 409 naming the field, and Erin\'s calls stay Erin\'s', async () => {
    const explicit = await globexAdmin.post('/api/users', {
      extension: '1050', name: 'Mallory', locations: [{ kind: 'primary', address: 'PJSIP/1002', ringsForIncoming: true }],
    });
    refusedOn(explicit, 409, 'locations.0.address');
    expect(explicit.body).to.include({ code: 'device-taken' });

    // Extension 1002 is free in Globex, but its default phone PJSIP/1002 is not.
    const byDefault = await globexAdmin.post('/api/users', { extension: '1002', name: 'Mallory' });
    refusedOn(byDefault, 409, 'extension');
    expect(String(byDefault.body.detail)).to.contain('PJSIP/1002');

    const created = await globexAdmin.post<{ id: number }>('/api/users', {
      extension: '1051', name: 'Mallory', locations: [{ kind: 'primary', address: 'PJSIP/2006', ringsForIncoming: true }],
    });
    expect(created.status).to.equal(201);
    const asShared = await globexAdmin.put(`/api/users/${created.body.id}/locations`, { locations: [
      { kind: 'primary', address: 'PJSIP/2006', ringsForIncoming: true },
      { kind: 'shared', address: 'PJSIP/1002', ringsForIncoming: true },
    ] });
    refusedOn(asShared, 409, 'locations.1.address');

    expect((await findUserByDevice(sb.app.db, 'PJSIP/1002'))?.id).to.equal(erinId);
    const erin = await acmeAdmin.get<{ locations: Array<{ address: string }> }>(`/api/users/${erinId}`);
    expect(erin.body.locations.map((l) => l.address)).to.deep.equal(['PJSIP/1002']);
  });

  it('Globex cannot take Erin\'s DID nor Acme\'s company DID: 409 naming the field; carrier calls still reach Acme', async () => {
    const created = await globexAdmin.post<{ id: number }>('/api/users', {
      extension: '1052', name: 'Mallory Two', locations: [{ kind: 'primary', address: 'PJSIP/2007', ringsForIncoming: true }],
    });
    expect(created.status).to.equal(201);
    refusedOn(await globexAdmin.put(`/api/users/${created.body.id}/dids`, { dids: ['5553001', '5552002'] }), 409, 'dids.1');
    refusedOn(await globexAdmin.post('/api/users', { extension: '1053', name: 'Mallory Three', locations: [], dids: ['5552005'] }), 409, 'dids.0');
    // A user's DID cannot be a company number either: the attendant would answer it.
    refusedOn(await globexAdmin.put(`/api/users/${created.body.id}/dids`, { dids: [DEMO_COMPANY_DID] }), 409, 'dids.0');

    const company = await globexAdmin.patch('/api/attendant/settings', { companyDid: DEMO_COMPANY_DID });
    refusedOn(company, 409, 'companyDid');
    refusedOn(await globexAdmin.patch('/api/attendant/settings', { companyDid: '5552002' }), 409, 'companyDid');
    expect((await globexAdmin.get('/api/attendant/settings')).body).to.include({ companyDid: '5553000' });

    expect((await findOrganisationByCompanyNumber(sb.app.db, DEMO_COMPANY_DID))?.name).to.equal('Acme Corp');
    expect((await findUserByDid(sb.app.db, '5552002'))?.id).to.equal(erinId);
  });

  it('within one organisation two users cannot share a phone, and one list cannot name a device twice', async () => {
    const mary = sb.demo!.directory.find((u) => u.extension === '1005')!;
    const onBobsPhone = await acmeAdmin.put(`/api/users/${mary.id}/locations`, { locations: [{ kind: 'primary', address: 'PJSIP/1007', ringsForIncoming: true }] });
    refusedOn(onBobsPhone, 409, 'locations.0.address');
    const twice = await acmeAdmin.put(`/api/users/${mary.id}/locations`, { locations: [
      { kind: 'primary', address: 'PJSIP/1005', ringsForIncoming: true },
      { kind: 'shared', address: 'PJSIP/1005', ringsForIncoming: false },
    ] });
    refusedOn(twice, 400, 'locations.1.address');
    // Her own phone is hers to keep.
    const same = await acmeAdmin.put(`/api/users/${mary.id}/locations`, { locations: [{ kind: 'primary', address: 'PJSIP/1005', ringsForIncoming: true }] });
    expect(same.status).to.equal(200);
  });

  it('a login e-mail belongs to one user, whatever its case', async () => {
    refusedOn(await globexAdmin.post('/api/users', { extension: '1054', name: 'Erin Lookalike', email: 'ERIN@acme.example', locations: [] }), 409, 'email');
    const mary = sb.demo!.directory.find((u) => u.extension === '1005')!;
    refusedOn(await acmeAdmin.patch(`/api/users/${mary.id}`, { email: 'bob@acme.example' }), 409, 'email');
    expect((await acmeAdmin.patch(`/api/users/${mary.id}`, { email: 'mary@acme.example' })).status).to.equal(200);
  });

  it('Globex\'s executive 1002 and Acme\'s light different lamps', async () => {
    const exec = await globexAdmin.post<{ id: number }>('/api/users', {
      extension: '1002', name: 'Gus Executive', services: ['executive'], locations: [{ kind: 'primary', address: 'PJSIP/2008', ringsForIncoming: true }],
    });
    expect(exec.status).to.equal(201);
    await asteriskRest.setDeviceState('Stasis:exec-filter-1-1002', 'NOT_INUSE');
    expect((await globexAdmin.put(`/api/executives/${exec.body.id}/filtering`, { enabled: true })).status).to.equal(200);
    await waitFor('Globex\'s filter lamp to light', async () => (await asteriskRest.deviceState(`Stasis:exec-filter-${globexId}-1002`)).state === 'INUSE', 3000);
    expect((await asteriskRest.deviceState('Stasis:exec-filter-1-1002')).state).to.equal('NOT_INUSE');
  });
});
