import { readFile, writeFile } from 'node:fs/promises';
import { runChild } from '../process/run-child.js';

/** sox on a few seconds (or a few minutes) of audio takes milliseconds; anything near this is a stuck child. */
const SOX_DEADLINE_MS = 30_000;

/**
 * How telephone audio (8 kHz) is made into the 16 kHz the en-us acoustic model was
 * trained on:
 * - `upsample`: zero-stuffing (`sox … upsample 2`) without the anti-imaging filter, so the
 *   0–4 kHz band is mirrored into 4–8 kHz and the model's upper mel filters see speech-like
 *   energy instead of nothing. Chosen on the bench (docs/benchmarks.md) for names, digits,
 *   spelling and transcription alike.
 * - `resample`: band-limited resampling (`sox … rate 16000`), which leaves 4–8 kHz empty:
 *   log(0) in the model's upper filters wrecks decoding. Kept for the bench's before/after.
 * A file at another rate (wideband) is resampled to 16 kHz either way.
 */
export type FrontEnd = 'upsample' | 'resample';
export const DEFAULT_FRONT_END: FrontEnd = 'upsample';

interface Pcm { rate: number; channels: number; bits: number; data: Buffer }

/** The PCM of a WAV (RIFF chunks walked, not a fixed 44-byte header), or undefined if it is not plain PCM. */
export function readPcm(wav: Buffer): Pcm | undefined {
  if (wav.length < 12 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') return undefined;
  let format: Omit<Pcm, 'data'> | undefined;
  for (let at = 12; at + 8 <= wav.length;) {
    const id = wav.toString('ascii', at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ' && body + 16 <= wav.length) {
      if (wav.readUInt16LE(body) !== 1) return undefined;
      format = { channels: wav.readUInt16LE(body + 2), rate: wav.readUInt32LE(body + 4), bits: wav.readUInt16LE(body + 14) };
    }
    // A recording still being written can say 0 or too much: the data runs to the end of the file then.
    if (id === 'data' && format) return { ...format, data: wav.subarray(body, size > 0 && body + size <= wav.length ? body + size : wav.length) };
    at = body + size + (size % 2);
  }
  return undefined;
}

/** A 16-bit mono PCM WAV of `data` at `rate`. */
export function pcmWav(data: Buffer, rate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0); header.writeUInt32LE(36 + data.length, 4); header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24); header.writeUInt32LE(rate * 2, 28); header.writeUInt16LE(2, 32); header.writeUInt16LE(16, 34);
  header.write('data', 36); header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** `upsample 2` on 8 kHz mono 16-bit PCM, in process: a zero after every sample (no child process on a caller's turn). */
export function zeroStuff(pcm: Pcm): Buffer {
  const samples = Math.floor(pcm.data.length / 2);
  const out = Buffer.alloc(samples * 4);
  for (let i = 0; i < samples; i += 1) out.writeInt16LE(pcm.data.readInt16LE(i * 2), i * 4);
  return pcmWav(out, 16_000);
}

/** Writes `input` as 16 kHz mono 16-bit to `output`, the way `frontEnd` says, then `padSeconds` of silence. */
export async function toWideband(input: string, output: string, options: { frontEnd?: FrontEnd; padSeconds?: number } = {}): Promise<void> {
  const frontEnd = options.frontEnd ?? DEFAULT_FRONT_END;
  const pcm = readPcm(await readFile(input));
  if (frontEnd === 'upsample' && pcm && pcm.rate === 8000 && pcm.channels === 1 && pcm.bits === 16 && !options.padSeconds) {
    await writeFile(output, zeroStuff(pcm));
    return;
  }
  const pad = options.padSeconds ? ['pad', '0', String(options.padSeconds)] : [];
  // The output's `-r 16000` is needed with `upsample` too: without it sox resamples back to the input's rate.
  const effects = frontEnd === 'upsample' && pcm?.rate === 8000 ? ['upsample', '2'] : ['rate', '16000'];
  await runChild('sox', [input, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', output, ...effects, ...pad], { timeoutMs: SOX_DEADLINE_MS });
}
