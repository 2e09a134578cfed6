import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeName } from '../policy/keypad.js';
import { runChild } from '../../../process/run-child.js';
import { DEFAULT_FRONT_END, toWideband, type FrontEnd } from '../../../speech/wideband.js';
import { DIGIT_WORDS, LETTER_PRONUNCIATIONS, letterToken } from './spoken-forms.js';
import { pronunciations, SPHINX_MODEL_DIR } from './pronounce.js';

/** A grammar of a few hundred phrases decodes in well under a second; a caller is waiting, so a stuck one is killed. */
const DECODE_DEADLINE_MS = 10_000;

/** What the caller may say in one turn. */
export interface GrammarSpec {
  /** Phrases said as words: directory names, "yes", "number two"… */
  phrases?: string[];
  /** Extensions that exist, said digit by digit ("one zero zero five", "oh" for zero), with or without "extension" first. */
  extensions?: string[];
  /** Words the caller may spell letter by letter (a name, or its first letters): heard as "j o n e s". */
  spellings?: string[];
  /** "operator" is always understood in the menu. */
  operator?: boolean;
}

export interface Recognition {
  /** What was heard, lower case words (a spelled word as single letters); empty when nothing in the grammar matched. */
  text: string;
  elapsedMs: number;
}

/**
 * Offline speech recognition with pocketsphinx (Debian's `pocketsphinx` and
 * `pocketsphinx-en-us`): a JSGF grammar made of what the caller may say in this turn,
 * so the decoder only chooses among directory names, existing extensions, spelled names
 * and a few words, which is both fast and far more accurate than open dictation on
 * telephone audio. The 8 kHz audio is made 16 kHz by the front end the bench chose
 * (src/speech/wideband.ts).
 */
export class Recogniser {
  private readonly grammars = new Map<string, Promise<{ jsgf: string; dict: string }>>();
  private readonly workDir: string;

  constructor(private readonly options: { workDir?: string; frontEnd?: FrontEnd; padSeconds?: number; decodeDeadlineMs?: number } = {}) {
    this.workDir = options.workDir ?? join(tmpdir(), 'switchboard-speech');
  }

  /** Loads the pronunciation dictionary ahead of the first caller (seconds on a busy machine). */
  async warm(): Promise<void> {
    await pronunciations(['operator']);
  }

  /** Recognises an 8 kHz (or any rate) WAV against `spec`. */
  async recognise(wav: Buffer, spec: GrammarSpec): Promise<Recognition> {
    const started = Date.now();
    await mkdir(this.workDir, { recursive: true });
    const grammar = await this.grammar(spec);
    const id = createHash('sha1').update(wav).update(String(started)).update(String(Math.random())).digest('hex').slice(0, 12);
    const input = join(this.workDir, `${id}.in.wav`);
    const prepared = join(this.workDir, `${id}.16k.wav`);
    try {
      await writeFile(input, wav);
      await toWideband(input, prepared, { frontEnd: this.options.frontEnd ?? DEFAULT_FRONT_END, padSeconds: this.options.padSeconds });
      const { stdout } = await runChild('pocketsphinx_continuous', [
        '-infile', prepared, '-hmm', join(SPHINX_MODEL_DIR, 'en-us'), '-jsgf', grammar.jsgf, '-dict', grammar.dict, '-logfn', '/dev/null',
      ], { timeoutMs: this.options.decodeDeadlineMs ?? DECODE_DEADLINE_MS });
      const text = stdout.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
      return { text: normalizeName(text), elapsedMs: Date.now() - started };
    } finally {
      await Promise.all([input, prepared].map((f) => rm(f, { force: true })));
    }
  }

  /** A JSGF grammar and a dictionary with only its words, cached by content. */
  private grammar(spec: GrammarSpec): Promise<{ jsgf: string; dict: string }> {
    const clean = {
      phrases: [...new Set((spec.phrases ?? []).map(normalizeName).filter((p) => /^[a-z' ]+$/.test(p)))].sort(),
      extensions: [...new Set((spec.extensions ?? []).filter((e) => /^\d{1,8}$/.test(e)))].sort(),
      spellings: [...new Set((spec.spellings ?? []).map((s) => normalizeName(s).replace(/[^a-z]/g, '')).filter((s) => s.length > 0))].sort(),
      operator: spec.operator ?? false,
    };
    const key = createHash('sha1').update(JSON.stringify(clean)).digest('hex').slice(0, 16);
    let made = this.grammars.get(key);
    if (!made) {
      made = this.makeGrammar(key, clean);
      made.catch(() => this.grammars.delete(key));
      this.grammars.set(key, made);
    }
    return made;
  }

  private async makeGrammar(key: string, spec: Required<GrammarSpec>): Promise<{ jsgf: string; dict: string }> {
    const words = new Set(spec.phrases.flatMap((p) => p.split(' ')));
    if (spec.operator) words.add('operator');
    if (spec.extensions.length) for (const w of ['extension', ...Object.keys(DIGIT_WORDS)]) words.add(w);
    const prons = await pronunciations(words);
    const alternatives = spec.phrases.filter((p) => p.split(' ').every((w) => prons.has(w)));
    if (spec.operator) alternatives.push('operator');
    // Only extensions that exist: a caller's digits cannot come back as a number nobody has.
    const digit = (d: string) => Object.entries(DIGIT_WORDS).filter(([, v]) => v === d).map(([w]) => w);
    for (const extension of spec.extensions) {
      alternatives.push(`[extension] ${[...extension].map((d) => { const ws = digit(d); return ws.length > 1 ? `(${ws.join(' | ')})` : ws[0]; }).join(' ')}`);
    }
    for (const word of spec.spellings) alternatives.push([...word].map(letterToken).join(' '));
    const dictEntries = [...prons].filter(([w]) => words.has(w));
    if (spec.spellings.length) for (const [letter, variants] of Object.entries(LETTER_PRONUNCIATIONS)) dictEntries.push([letterToken(letter), variants]);
    if (alternatives.length === 0) { alternatives.push('operator'); if (!prons.has('operator')) dictEntries.push(['operator', ['AA P ER EY T ER']]); }
    const jsgf = ['#JSGF V1.0;', 'grammar switchboard;', `public <utterance> = ${alternatives.join(' | ')};`, ''].join('\n');
    // Variants as pocketsphinx wants them: `jones`, `jones(2)`, …
    const dict = dictEntries.flatMap(([w, variants]) => variants.map((p, i) => `${i === 0 ? w : `${w}(${i + 1})`} ${p}`)).join('\n') + '\n';
    const jsgfFile = join(this.workDir, `${key}.jsgf`);
    const dictFile = join(this.workDir, `${key}.dict`);
    // Written whole, then renamed: another controller (or test run) on this machine may be
    // decoding with the same grammar file, and must never read it half rewritten.
    await writeWhole(jsgfFile, jsgf);
    await writeWhole(dictFile, dict);
    return { jsgf: jsgfFile, dict: dictFile };
  }
}

async function writeWhole(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}
