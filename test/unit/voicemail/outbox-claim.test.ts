import { expect } from 'chai';
import { systemClock, type Clock } from '../../../src/clock.js';
import { MediaSigner } from '../../../src/http/media-signature.js';
import { createLogger } from '../../../src/log.js';
import { MediaStore } from '../../../src/features/voicemail/media-store.js';
import { Mailer } from '../../../src/features/voicemail/notify/mailer.js';
import { Outbox } from '../../../src/features/voicemail/notify/outbox.js';
import { registerMessage, updateMessage } from '../../../src/features/voicemail/settings/message-repository.js';
import { createOrganisation } from '../../../src/users/settings/organisation-repository.js';
import { createUser } from '../../../src/users/settings/user-repository.js';
import { startSmtp } from '../../integration/voicemail/voicemail-support.js';
import { openMigratedStore, TEST_STORES, type MigratedTestStore } from '../../support/test-store.js';

/**
 * Every node's leader runs an outbox on the one store: a queued voicemail e-mail must reach
 * the mailbox owner once, not once per controller, and one a dead controller had claimed
 * must still go. Real SMTP server, real store on both dialects.
 */
for (const storeName of TEST_STORES) {
  describe(`the voicemail outbox shared by two controllers, on ${storeName}`, () => {
    let store: MigratedTestStore;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let outboxId: number;
    const log = createLogger('silent');
    const media = new MediaStore('/nonexistent', () => 'http://127.0.0.1', new MediaSigner(Buffer.alloc(32, 7)));
    const outboxes: Outbox[] = [];
    const mailers: Mailer[] = [];
    let orgId: number;
    const outbox = (clock: Clock = systemClock, node?: string) => {
      const mailer = new Mailer(smtp.url, 'voicemail@acme.test');
      mailers.push(mailer);
      const box = new Outbox({ db: store.db, log, clock, node }, mailer, media);
      outboxes.push(box);
      return box;
    };

    beforeEach(async () => {
      store = await openMigratedStore(storeName);
      smtp = await startSmtp();
      const org = await createOrganisation(store.db, { name: 'Acme' });
      orgId = org.id;
      const erin = await createUser(store.db, org.id, { extension: '1002', name: 'Erin Executive', services: ['voicemail'] });
      const { message } = await registerMessage(store.db, {
        mailboxUserId: erin.id, recordingName: 'vm-claim', callerName: 'Mary Jones', callerNumber: '5551234', reason: 'busy',
        receivedAt: new Date().toISOString(), durationSeconds: 4, sizeBytes: 32_000, audioFile: 'vm-claim.wav',
      }, { address: 'erin@acme.test', attach: false }, new Date());
      await updateMessage(store.db, message.id, { transcription_status: 'done', transcription: 'call me back' });
      outboxId = (await store.db.selectFrom('voicemail_outbox').select('id').where('message_id', '=', message.id).executeTakeFirstOrThrow()).id;
    });
    afterEach(async () => {
      await Promise.all(outboxes.splice(0).map((box) => box.stop()));
      for (const mailer of mailers.splice(0)) mailer.close();
      await smtp.stop();
      await store.close();
    });

    it('two controllers polling at once send the e-mail once', async () => {
      const [first, second] = [outbox(), outbox()];
      // Both rounds at once, each reading the e-mail as due.
      await Promise.all([first.round(), second.round()]);
      expect(smtp.mails.map((m) => m.to)).to.deep.equal([['erin@acme.test']]);
      const row = await store.db.selectFrom('voicemail_outbox').selectAll().where('id', '=', outboxId).executeTakeFirstOrThrow();
      expect(row.sent_at).to.be.a('string');
      expect(row.attempts).to.equal(1);
    });

    it('an e-mail claimed by a controller that died goes once its claim has run out', async () => {
      // What a controller leaves when it dies between claiming the e-mail and sending it.
      await store.db.updateTable('voicemail_outbox').set({ next_attempt_at: new Date(Date.now() + 10 * 60_000).toISOString() }).where('id', '=', outboxId).execute();
      const now = outbox();
      const later = outbox({ ...systemClock, now: () => new Date(Date.now() + 11 * 60_000) });
      // A round now finds nothing due; one past the claim's time sends it.
      await now.round();
      expect(smtp.mails).to.have.length(0);
      await later.round();
      expect(smtp.mails.map((m) => m.to)).to.deep.equal([['erin@acme.test']]);
    });

    it('with several nodes, the e-mail is sent by the leader of the node that serves the organisation (whose recording it is)', async () => {
      await store.db.updateTable('organisations').set({ node: 'b' }).where('id', '=', orgId).execute();
      const [onA, onB] = [outbox(systemClock, 'a'), outbox(systemClock, 'b')];
      await onA.round();
      expect(smtp.mails, 'node a leaves node b\'s e-mail alone').to.have.length(0);
      await onB.round();
      expect(smtp.mails.map((m) => m.to)).to.deep.equal([['erin@acme.test']]);
    });
  });
}
