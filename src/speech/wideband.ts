import { runChild } from '../process/run-child.js';

/** sox on a few seconds (or a few minutes) of audio takes milliseconds; anything near this is a stuck child. */
const SOX_DEADLINE_MS = 30_000;

/**
 * How telephone audio (8 kHz) is made into the 16 kHz the en-us acoustic model was
 * trained on:
 * - `upsample`: `sox … upsample 2`, zero-stuffing without the anti-imaging filter, so the
 *   0–4 kHz band is mirrored into 4–8 kHz and the model's upper mel filters see speech-like
 *   energy instead of nothing. Chosen on the bench (docs/benchmarks.md) for names, digits,
 *   spelling and transcription alike.
 * - `resample`: band-limited resampling (`-r 16000`), which leaves 4–8 kHz empty: log(0)
 *   in the model's upper filters wrecks decoding. Kept for the bench's before/after.
 * A file already at 16 kHz or more (wideband) is resampled to 16 kHz either way.
 */
export type FrontEnd = 'upsample' | 'resample';
export const DEFAULT_FRONT_END: FrontEnd = 'upsample';

/** Writes `input` as 16 kHz mono 16-bit to `output`, the way `frontEnd` says, then `padSeconds` of silence. */
export async function toWideband(input: string, output: string, options: { frontEnd?: FrontEnd; padSeconds?: number } = {}): Promise<void> {
  const { stdout } = await runChild('soxi', ['-r', input], { timeoutMs: SOX_DEADLINE_MS });
  const rate = Number(stdout.trim());
  const pad = options.padSeconds ? ['pad', '0', String(options.padSeconds)] : [];
  const frontEnd = options.frontEnd ?? DEFAULT_FRONT_END;
  // The output's `-r 16000` is needed with `upsample` too: without it sox resamples back to the input's rate.
  const effects = frontEnd === 'upsample' && rate === 8000 ? ['upsample', '2'] : ['rate', '16000'];
  await runChild('sox', [input, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', output, ...effects, ...pad], { timeoutMs: SOX_DEADLINE_MS });
}
