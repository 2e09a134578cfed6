import { expect } from 'chai';
import { searchByKeypad, searchByName, syncDirectory } from '../../../src/features/attendant/settings/directory.js';
import { isUserOutOfOffice, setOutOfOffice } from '../../../src/features/attendant/settings/out-of-office.js';
import {
  assistantsOf, getExecutiveSettings, saveAssistantSettings, setFilteringEnabled, setOptIn, setPool,
} from '../../../src/features/executive/settings/executive-repository.js';
import { deleteExecutiveCall, findExecutiveCall, saveExecutiveCall } from '../../../src/features/executive/settings/executive-call-records.js';
import { deleteExecutivePush, findExecutivePush, saveExecutivePush } from '../../../src/features/executive/settings/executive-push-records.js';
import { lockIfExhausted, reservePinAttempt } from '../../../src/features/voicemail/settings/mailbox-pins.js';
import { listMessages, registerMessage, storageOf, type MessageQuery, type NewMessage } from '../../../src/features/voicemail/settings/message-repository.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { createUser, type UserProfile } from '../../../src/users/settings/user-repository.js';
import { openMigratedStore, TEST_STORES, type MigratedTestStore } from '../../support/test-store.js';

for (const storeName of TEST_STORES) {
  describe(`the features' stores on ${storeName}`, () => {
    let store: MigratedTestStore;
    let orgId: number;
    let erin: UserProfile;
    let alice: UserProfile;
    let aaron: UserProfile;
    before(async () => {
      store = await openMigratedStore(storeName);
      orgId = (await createOrganisation(store.db, { name: 'Acme' })).id;
      const listed = ['attendant', 'voicemail'] as const;
      erin = await createUser(store.db, orgId, { extension: '1002', name: 'Erin Executive', services: ['executive', ...listed] });
      alice = await createUser(store.db, orgId, { extension: '1003', name: 'Alice Assistant', services: ['assistant', ...listed] });
      aaron = await createUser(store.db, orgId, { extension: '1004', name: 'Aaron Assistant', services: ['assistant', ...listed] });
      await createUser(store.db, orgId, { extension: '1005', name: 'John Smith', services: [...listed] });
      await createUser(store.db, orgId, { extension: '1006', name: 'John Sonders', aliases: ['Johnny'], services: [...listed] });
    });
    after(() => store?.close());

    it('keeps an answered executive call\'s record by its bridge, follows a new handler, forgets it when it ends', async () => {
      const record = {
        bridgeId: 'exec-call-1', executiveId: erin.id,
        remote: { channelId: 'chan-mary', name: 'Mary', number: '1005' },
        handler: { channelId: 'chan-alice', device: 'PJSIP/1003', userId: alice.id },
      };
      await saveExecutiveCall(store.db, record);
      expect(await findExecutiveCall(store.db, 'exec-call-1')).to.deep.equal(record);
      const handedOn = { ...record, handler: { channelId: 'chan-x', device: 'PJSIP/1099', userId: undefined } };
      await saveExecutiveCall(store.db, handedOn);
      expect(await findExecutiveCall(store.db, 'exec-call-1')).to.deep.equal(handedOn);
      await deleteExecutiveCall(store.db, 'exec-call-1');
      expect(await findExecutiveCall(store.db, 'exec-call-1')).to.equal(undefined);
    });

    it('keeps a pushed call\'s stage by the waiting party\'s channel, follows it into the recall, forgets it when it ends', async () => {
      const ringing = {
        callId: 'call-1', executiveId: erin.id,
        remote: { channelId: 'chan-mary', name: 'Mary', number: '1005' },
        targets: ['PJSIP/1002', 'PJSIP/2002'], receiverUserId: erin.id,
        assistant: { id: alice.id, device: 'PJSIP/1003', recallSeconds: 15 },
        stage: 'ringing-executive' as const, stageEndsAt: new Date('2026-12-02T10:00:09.000Z'),
      };
      await saveExecutivePush(store.db, ringing);
      expect(await findExecutivePush(store.db, 'chan-mary')).to.deep.equal(ringing);
      const recalling = { ...ringing, stage: 'recalling' as const, stageEndsAt: new Date('2026-12-02T10:00:24.000Z'), receiverUserId: undefined };
      await saveExecutivePush(store.db, recalling);
      expect(await findExecutivePush(store.db, 'chan-mary')).to.deep.equal(recalling);
      expect(await findExecutivePush(store.db, 'chan-other'), 'another channel has no push').to.equal(undefined);
      await deleteExecutivePush(store.db, 'chan-mary');
      expect(await findExecutivePush(store.db, 'chan-mary')).to.equal(undefined);
    });

    it("keeps an executive's filtering switch and pool order, with each assistant's opt-in", async () => {
      expect((await getExecutiveSettings(store.db, erin.id)).filtering.enabled).to.equal(false);
      expect((await setFilteringEnabled(store.db, erin.id, true)).filtering.enabled).to.equal(true);
      expect((await getExecutiveSettings(store.db, erin.id)).filtering.enabled).to.equal(true);

      await setPool(store.db, erin.id, [aaron.id, alice.id]);
      expect(await setOptIn(store.db, aaron.id, erin.id, false)).to.equal(true);
      await setPool(store.db, erin.id, [alice.id, aaron.id]);
      await saveAssistantSettings(store.db, alice.id, { enabled: true, number: '5550100' });
      const pool = await assistantsOf(store.db, erin.id);
      expect(pool.map((p) => ({ name: p.name, position: p.position, optedIn: p.optedIn, divert: p.divert.enabled }))).to.deep.equal([
        { name: 'Alice Assistant', position: 0, optedIn: true, divert: true },
        { name: 'Aaron Assistant', position: 1, optedIn: false, divert: false },
      ]);
    });

    it('finds directory names by a prefix of the name or by keypad digits, and no more', async () => {
      await syncDirectory(store.db, orgId);
      const names = async (text: string) => (await searchByName(store.db, orgId, text)).map((e) => e.spokenName).sort();
      expect(await names('john s')).to.deep.equal(['John Smith', 'John Sonders']);
      expect(await names('john sm')).to.deep.equal(['John Smith']);
      expect(await names('johnn')).to.deep.equal(['Johnny']);
      expect(await names('assistant')).to.deep.equal(['Aaron Assistant', 'Alice Assistant']);
      // Keys of the last names' first letters: 7663 starts "Sonders", 7648 is "Smith".
      expect((await searchByKeypad(store.db, orgId, '7663')).map((e) => e.name)).to.deep.equal(['John Sonders']);
      expect((await searchByKeypad(store.db, orgId, '7648')).map((e) => e.name)).to.deep.equal(['John Smith']);
    });

    it('answers whether a user is out of office for open-ended and dated absences', async () => {
      await setOutOfOffice(store.db, alice.id, { startsAt: '2026-12-24T00:00:00.000Z', endsAt: '2026-12-27T00:00:00.000Z' });
      expect(await isUserOutOfOffice(store.db, alice.id, new Date('2026-12-25T12:00:00Z'))).to.equal(true);
      expect(await isUserOutOfOffice(store.db, alice.id, new Date('2026-12-28T12:00:00Z'))).to.equal(false);
      await setOutOfOffice(store.db, aaron.id, {});
      expect(await isUserOutOfOffice(store.db, aaron.id, new Date())).to.equal(true);
    });

    it('registers a voicemail message once even when two registrations race', async () => {
      const message: NewMessage = {
        mailboxUserId: erin.id, recordingName: 'vm-race', callerName: 'Alice', callerNumber: '1003', reason: 'unavailable',
        receivedAt: '2026-12-01T10:00:00.000Z', durationSeconds: 4.5, sizeBytes: 36_000, audioFile: 'vm-race.wav',
      };
      const now = new Date('2026-12-01T10:00:05Z');
      const results = await Promise.all([
        registerMessage(store.db, message, { address: 'erin@acme.example', attach: true }, now),
        registerMessage(store.db, message, { address: 'erin@acme.example', attach: true }, now),
      ]);
      expect(results.map((r) => r.created).sort()).to.deep.equal([false, true]);
      expect(results[0]!.message.id).to.equal(results[1]!.message.id);
      const queued = await store.db.selectFrom('voicemail_outbox').select('id').where('message_id', '=', results[0]!.message.id).execute();
      expect(queued).to.have.length(1);
    });

    it('sums a mailbox as numbers and filters messages by any column, typed as text', async () => {
      await registerMessage(store.db, {
        mailboxUserId: erin.id, recordingName: 'vm-second', callerName: 'Mary Jones', callerNumber: '5551234', reason: 'busy',
        receivedAt: '2026-12-01T11:00:00.000Z', durationSeconds: 10.25, sizeBytes: 82_000, audioFile: 'vm-second.wav',
      }, undefined, new Date());
      expect(await storageOf(store.db, erin.id)).to.deep.equal({ messages: 2, bytes: 118_000, seconds: 14.75 });

      const query = (q: Partial<MessageQuery>) => listMessages(store.db, erin.id, { sort: 'received_at', order: 'asc', equals: {}, contains: {}, limit: 10, offset: 0, ...q })
        .then((rows) => rows.map((r) => r.recording_name));
      expect(await query({})).to.deep.equal(['vm-race', 'vm-second']);
      expect(await query({ contains: { caller_name: 'JONES' } })).to.deep.equal(['vm-second']);
      expect(await query({ contains: { caller_number: '123' } })).to.deep.equal(['vm-second']);
      expect(await query({ equals: { size_bytes: '36000' } })).to.deep.equal(['vm-race']);
      expect(await query({ equals: { id: 'not-a-number' } })).to.deep.equal([]);
      expect(await query({ contains: { id: '%' } })).to.deep.equal([]);
      expect(await query({ receivedFrom: '2026-12-01T10:30:00.000Z' })).to.deep.equal(['vm-second']);
      expect(await query({ sort: 'duration_seconds', order: 'desc' })).to.deep.equal(['vm-second', 'vm-race']);
    });

    it('counts PIN attempts up to the lock, and grants none after it', async () => {
      const now = new Date('2026-12-01T12:00:00Z');
      expect(await reservePinAttempt(store.db, erin.id, 2)).to.equal(1);
      expect(await lockIfExhausted(store.db, erin.id, 2, now)).to.equal(false);
      expect(await reservePinAttempt(store.db, erin.id, 2)).to.equal(2);
      expect(await lockIfExhausted(store.db, erin.id, 2, now)).to.equal(true);
      expect(await reservePinAttempt(store.db, erin.id, 2)).to.equal(undefined);
    });
  });
}
