import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MediaSigner } from '../../http/media-signature.js';
import { runChild } from '../../process/run-child.js';
import type { GreetingKind } from './policy/greeting.js';

export const COMPANY_GREETING_MEDIA_KIND = 'company-greetings';
/** 8 kHz mono 16-bit: half a second is 8000 bytes after the 44-byte header. */
const HALF_A_SECOND_BYTES = 44 + 8000;

/**
 * Uploaded company greetings on the controller (RECORDINGS_DIR/company-greetings) and the
 * signed URL Asterisk fetches one from, as voicemail greetings: Asterisk may be on another
 * machine, and ARI cannot upload files to it.
 */
export class CompanyGreetingFiles {
  readonly dir: string;

  constructor(recordingsDir: string, private readonly baseUrl: () => string, private readonly signer: MediaSigner, private readonly now: () => number) {
    this.dir = resolve(recordingsDir, 'company-greetings');
  }

  /**
   * Any WAV a browser sends, as 8 kHz mono 16-bit (what a phone call plays), under a new
   * random name each time so Asterisk's media cache never serves the old greeting. A file
   * sox cannot read, or shorter than half a second, is refused (undefined).
   */
  async write(organisationId: number, kind: GreetingKind, audio: Buffer): Promise<string | undefined> {
    const work = mkdtempSync(join(tmpdir(), 'company-greeting-'));
    try {
      writeFileSync(join(work, 'in.wav'), audio);
      const converted = await runChild('sox', [join(work, 'in.wav'), '-r', '8000', '-c', '1', '-b', '16', join(work, 'out.wav')], { timeoutMs: 30_000 })
        .then(() => readFileSync(join(work, 'out.wav')), () => undefined);
      if (!converted || converted.length < HALF_A_SECOND_BYTES) return undefined;
      const fileName = `org${organisationId}-${kind}-${randomBytes(12).toString('hex')}.wav`;
      mkdirSync(this.dir, { recursive: true });
      // Renamed into place: a crash never leaves half a greeting under the real name.
      writeFileSync(join(this.dir, `.${fileName}.tmp`), converted);
      renameSync(join(this.dir, `.${fileName}.tmp`), join(this.dir, fileName));
      return fileName;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  path(fileName: string): string { return join(this.dir, fileName); }
  remove(fileName: string): void { rmSync(join(this.dir, fileName), { force: true }); }

  /** What the attendant plays: `sound:` and the signed, expiring URL under /api. */
  media(fileName: string): string { return `sound:${this.baseUrl()}${companyGreetingMediaPath(this.signer, fileName, this.now())}`; }
  isSigned(fileName: string, expires: string, signature: string): boolean { return this.signer.verify(COMPANY_GREETING_MEDIA_KIND, fileName, expires, signature, this.now()); }
}

export const companyGreetingMediaPath = (signer: MediaSigner, fileName: string, nowMs: number) =>
  `/api/attendant/media/greetings/${signer.sign(COMPANY_GREETING_MEDIA_KIND, fileName, nowMs)}`;
