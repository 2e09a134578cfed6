import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from '../../../process/run-child.js';
import { toWideband, type FrontEnd } from '../../../speech/wideband.js';

const MODEL = '/usr/share/pocketsphinx/model/en-us';

/**
 * Offline transcription with CMU PocketSphinx (Debian's `pocketsphinx` and
 * `pocketsphinx-en-us`): the general US-English language model, no network. The
 * acoustic model is trained on 16 kHz speech; the 8 kHz recording goes through the
 * front end the bench chose (src/speech/wideband.ts: `upsample 2`, which took real human
 * speech from 83 % to about 44 % word errors against band-limited resampling). The result
 * is a draft: the e-mail and the portal say so.
 */
export async function transcribe(wavPath: string, timeoutMs = 60_000, frontEnd?: FrontEnd): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vm-stt-'));
  try {
    const wide = join(dir, 'in16k.wav');
    await toWideband(wavPath, wide, { frontEnd });
    const { stdout } = await runChild('pocketsphinx_continuous', [
      '-infile', wide, '-hmm', join(MODEL, 'en-us'), '-lm', join(MODEL, 'en-us.lm.bin'),
      '-dict', join(MODEL, 'cmudict-en-us.dict'), '-logfn', '/dev/null',
    ], { timeoutMs, maxOutputBytes: 4 * 1024 * 1024 });
    return stdout.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Word error rate: word-level edit distance over the reference's length. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter(Boolean);
  const ref = words(reference);
  const hyp = words(hypothesis);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= hyp.length; j += 1) {
      const substitution = previous[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1));
    }
    previous = current;
  }
  return previous[hyp.length]! / ref.length;
}
