import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { digitsMedia, sound } from '../../../calls/prompts.js';

const run = promisify(execFile);

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

  constructor(private readonly config: NameSoundsConfig | undefined) {
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
      await run('espeak-ng', ['-v', 'en-us', '-s', '150', '-p', '45', '-w', raw, name]);
      await run('sox', [raw, '-r', '8000', '-c', '1', '-b', '16', tmp, 'norm', '-3']);
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
