import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { MediaSigner } from '../../http/media-signature.js';
import { runChild } from '../../process/run-child.js';

/**
 * Where message and greeting audio lives on the controller (RECORDINGS_DIR), and the
 * URLs Asterisk fetches it from to play it (res_http_media_cache): Asterisk may run on
 * another machine, and ARI cannot upload files to it, so it reads them from us over
 * HTTP under an unguessable name inside a short-lived signed path (media-signature.ts).
 */
export class MediaStore {
  readonly messagesDir: string;
  readonly greetingsDir: string;

  constructor(recordingsDir: string, private readonly baseUrl: () => string, private readonly signer: MediaSigner, private readonly now: () => number = Date.now) {
    this.messagesDir = resolve(recordingsDir, 'messages');
    this.greetingsDir = resolve(recordingsDir, 'greetings');
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

  /** Any WAV (uploaded from a browser) to 8 kHz mono 16-bit, what Asterisk plays on a phone call. */
  async normaliseWav(audio: Buffer): Promise<Buffer> {
    const dir = mkdtempSync(join(tmpdir(), 'vm-wav-'));
    try {
      writeFileSync(join(dir, 'in.wav'), audio);
      await runChild('sox', [join(dir, 'in.wav'), '-r', '8000', '-c', '1', '-b', '16', join(dir, 'out.wav')], { timeoutMs: 30_000 });
      return readFileSync(join(dir, 'out.wav'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  messageMedia(mediaToken: string): string { return `sound:${this.baseUrl()}/api/voicemail/media/messages/${this.signer.sign('messages', `${mediaToken}.wav`, this.now())}`; }
  greetingMedia(fileName: string): string { return `sound:${this.baseUrl()}/api/voicemail/media/greetings/${this.signer.sign('greetings', fileName, this.now())}`; }
  /** Whether Asterisk's request for `kind`/`name` carries a genuine, unexpired signature. */
  isSigned(kind: 'messages' | 'greetings', name: string, expires: string, signature: string): boolean {
    return this.signer.verify(kind, name, expires, signature, this.now());
  }
}

function atomicWrite(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
