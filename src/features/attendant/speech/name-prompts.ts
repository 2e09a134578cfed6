import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { digitsMedia, sound } from '../../../calls/prompts.js';
import { runChild } from '../../../process/run-child.js';

/** A name takes espeak-ng and sox well under a second; a caller is waiting for it. */
export const NAME_SYNTHESIS_DEADLINE_MS = 5000;

export interface NameSoundsConfig {
  /** Where the controller writes synthesised names. */
  dir: string;
  /** The same directory as Asterisk sees it (a chroot, a shared volume), for `sound:<path>`. */
  asteriskDir: string;
}

/**
 * Names read back to callers ("Did you mean Mary Jones?"). Synthesised on first use with
 * espeak-ng into a cache directory Asterisk can play from, because names change with the
 * directory and cannot be pre-made with the product's prompts. Without that directory
 * (Asterisk on another machine and no shared volume), the caller hears the extension
 * instead, which Asterisk can always say with its own digit recordings.
 */
export class NamePrompts {
  private readonly pending = new Map<string, Promise<string | undefined>>();

  constructor(private readonly config: NameSoundsConfig | undefined, private readonly deadlineMs = NAME_SYNTHESIS_DEADLINE_MS) {
    if (config) mkdirSync(config.dir, { recursive: true });
  }

  /** Media that says the name and then "extension 1005" (the extension tells homonyms apart). */
  async nameAndExtension(name: string, extension: string): Promise<string[]> {
    const spoken = await this.name(name);
    return [...(spoken ? [spoken] : []), sound('attendant-extension'), ...digitsMedia(extension)];
  }

  /** `sound:<path>` of the synthesised name, or undefined when names cannot be synthesised. */
  name(name: string): Promise<string | undefined> {
    const config = this.config;
    if (!config) return Promise.resolve(undefined);
    const file = `name-${createHash('sha1').update(name).digest('hex').slice(0, 16)}`;
    let made = this.pending.get(file);
    if (!made) {
      made = this.synthesise(config, file, name);
      this.pending.set(file, made);
    }
    return made;
  }

  private async synthesise(config: NameSoundsConfig, file: string, name: string): Promise<string | undefined> {
    const target = join(config.dir, `${file}.wav`);
    const media = `sound:${join(config.asteriskDir, file)}`;
    if (existsSync(target)) return media;
    const raw = join(config.dir, `.${file}.${process.pid}.raw.wav`);
    const tmp = join(config.dir, `.${file}.${process.pid}.wav`);
    try {
      // The name after `--`: a user named `-m` or `-q` is a name, not an option (`-m` made
      // espeak-ng read stdin and never exit, and the hung promise was cached: issue 11).
      await runChild('espeak-ng', ['-v', 'en-us', '-s', '150', '-p', '45', '-w', raw, '--', name], { timeoutMs: this.deadlineMs });
      await runChild('sox', [raw, '-r', '8000', '-c', '1', '-b', '16', tmp, 'norm', '-3'], { timeoutMs: this.deadlineMs });
      await rename(tmp, target);
      return media;
    } catch {
      this.pending.delete(file);
      return undefined;
    } finally {
      await rm(raw, { force: true });
      await rm(tmp, { force: true });
    }
  }
}
