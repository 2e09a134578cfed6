import type { Feature, FeatureDeps } from '../../feature.js';
import { describeVoicemailApi } from './api/voicemail-openapi.js';
import { voicemailMigrations } from './settings/migrations.js';
import { voicemailRoutes } from './api/voicemail-routes.js';
import { directMailboxRoute } from './flows/direct-mailbox.js';
import { mailboxAccessRoute } from './flows/mailbox-access.js';
import { MessageTaker } from './flows/message-taker.js';
import { changeMailboxes } from './settings/mailbox-bulk.js';
import { getUserRow } from '../../users/settings/user-repository.js';
import { RecordingKeeper } from './flows/recording-keeper.js';
import { MediaStore } from './media-store.js';
import { MailboxPins } from './settings/mailbox-pins.js';
import { MediaSigner } from '../../http/media-signature.js';
import { randomBytes } from 'node:crypto';
import { Mailer } from './notify/mailer.js';
import { Outbox } from './notify/outbox.js';
import { deleteMessage, expiredMessages } from './settings/message-repository.js';
import { TranscriptionQueue } from './transcribe/transcription-queue.js';
import { transcriptionEngine } from './transcribe/engine.js';
import { organisationsServedBy } from '../../store/node-registry.js';

const RETENTION_SWEEP_MS = 60 * 60 * 1000;
/** A message whose keeping failed in its own call (store busy, disk full) is retried this often. */
const ORPHAN_SCAN_MS = 5 * 60 * 1000;

/** Voicemail (PRODUCT.md section 5 and the transcription of section 7). */
export function voicemailFeature(deps: FeatureDeps): Feature {
  const log = deps.log.child({ feature: 'voicemail' });
  // A secret per start unless configured: a URL lives minutes, a restart may forget it.
  const signer = new MediaSigner(deps.config.mediaUrlSecret ? Buffer.from(deps.config.mediaUrlSecret) : randomBytes(32));
  const media = new MediaStore(deps.config.recordingsDir, deps.httpBaseUrl ?? (() => `http://127.0.0.1:${deps.config.http.port}`), signer, () => deps.clock.now().getTime());
  const mailer = new Mailer(deps.config.smtp.url, deps.config.smtp.from);
  // Every leader of every node shares the store: each does the background work of its own node's organisations.
  const node = deps.config.node.name;
  const outbox = new Outbox({ db: deps.db, log, clock: deps.clock, node }, mailer, media);
  const transcriptions = new TranscriptionQueue({ db: deps.db, log, node }, media, () => outbox.kick(), transcriptionEngine(deps.config.transcription));
  const keeper = new RecordingKeeper({ db: deps.db, ari: deps.ari, log, clock: deps.clock }, media, (message) => {
    outbox.kick();
    transcriptions.add(message);
    // The owner's open Voicemail page lists the new message without a reload.
    void getUserRow(deps.db, message.mailbox_user_id).then((owner) => {
      if (owner) deps.live.publish({ organisationId: owner.organisation_id, kind: 'voicemail.messages', userIds: [owner.id], data: { userId: owner.id, messageId: message.id } });
    }).catch((error: unknown) => log.warn({ err: (error as Error).message }, 'new message not announced to the portal'));
  });
  const taker = new MessageTaker({ db: deps.db, ari: deps.ari, clock: deps.clock, schedule: deps.schedule }, media, keeper);
  const pins = new MailboxPins(deps.db, () => deps.clock.now());
  const services = { deps, log, media, keeper, outbox, transcriptions, pins };
  let retentionTimer: unknown;
  let scanTimer: unknown;

  const sweepExpired = async () => {
    for (const message of await expiredMessages(deps.db, deps.clock.now(), await organisationsServedBy(deps.db, node))) {
      await deleteMessage(deps.db, message.id);
      media.removeMessage(message.audio_file);
      log.info({ messageId: message.id, mailbox: message.mailbox_user_id }, 'voicemail message past its retention period deleted');
    }
  };
  const scheduleSweep = () => {
    retentionTimer = deps.clock.setTimeout(() => {
      void sweepExpired().catch((error: unknown) => log.error({ err: error }, 'retention clean-up failed')).finally(scheduleSweep);
    }, RETENTION_SWEEP_MS);
  };
  const scan = () => keeper.scanOrphans().catch((error: unknown) => log.warn({ err: (error as Error).message }, 'orphaned recording scan failed; retried at the next connection'));
  const schedulePeriodicScan = () => {
    scanTimer = deps.clock.setTimeout(() => {
      void (deps.ari.connection.connected ? scan() : Promise.resolve()).finally(schedulePeriodicScan);
    }, ORPHAN_SCAN_MS);
  };

  return {
    name: 'voicemail',
    migrations: voicemailMigrations,
    describeApi: describeVoicemailApi,
    handoffs: {
      voicemail: {
        hasMailbox: (userId) => taker.hasMailbox(userId),
        takeMessage: (session, channelId, mailboxUserId, reason) => taker.takeMessage(session, channelId, mailboxUserId, reason),
        recordedName: (userId) => taker.recordedName(userId),
        changeMailboxes,
      },
    },
    routes: [mailboxAccessRoute(services), directMailboxRoute({ db: deps.db, ari: deps.ari, log: deps.log, clock: deps.clock, tracker: deps.tracker }, taker)],
    api: voicemailRoutes(services),
    async start() {
      outbox.start();
      await transcriptions.resume();
      await sweepExpired();
      scheduleSweep();
      schedulePeriodicScan();
      // ARI is usually not connected yet at start(); onAriConnected scans again when it is.
      if (deps.ari.connection.connected) await scan();
    },
    async onAriConnected() { await scan(); },
    async stop() {
      deps.clock.clearTimeout(retentionTimer);
      deps.clock.clearTimeout(scanTimer);
      await outbox.stop();
      await transcriptions.stop();
      mailer.close();
    },
  };
}

export type VoicemailServices = {
  deps: FeatureDeps;
  log: FeatureDeps['log'];
  media: MediaStore;
  keeper: RecordingKeeper;
  outbox: Outbox;
  transcriptions: TranscriptionQueue;
  pins: MailboxPins;
};
