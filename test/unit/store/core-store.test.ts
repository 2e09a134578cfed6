import { expect } from 'chai';
import { createAuthSession, deleteAuthSession, findAuthSession } from '../../../src/http/auth/session-store.js';
import { listAudit, recordAudit } from '../../../src/store/audit.js';
import { conflictFromUniqueViolation, uniqueViolationOf } from '../../../src/store/unique-violation.js';
import { createOrganisation, findOrganisationByCompanyNumber } from '../../../src/users/settings/organisation-repository.js';
import {
  createUser, deleteUser, findUserByDevice, findUserByDid, getUser, listUsers, updateUser,
} from '../../../src/users/settings/user-repository.js';
import { openMigratedStore, TEST_STORES, type MigratedTestStore } from '../../support/test-store.js';

/** What a write that breaks a unique key throws, caught so a test can look at it. */
async function failureOf(write: Promise<unknown>): Promise<unknown> {
  return write.then(() => { throw new Error('the write succeeded'); }, (error: unknown) => error);
}

for (const storeName of TEST_STORES) {
  describe(`the core store on ${storeName}`, () => {
    let store: MigratedTestStore;
    let orgId: number;
    before(async () => {
      store = await openMigratedStore(storeName);
      orgId = (await createOrganisation(store.db, { name: 'Acme', companyDid: '5552000' })).id;
    });
    after(() => store?.close());

    it('numbers new rows itself and reads booleans, lists and counts back as JavaScript values', async () => {
      const nina = await createUser(store.db, orgId, {
        extension: '2001', name: 'Nina Nakamura', services: ['voicemail', 'attendant'], aliases: ['Nin'], dids: ['5552001'],
        hiddenFromDirectory: true, loggedIn: false,
      });
      const omar = await createUser(store.db, orgId, { extension: '2002', name: 'Omar Okafor' });
      expect(nina.id).to.be.a('number');
      expect(omar.id).to.be.greaterThan(nina.id);
      expect(nina).to.deep.include({
        services: ['attendant', 'voicemail'], aliases: ['Nin'], dids: ['5552001'], hiddenFromDirectory: true, loggedIn: false, noAnswerSeconds: 20,
      });
      expect(nina.locations).to.deep.equal([{ id: nina.locations[0]!.id, kind: 'primary', address: 'PJSIP/2001', ringsForIncoming: true, label: null }]);
      expect(omar).to.deep.include({ hiddenFromDirectory: false, loggedIn: true });

      const all = await listUsers(store.db, orgId, { limit: 10, offset: 0 });
      expect(all.total).to.equal(2);
      expect(all.users.map((u) => u.extension)).to.deep.equal(['2001', '2002']);
    });

    it('searches names ignoring case, and takes % and _ literally', async () => {
      const search = (text: string) => listUsers(store.db, orgId, { search: text, limit: 10, offset: 0 }).then((r) => r.users.map((u) => u.name));
      expect(await search('NAKA')).to.deep.equal(['Nina Nakamura']);
      expect(await search('okafor')).to.deep.equal(['Omar Okafor']);
      expect(await search('200')).to.deep.equal(['Nina Nakamura', 'Omar Okafor']);
      expect(await search('%')).to.deep.equal([]);
      expect(await search('N_na')).to.deep.equal([]);
    });

    it('finds users by device, DID and company number, and changes and deletes them', async () => {
      const nina = (await findUserByDid(store.db, '5552001'))!;
      expect(nina.name).to.equal('Nina Nakamura');
      expect((await findUserByDevice(store.db, 'PJSIP/2002'))?.name).to.equal('Omar Okafor');
      expect((await findOrganisationByCompanyNumber(store.db, '5552000'))?.id).to.equal(orgId);

      const changed = await updateUser(store.db, nina.id, { loggedIn: true, hiddenFromDirectory: false, dids: [] });
      expect(changed).to.deep.include({ loggedIn: true, hiddenFromDirectory: false, dids: [] });
      const temp = await createUser(store.db, orgId, { extension: '2099', name: 'Temporary' });
      expect(await deleteUser(store.db, temp.id)).to.equal(true);
      expect(await deleteUser(store.db, temp.id)).to.equal(false);
      expect(await getUser(store.db, temp.id)).to.equal(undefined);
    });

    it('its unique keys stop a write that skipped the repository\'s check, and the refusal names the field', async () => {
      // Raw inserts, as a race past the repository's own check would reach the store.
      const pia = await createUser(store.db, orgId, { extension: '2003', name: 'Pia', dids: ['5552003'], email: 'pia@acme.example' });
      const rawUser = (extension: string, email: string | null) => store.db.insertInto('users')
        .values({ organisation_id: orgId, extension, name: 'Raw', email } as never).execute();
      const refusals = {
        extension: await failureOf(rawUser('2003', null)),
        email: await failureOf(rawUser('2004', 'PIA@acme.example')),
        did: await failureOf(store.db.insertInto('dids').values({ number: '5552003', user_id: pia.id } as never).execute()),
        device: await failureOf(store.db.insertInto('locations').values({ user_id: pia.id, kind: 'shared', address: 'PJSIP/2002' } as never).execute()),
        companyDid: await failureOf(store.db.insertInto('organisations').values({ name: 'Globex', company_did: '5552000' } as never).execute()),
      };
      expect(Object.fromEntries(Object.entries(refusals).map(([k, e]) => [k, uniqueViolationOf(e)?.constraint]))).to.deep.equal({
        extension: 'users_org_extension', email: 'users_email_unique', did: 'dids_pkey', device: 'locations_device_unique', companyDid: 'organisations_company_did_unique',
      });
      expect(Object.fromEntries(Object.entries(refusals).map(([k, e]) => [k, conflictFromUniqueViolation(e)?.code]))).to.deep.equal({
        extension: 'extension-taken', email: 'email-taken', did: 'did-taken', device: 'device-taken', companyDid: 'did-taken',
      });
      // A message that merely reads like SQLite's is no violation: only the driver's code counts.
      expect(uniqueViolationOf(new Error('UNIQUE constraint failed: users.organisation_id, users.extension'))).to.equal(undefined);
      expect(uniqueViolationOf(new Error('no'))).to.equal(undefined);
    });

    it('keeps sign-in sessions until they expire or are deleted', async () => {
      const user = await createUser(store.db, orgId, { extension: '2005', name: 'Rosa' });
      const now = new Date('2026-12-01T09:00:00.000Z');
      const { token, csrfToken } = await createAuthSession(store.db, user.id, now, { impersonatorId: user.id, reason: 'support call', parentTokenHash: 'the-administrators-session' });
      const found = await findAuthSession(store.db, token, new Date('2026-12-01T20:59:59.000Z'));
      expect(found).to.deep.include({ userId: user.id, csrfToken, impersonatorId: user.id, impersonationReason: 'support call' });
      expect(await findAuthSession(store.db, token, new Date('2026-12-01T21:00:00.000Z'))).to.equal(undefined);
      await deleteAuthSession(store.db, found!.tokenHash);
      expect(await findAuthSession(store.db, token, now)).to.equal(undefined);
    });

    it('lists the audit log newest first, searching action and details ignoring case', async () => {
      await recordAudit(store.db, { organisationId: orgId, actorUserId: null, actingAsUserId: null, action: 'user.created', details: { extension: '2001', name: 'Nina' } }, new Date('2026-12-01T10:00:00Z'));
      await recordAudit(store.db, { organisationId: orgId, actorUserId: null, actingAsUserId: null, action: 'executive.filtering', details: { enabled: true } }, new Date('2026-12-01T11:00:00Z'));
      const all = await listAudit(store.db, orgId, { limit: 10, offset: 0 });
      expect(all.map((e) => e.action)).to.deep.equal(['executive.filtering', 'user.created']);
      expect(all[0]).to.deep.include({ at: '2026-12-01T11:00:00.000Z', details: { enabled: true } });
      expect((await listAudit(store.db, orgId, { search: 'NINA', limit: 10, offset: 0 })).map((e) => e.action)).to.deep.equal(['user.created']);
      expect((await listAudit(store.db, orgId, { search: 'Filtering', limit: 10, offset: 0 })).map((e) => e.action)).to.deep.equal(['executive.filtering']);
    });

    it('stamps rows it times itself in one form on both stores', async () => {
      const org = await store.db.selectFrom('organisations').select('created_at').where('id', '=', orgId).executeTakeFirstOrThrow();
      expect(org.created_at).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(Math.abs(Date.parse(`${org.created_at}Z`) - Date.now())).to.be.lessThan(60_000);
    });
  });
}
