import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { digitsMedia, sound } from '../../../calls/prompts.js';
import { runChild } from '../../../process/run-child.js';

/** A name takes espeak-ng and sox well under a second; a caller is waiting for it. */
export const NAME_SYNTHESIS_DEADLINE_MS = 5000;

export interface NameSounds {
  /** Where the controller writes synthesised names. */
  dir: string;
  /** The media URI Asterisk plays a file of `dir` from (`sound:/shared/dir/name-…` or a signed `sound:http://…/name-….wav`). */
  mediaOf: (fileName: string) => string;
  /** The name the user recorded themselves (their mailbox's name greeting), preferred to a synthesised one. */
  recordedName?: (userId: number) => Promise<string | undefined>;
}

/** A synthesised name's file: derived from the text, so one name is made once. */
export const nameFileOf = (name: string) => `name-${createHash('sha1').update(name).digest('hex').slice(0, 16)}.wav`;
export const NAME_FILE = /^name-[0-9a-f]{16}\.wav$/;

/**
 * Names read back to callers ("Did you mean Mary Jones, extension 1005?"): the user's own
 * recorded name when they have one, else synthesised on first use with espeak-ng into a
 * cache directory, because names change with the directory and cannot be pre-made with
 * the product's prompts. Asterisk plays the file from a shared directory or fetches it
 * over HTTP (signed URLs, as voicemail greetings), so a remote Asterisk hears names too.
 * When synthesis fails the caller still hears the extension, which Asterisk can always say.
 */
export class NamePrompts {
  private readonly pending = new Map<string, Promise<string | undefined>>();

  constructor(private readonly sounds: NameSounds, private readonly deadlineMs = NAME_SYNTHESIS_DEADLINE_MS) {
    mkdirSync(sounds.dir, { recursive: true });
  }

  /** Media that says the name and then "extension 1005" (the extension tells homonyms apart). */
  async nameAndExtension(user: { userId: number; name: string; extension: string }): Promise<string[]> {
    const recorded = await this.sounds.recordedName?.(user.userId).catch(() => undefined);
    const spoken = recorded ?? (await this.name(user.name));
    return [...(spoken ? [spoken] : []), sound('attendant-extension'), ...digitsMedia(user.extension)];
  }

  /** Media of the synthesised name, or undefined when it cannot be made. */
  async name(name: string): Promise<string | undefined> {
    const file = nameFileOf(name);
    let made = this.pending.get(file);
    if (!made) {
      made = this.synthesise(file, name);
      this.pending.set(file, made);
    }
    return (await made) ? this.sounds.mediaOf(file) : undefined;
  }

  /** The path of a synthesised name, for the HTTP route that serves it. */
  path(fileName: string): string | undefined {
    if (!NAME_FILE.test(fileName)) return undefined;
    const path = join(this.sounds.dir, fileName);
    return existsSync(path) ? path : undefined;
  }

  private async synthesise(file: string, name: string): Promise<string | undefined> {
    const target = join(this.sounds.dir, file);
    if (existsSync(target)) return target;
    const raw = join(this.sounds.dir, `.${file}.${process.pid}.raw.wav`);
    const tmp = join(this.sounds.dir, `.${file}.${process.pid}.wav`);
    try {
      // The name after `--`: a user named `-m` or `-q` is a name, not an option (`-m` made
      // espeak-ng read stdin and never exit, and the hung promise was cached: issue 11).
      await runChild('espeak-ng', ['-v', 'en-us', '-s', '150', '-p', '45', '-w', raw, '--', name], { timeoutMs: this.deadlineMs });
      await runChild('sox', [raw, '-r', '8000', '-c', '1', '-b', '16', tmp, 'norm', '-3'], { timeoutMs: this.deadlineMs });
      await rename(tmp, target);
      return target;
    } catch {
      this.pending.delete(file);
      return undefined;
    } finally {
      await rm(raw, { force: true });
      await rm(tmp, { force: true });
    }
  }
}
