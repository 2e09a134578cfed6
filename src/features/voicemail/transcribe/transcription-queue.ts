import type { Kysely } from 'kysely';
import { organisationsServedBy } from '../../../store/node-registry.js';
import type { Logger } from '../../../log.js';
import type { Database } from '../../../store/schema.js';
import type { MediaStore } from '../media-store.js';
import { updateMessage } from '../settings/message-repository.js';
import { pocketsphinxEngine, type TranscriptionEngine } from './engine.js';

/**
 * Transcribes messages one at a time (the recogniser takes a CPU core while it runs),
 * then lets the outbox send the e-mail that carries the text. Messages still pending
 * after a restart are picked up again by `resume()`.
 */
export class TranscriptionQueue {
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: {
    db: Kysely<Database>; log: Logger;
    /** Several nodes on one store: resume only the messages of the organisations this node serves (the recordings are its own). */
    node?: string;
  }, private readonly media: MediaStore, private readonly done: () => void, private readonly engine: TranscriptionEngine = pocketsphinxEngine) {}

  add(message: { id: number; audio_file: string }): void {
    this.chain = this.chain.then(() => this.work(message));
  }

  async resume(): Promise<void> {
    const { db, node } = this.deps;
    const served = node === undefined ? undefined : await organisationsServedBy(db, node);
    if (served?.length === 0) return;
    const pending = await db.selectFrom('voicemail_messages as m').innerJoin('users as u', 'u.id', 'm.mailbox_user_id')
      .select(['m.id', 'm.audio_file']).where('m.transcription_status', '=', 'pending')
      .$if(served !== undefined, (q) => q.where('u.organisation_id', 'in', served!))
      .execute();
    for (const m of pending) this.add(m);
  }

  async stop(): Promise<void> { this.stopped = true; await this.chain; }

  private async work(message: { id: number; audio_file: string }): Promise<void> {
    if (this.stopped) return;
    const { db, log } = this.deps;
    const started = Date.now();
    try {
      const text = await this.engine.transcribe(this.media.messagePath(message.audio_file));
      await updateMessage(db, message.id, { transcription: text, transcription_status: 'done' });
      log.info({ messageId: message.id, engine: this.engine.name, ms: Date.now() - started, words: text.split(/\s+/).filter(Boolean).length }, 'voicemail transcribed');
    } catch (error) {
      log.warn({ messageId: message.id, err: (error as Error).message }, 'transcription failed; the message goes without it');
      await updateMessage(db, message.id, { transcription_status: 'failed' }).catch(() => undefined);
    }
    this.done();
  }
}
