import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeName } from '../policy/keypad.js';
import { runChild } from '../../../process/run-child.js';
import { pronunciations, SPHINX_MODEL_DIR } from './pronounce.js';

/** Each step takes well under a second on a few seconds of speech; a caller is waiting, so a stuck one is killed. */
const SOX_DEADLINE_MS = 10_000;
const DECODE_DEADLINE_MS = 10_000;

/** Relative weights of a name and of a spoken extension ("extension one zero zero five") in the grammar. Bare digits without the word "extension" were measured to swallow names the decoder was unsure of. */
export const NAME_WEIGHT = 1;
export const DIGITS_WEIGHT = 1;

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

export interface Recognition {
  /** What was heard, lower case words; empty when nothing in the grammar matched. */
  text: string;
  elapsedMs: number;
}

/**
 * Offline speech recognition with pocketsphinx (Debian's `pocketsphinx` and
 * `pocketsphinx-en-us`): a JSGF grammar made of the phrases the caller may say, so the
 * decoder only chooses among directory names, digits and a few words, which is both
 * fast (~0.2 s) and far more accurate than open dictation on telephone audio.
 *
 * The en-us acoustic model is trained on 16 kHz speech. Telephone audio is 8 kHz:
 * upsampled, its 4–8 kHz band is empty and the model's upper mel filters see log(0),
 * which wrecks decoding (measured: nearly every name became "one"). A faint white noise
 * above 4 kHz fills that band and restores accuracy.
 */
export class Recogniser {
  private readonly grammars = new Map<string, Promise<{ jsgf: string; dict: string }>>();
  private noiseFile: Promise<string> | undefined;

  private readonly workDir: string;

  constructor(private readonly options: { workDir?: string; noiseVolume?: number; padSeconds?: number } = {}) {
    this.workDir = options.workDir ?? join(tmpdir(), 'switchboard-speech');
  }

  /** Recognises an 8 kHz (or any rate) WAV against `phrases`; digits and "operator" are always allowed when `withDigits`. */
  async recognise(wav: Buffer, phrases: string[], options: { withDigits?: boolean } = {}): Promise<Recognition> {
    const started = Date.now();
    await mkdir(this.workDir, { recursive: true });
    const grammar = await this.grammar(phrases, options.withDigits ?? false);
    const id = createHash('sha1').update(wav).update(String(started)).digest('hex').slice(0, 12);
    const input = join(this.workDir, `${id}.in.wav`);
    const upsampled = join(this.workDir, `${id}.up.wav`);
    const prepared = join(this.workDir, `${id}.16k.wav`);
    try {
      await writeFile(input, wav);
      await runChild('sox', [input, '-r', '16000', '-c', '1', '-b', '16', upsampled, 'pad', '0', String(this.options.padSeconds ?? 0)], { timeoutMs: SOX_DEADLINE_MS });
      const { stdout: duration } = await runChild('soxi', ['-D', upsampled], { timeoutMs: SOX_DEADLINE_MS });
      await runChild('sox', ['-m', upsampled, await this.noise(), prepared, 'trim', '0', duration.trim()], { timeoutMs: SOX_DEADLINE_MS });
      const { stdout } = await runChild('pocketsphinx_continuous', [
        '-infile', prepared, '-hmm', join(SPHINX_MODEL_DIR, 'en-us'), '-jsgf', grammar.jsgf, '-dict', grammar.dict, '-logfn', '/dev/null',
      ], { timeoutMs: DECODE_DEADLINE_MS });
      const text = stdout.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
      return { text: normalizeName(text), elapsedMs: Date.now() - started };
    } finally {
      await Promise.all([input, upsampled, prepared].map((f) => rm(f, { force: true })));
    }
  }

  private noise(): Promise<string> {
    this.noiseFile ??= (async () => {
      // 0.03 of full scale: measured best of 0.003–0.03 by bench/attendant (names and spoken digits).
      const volume = String(this.options.noiseVolume ?? 0.03);
      const file = join(this.workDir, `highband-noise-60s-${volume}.wav`);
      if (!existsSync(file)) {
        const tmp = `${file}.${process.pid}.tmp.wav`;
        await runChild('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', tmp, 'synth', '60', 'whitenoise', 'vol', volume, 'highpass', '4000'], { timeoutMs: 30_000 });
        await rename(tmp, file);
      }
      return file;
    })();
    // A failure is not kept: the next caller tries again.
    this.noiseFile.catch(() => { this.noiseFile = undefined; });
    return this.noiseFile;
  }

  /** A JSGF grammar and a dictionary with only its words, cached by content. */
  private grammar(phrases: string[], withDigits: boolean): Promise<{ jsgf: string; dict: string }> {
    const clean = [...new Set(phrases.map(normalizeName).filter((p) => /^[a-z' ]+$/.test(p)))].sort();
    const key = createHash('sha1').update(JSON.stringify([clean, withDigits])).digest('hex').slice(0, 16);
    let made = this.grammars.get(key);
    if (!made) {
      made = this.makeGrammar(key, clean, withDigits);
      made.catch(() => this.grammars.delete(key));
      this.grammars.set(key, made);
    }
    return made;
  }

  private async makeGrammar(key: string, phrases: string[], withDigits: boolean): Promise<{ jsgf: string; dict: string }> {
    const words = new Set(phrases.flatMap((p) => p.split(' ')));
    if (withDigits) for (const d of [...DIGITS, 'operator', 'extension']) words.add(d);
    const prons = await pronunciations(words);
    const speakable = phrases.filter((p) => p.split(' ').every((w) => prons.has(w)));
    // Weights keep short, common digit words from swallowing names the decoder is unsure of.
    const alternatives = speakable.map((p) => `/${NAME_WEIGHT}/ ${p}`);
    if (withDigits) alternatives.push(`/${NAME_WEIGHT}/ operator`, `/${DIGITS_WEIGHT}/ extension <digit> <digit> <digit> <digit>`);
    if (alternatives.length === 0) alternatives.push('operator');
    const jsgf = [
      '#JSGF V1.0;', 'grammar switchboard;',
      `public <utterance> = ${alternatives.join(' | ')};`,
      ...(withDigits ? [`<digit> = ${DIGITS.join(' | ')};`] : []),
      '',
    ].join('\n');
    // Variants as pocketsphinx wants them: `jones`, `jones(2)`, …
    const dict = [...prons].filter(([w]) => words.has(w))
      .flatMap(([w, variants]) => variants.map((p, i) => `${i === 0 ? w : `${w}(${i + 1})`} ${p}`)).join('\n') + '\n';
    const jsgfFile = join(this.workDir, `${key}.jsgf`);
    const dictFile = join(this.workDir, `${key}.dict`);
    await writeFile(jsgfFile, jsgf);
    await writeFile(dictFile, dict);
    return { jsgf: jsgfFile, dict: dictFile };
  }
}
