import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The synthetic callers of the speech tests and the bench. espeak-ng is the most robotic
 * voice and the hardest for the recogniser; flite and festival (Debian's `flite`,
 * `festival`, `festvox-us-slt-hts`, `festvox-kallpc16k`, scripts/install-system.sh) are
 * natural ones, so figures and tests describe more than one voice.
 */
export const VOICES = ['espeak-ng', 'flite-rms', 'flite-awb', 'flite-slt', 'festival-slt-hts', 'festival-kal'] as const;
export type Voice = typeof VOICES[number];

/** Two natural voices for the integration tests; espeak-ng, the hardest, is measured by the bench (per voice), not gambled on here. */
export const TEST_VOICES: Voice[] = ['flite-slt', 'festival-slt-hts'];

const FESTIVAL_VOICE: Record<string, string> = { 'festival-slt-hts': 'voice_cmu_us_slt_arctic_hts', 'festival-kal': 'voice_kal_diphone' };

/** Writes `text` spoken by `voice` to `out` (a WAV at the synthesiser's own rate). */
export function speak(voice: Voice, text: string, out: string): void {
  // festival's HTS voice takes tens of seconds for a sentence on a busy machine.
  const options = { timeout: 180_000 };
  if (voice === 'espeak-ng') execFileSync('espeak-ng', ['-v', 'en-us', '-w', out, '--', text], options);
  else if (voice.startsWith('flite-')) execFileSync('flite', ['-voice', voice.slice('flite-'.length), '-t', text, '-o', out], options);
  else execFileSync('text2wave', ['-eval', `(${FESTIVAL_VOICE[voice]})`, '-o', out], { ...options, input: text });
}

/**
 * `text` by `voice` at telephone quality: 8 kHz G.711 µ-law and back to 16-bit, as a
 * caller's speech reaches Asterisk's recording. `lead` and `tail` seconds of silence
 * around it (a phone's microphone file: baresip ends the call when it runs out).
 */
export function telephoneSpeech(dir: string, voice: Voice, text: string, pad: { lead?: number; tail?: number } = {}): string {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `${voice}-${text.replace(/\W+/g, '_').slice(0, 60)}-${pad.lead ?? 0}-${pad.tail ?? 0}`);
  const file = `${base}.wav`;
  if (existsSync(file)) return file;
  const raw = `${base}.raw.wav`;
  const ulaw = `${base}.ul.wav`;
  try {
    speak(voice, text, raw);
    execFileSync('sox', [raw, '-r', '8000', '-c', '1', '-e', 'u-law', ulaw, 'norm', '-3'], { timeout: 30_000 });
    execFileSync('sox', [ulaw, '-e', 'signed-integer', '-b', '16', file, 'pad', String(pad.lead ?? 0), String(pad.tail ?? 0)], { timeout: 30_000 });
  } finally {
    rmSync(raw, { force: true });
    rmSync(ulaw, { force: true });
  }
  return file;
}

/** The same as a buffer, for the recogniser. */
export function telephoneSpeechBuffer(dir: string, voice: Voice, text: string): Buffer {
  return readFileSync(telephoneSpeech(dir, voice, text));
}

/** Real human speech with transcripts (Debian's pocketsphinx-testdata: LibriVox readings). */
export function humanClips(): Array<{ wav: string; text: string }> {
  const dir = '/usr/share/pocketsphinx/test/data/librivox';
  if (!existsSync(join(dir, 'transcription'))) return [];
  return readFileSync(join(dir, 'transcription'), 'utf8').split('\n').flatMap((line) => {
    const m = /^<s>\s*(.*?)\s*<\/s>\s*\((\S+)\)/.exec(line.trim());
    return m ? [{ text: m[1]!, wav: join(dir, `${m[2]}.wav`) }] : [];
  });
}

/** A human clip at telephone quality (8 kHz µ-law and back). */
export function telephoneClip(dir: string, wav: string): string {
  mkdirSync(dir, { recursive: true });
  const name = wav.split('/').pop()!.replace(/\.wav$/, '');
  const ulaw = join(dir, `${name}.ul.wav`);
  const out = join(dir, `${name}.tel.wav`);
  if (!existsSync(out)) {
    execFileSync('sox', [wav, '-r', '8000', '-c', '1', '-e', 'u-law', ulaw], { timeout: 30_000 });
    execFileSync('sox', [ulaw, '-e', 'signed-integer', '-b', '16', out], { timeout: 30_000 });
    rmSync(ulaw, { force: true });
  }
  return out;
}
