import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Phone } from '../../support/phone.js';
import { telephoneSpeech, type Voice } from '../../support/voices.js';

const root = new URL('../../..', import.meta.url).pathname;

/** Where the attendant writes synthesised names so the local test Asterisk (a chroot) can play them. */
export function nameSoundsEnv(): Record<string, string> {
  const paths = execFileSync('bash', [join(root, 'scripts/asterisk.sh'), 'paths']).toString();
  const asteriskRoot = /root=(\S+)/.exec(paths)?.[1];
  if (!asteriskRoot) return {};
  const asteriskDir = '/var/tmp/switchboard-names';
  return { ATTENDANT_NAME_SOUNDS_DIR: join(asteriskRoot, asteriskDir), ATTENDANT_NAME_SOUNDS_ASTERISK_DIR: asteriskDir };
}

/** A caller's voice saying `text` at telephone quality, followed by silence so Asterisk hears the end. */
export function utterance(dir: string, text: string, voice: Voice = 'espeak-ng'): string {
  // Long trailing silence: baresip ends the call when its microphone file runs out.
  return telephoneSpeech(dir, voice, text, { lead: 0.3, tail: 40 });
}

/** Silence, for a caller who has not spoken yet. */
export function silence(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'silence.wav');
  execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', file, 'trim', '0', '60']);
  return file;
}

export async function startPhone(endpoint: string, microphone: string, workDir: string): Promise<Phone> {
  const phone = new Phone({ endpoint, microphone, workDir });
  await phone.start();
  return phone;
}
