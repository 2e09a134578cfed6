import { expect } from 'chai';
import { DEMO_COMPANY_DID, DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { hashSecret } from '../../../src/users/password.js';
import { createUser } from '../../../src/users/settings/user-repository.js';
import { ApiClient } from '../../support/api-client.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { TEST_STORES } from '../../support/test-store.js';

interface OrganisationView { id: number; name: string; companyDid: string | null; users: number }

/** Creating a tenant (issue 12): a system administrator does it; no organisation's admin sees another. */
for (const store of TEST_STORES) describe(`organisations: a system administrator creates them, each admin sees only their own, on ${store}`, () => {
  let sb: RunningSwitchboard;
  let system: ApiClient;
  let olivia: ApiClient;
  let samId: number;

  before(async () => {
    sb = await startSwitchboard({ store, seed: true });
    const sam = await createUser(sb.app.db, sb.demo!.organisationId, {
      extension: '1099', name: 'Sam System', email: 'sam@acme.example', role: 'admin', systemAdmin: true, locations: [], passwordHash: await hashSecret(DEMO_PASSWORD),
    });
    samId = sam.id;
    system = await ApiClient.signIn(sb.baseUrl, 'sam@acme.example', DEMO_PASSWORD);
    olivia = await ApiClient.signIn(sb.baseUrl, 'olivia@acme.example', DEMO_PASSWORD);
  });
  after(() => sb?.stop());

  it('the system administrator creates Globex with its first administrator, who signs in and sees only Globex', async () => {
    const created = await system.post<{ organisation: OrganisationView; admin: { id: number; role: string; organisationId: number; locations: Array<{ address: string }> } }>('/api/organisations', {
      name: 'Globex', companyDid: '5553000', timezone: 'Europe/Paris',
      admin: { extension: '1001', name: 'Gina Globex', email: 'gina@globex.example', password: 'globex-secret', device: 'PJSIP/2005' },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.organisation).to.include({ name: 'Globex', companyDid: '5553000', users: 1 });
    expect(created.body.admin).to.include({ role: 'admin', organisationId: created.body.organisation.id });
    expect(created.body.admin.locations.map((l) => l.address)).to.deep.equal(['PJSIP/2005']);

    const list = await system.get<{ organisations: OrganisationView[] }>('/api/organisations');
    expect(list.body.organisations.map((o) => o.name)).to.deep.equal(['Acme Corp', 'Globex']);

    const gina = await ApiClient.signIn(sb.baseUrl, 'gina@globex.example', 'globex-secret');
    const users = await gina.get<{ users: Array<{ name: string }> }>('/api/users');
    expect(users.body.users.map((u) => u.name)).to.deep.equal(['Gina Globex']);
    expect((await gina.get(`/api/users/${sb.demo!.executive.id}`)).status).to.equal(404);
    expect((await gina.get('/api/organisations')).status).to.equal(403);
    expect((await gina.post('/api/organisations', { name: 'Mine', admin: { extension: '10', name: 'X', email: 'x@x.example', password: 'xxxxxxxx' } })).status).to.equal(403);
  });

  it('an organisation\'s administrator can neither list nor create organisations', async () => {
    const list = await olivia.get('/api/organisations');
    expect(list.status).to.equal(403);
    expect(list.body).to.include({ code: 'forbidden' });
    expect((await olivia.post('/api/organisations', { name: 'Initech', admin: { extension: '1001', name: 'Ian', email: 'ian@initech.example', password: 'initech-secret' } })).status).to.equal(403);
  });

  it('a taken company DID, e-mail or device is refused naming the field, and nothing is created', async () => {
    const base = { name: 'Initech', admin: { extension: '1001', name: 'Ian Initech', email: 'ian@initech.example', password: 'initech-secret' } };
    const did = await system.post('/api/organisations', { ...base, companyDid: DEMO_COMPANY_DID });
    expect(did.status).to.equal(409);
    expect(did.body.fields).to.deep.equal([{ field: 'companyDid', message: `${DEMO_COMPANY_DID} is already another organisation's company number` }]);
    const email = await system.post('/api/organisations', { ...base, admin: { ...base.admin, email: 'Olivia@acme.example' } });
    expect(email.status).to.equal(409);
    expect(String(email.body.detail)).to.match(/^admin\.email:/);
    const device = await system.post('/api/organisations', { ...base, admin: { ...base.admin, device: 'PJSIP/1002' } });
    expect(device.status).to.equal(409);
    expect(String(device.body.detail)).to.match(/^admin\.device:/);
    const local = await system.post('/api/organisations', { ...base, admin: { ...base.admin, device: 'Local/0900555123@switchboard-pstn' } });
    expect(local.status).to.equal(400);
    expect(String(local.body.detail)).to.match(/^admin\.device: Local channels/);
    const missing = await system.post('/api/organisations', { name: 'Initech' });
    expect(missing.status).to.equal(400);
    expect(String(missing.body.detail)).to.match(/^admin:/);

    const list = await system.get<{ organisations: OrganisationView[] }>('/api/organisations');
    expect(list.body.organisations.map((o) => o.name)).to.not.include('Initech');
  });

  it('an organisation\'s administrator cannot take over the system administrator: no password reset, no impersonating into it', async () => {
    const reset = await olivia.patch(`/api/users/${samId}`, { password: 'olivia-owns-you' });
    expect(reset.status).to.equal(403);
    expect(String(reset.body.detail)).to.contain('system administrator');

    // Acting as Sam (a user of her organisation) gives Olivia none of Sam's system rights.
    const started = await olivia.post<{ token: string }>('/api/auth/impersonate', { userId: samId, reason: 'checking the system account' });
    expect(started.status).to.equal(201);
    const asSam = new ApiClient(sb.baseUrl, started.body.token);
    expect((await asSam.get('/api/organisations')).status).to.equal(403);
    expect((await asSam.patch(`/api/users/${samId}`, { password: 'olivia-owns-you' })).status).to.equal(403);
    expect((await asSam.post('/api/auth/impersonate/stop')).status).to.equal(200);
    // Sam's own password still works.
    expect((await ApiClient.signIn(sb.baseUrl, 'sam@acme.example', DEMO_PASSWORD))).to.be.instanceOf(ApiClient);
  });

  it('the system administrator assigns an organisation to a node its controllers lead, and a node nobody leads is refused naming the field', async () => {
    // This controller leads its node (NODE_NAME, by default the ARI application) from the start.
    const nodes = await system.get<{ nodes: Array<{ name: string; leading: boolean; organisations: number }> }>('/api/nodes');
    expect(nodes.status).to.equal(200);
    const own = sb.config.node.name;
    expect(nodes.body.nodes.find((n) => n.name === own)).to.include({ leading: true });

    const typo = await system.put(`/api/organisations/${sb.demo!.organisationId}/node`, { node: 'nodee-b' });
    expect(typo.status).to.equal(400);
    expect(typo.body.fields).to.deep.equal([{ field: 'node', message: `no controller has led a node named nodee-b; known nodes: ${own}` }]);
    const bad = await system.put(`/api/organisations/${sb.demo!.organisationId}/node`, { node: 'b; drop table' });
    expect(bad.status).to.equal(400);
    expect(String(bad.body.detail)).to.match(/^node:/);
    expect((await system.put('/api/organisations/999999/node', { node: own })).status).to.equal(404);
    expect((await olivia.put(`/api/organisations/${sb.demo!.organisationId}/node`, { node: own })).status).to.equal(403);
    expect((await olivia.get('/api/nodes')).status).to.equal(403);

    const assigned = await system.put<OrganisationView & { node: string | null }>(`/api/organisations/${sb.demo!.organisationId}/node`, { node: own });
    expect(assigned.status).to.equal(200);
    expect(assigned.body).to.include({ name: 'Acme Corp', node: own });
    // Served by this controller's node, Acme's live view and consoles are answered here as before.
    expect((await olivia.get('/api/attendant/console')).status).to.equal(200);
    const counted = await system.get<{ nodes: Array<{ name: string; organisations: number }> }>('/api/nodes');
    expect(counted.body.nodes.find((n) => n.name === own)).to.include({ organisations: 1 });
    expect((await system.put(`/api/organisations/${sb.demo!.organisationId}/node`, { node: null })).body).to.include({ node: null });
  });
});
