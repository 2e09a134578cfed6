import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where message and greeting audio lives on the controller (RECORDINGS_DIR), and the
 * URLs Asterisk fetches it from to play it (res_http_media_cache): Asterisk may run on
 * another machine, and ARI cannot upload files to it, so it reads them from us over
 * HTTP under an unguessable name.
 */
export class MediaStore {
  readonly messagesDir: string;
  readonly greetingsDir: string;

  constructor(recordingsDir: string, private readonly baseUrl: () => string) {
    this.messagesDir = resolve(recordingsDir, 'messages');
    this.greetingsDir = resolve(recordingsDir, 'greetings');
    mkdirSync(this.messagesDir, { recursive: true });
    mkdirSync(this.greetingsDir, { recursive: true });
  }

  /** Written under a temporary name then renamed: a crash never leaves half a file under the real name. */
  writeMessage(fileName: string, audio: Buffer): string {
    atomicWrite(join(this.messagesDir, fileName), audio);
    return fileName;
  }
  messagePath(fileName: string): string { return join(this.messagesDir, fileName); }
  removeMessage(fileName: string): void { rmSync(join(this.messagesDir, fileName), { force: true }); }

  /** A greeting file: a new random name each time, so Asterisk's media cache never serves an old one. */
  writeGreeting(userId: number, kind: string, audio: Buffer): string {
    const fileName = `${userId}-${kind}-${randomBytes(12).toString('hex')}.wav`;
    atomicWrite(join(this.greetingsDir, fileName), audio);
    return fileName;
  }
  greetingPath(fileName: string): string { return join(this.greetingsDir, fileName); }
  removeGreeting(fileName: string): void { rmSync(join(this.greetingsDir, fileName), { force: true }); }

  messageMedia(mediaToken: string): string { return `sound:${this.baseUrl()}/api/voicemail/media/messages/${mediaToken}.wav`; }
  greetingMedia(fileName: string): string { return `sound:${this.baseUrl()}/api/voicemail/media/greetings/${fileName}`; }
}

function atomicWrite(path: string, data: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
