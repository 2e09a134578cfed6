import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grammarPhrases, matchUtterance, type DirectoryName } from '../../src/features/attendant/policy/speech-match.js';
import { Recogniser } from '../../src/features/attendant/speech/recogniser.js';
import { benchmarkNames } from './names.js';

export interface SpeechAccuracy {
  names: number;
  voices: string[];
  utterances: number;
  /** The first thing offered is the right person, alone (no confirmation needed). */
  top1WithoutConfirmation: number;
  /** The caller reaches the right person: says no to wrong offers (never offered again), picks from a list, at most `attempts` tries. */
  top1AfterConfirmation: number;
  attempts: number;
  recogniseMsP50: number;
  recogniseMsP95: number;
  perVoice: Record<string, { withoutConfirmation: number; afterConfirmation: number }>;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Speaks `text` with espeak-ng `voice`, then telephone quality: 8 kHz, G.711 µ-law and back. */
function telephoneUtterance(dir: string, text: string, voice: string, index: number): Buffer {
  const raw = join(dir, `${index}.raw.wav`);
  const ulaw = join(dir, `${index}.ul.wav`);
  const out = join(dir, `${index}.wav`);
  execFileSync('espeak-ng', ['-v', voice, '-w', raw, text]);
  execFileSync('sox', [raw, '-r', '8000', '-c', '1', '-e', 'u-law', ulaw]);
  execFileSync('sox', [ulaw, '-e', 'signed-integer', '-b', '16', out]);
  const wav = readFileSync(out);
  rmSync(raw); rmSync(ulaw); rmSync(out);
  return wav;
}

/**
 * The attendant's speech path without the phone line: each directory name, spoken by
 * each voice at telephone quality, recognised against the directory grammar exactly as
 * a call does (same Recogniser, same grammar phrases, same matching), with the caller's
 * side of the confirmation dialogue simulated.
 */
export async function measureSpeechAccuracy(options: { names?: number; voices?: string[]; attempts?: number; recogniser?: Recogniser; log?: (line: string) => void } = {}): Promise<SpeechAccuracy> {
  const names = benchmarkNames(options.names ?? 200);
  const voices = options.voices ?? ['en-us', 'en', 'en-us+f3'];
  const attempts = options.attempts ?? 3;
  const recogniser = options.recogniser ?? new Recogniser();
  const directory: DirectoryName[] = names.map((spokenName, i) => ({ userId: i + 1, spokenName }));
  const dir = mkdtempSync(join(tmpdir(), 'attendant-bench-'));
  const times: number[] = [];
  const perVoice: SpeechAccuracy['perVoice'] = {};
  let withoutConfirmation = 0;
  let afterConfirmation = 0;
  let n = 0;
  try {
    for (const voice of voices) {
      let voiceWithout = 0;
      let voiceAfter = 0;
      for (const [i, name] of names.entries()) {
        const target = i + 1;
        const wav = telephoneUtterance(dir, name, voice, n);
        n += 1;
        const rejected = new Set<number>();
        let reached = false;
        for (let attempt = 1; attempt <= attempts && !reached; attempt += 1) {
          const heard = await recogniser.recognise(wav, grammarPhrases(directory, rejected), { withDigits: true });
          times.push(heard.elapsedMs);
          const verdict = matchUtterance(heard.text, directory, rejected);
          const offered = verdict.kind === 'users' ? verdict.userIds : [];
          if (attempt === 1 && offered.length === 1 && offered[0] === target) voiceWithout += 1;
          if (offered.includes(target) && offered.length <= 8) reached = true;
          // A caller says "no" to a single wrong offer; a list without them is a retry.
          else if (offered.length === 1) rejected.add(offered[0]!);
        }
        if (reached) voiceAfter += 1;
      }
      perVoice[voice] = { withoutConfirmation: voiceWithout / names.length, afterConfirmation: voiceAfter / names.length };
      withoutConfirmation += voiceWithout;
      afterConfirmation += voiceAfter;
      options.log?.(`  voice ${voice}: without confirmation ${(100 * voiceWithout / names.length).toFixed(1)} %, after confirmation ${(100 * voiceAfter / names.length).toFixed(1)} %`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const utterances = names.length * voices.length;
  return {
    names: names.length, voices, utterances, attempts,
    top1WithoutConfirmation: withoutConfirmation / utterances,
    top1AfterConfirmation: afterConfirmation / utterances,
    recogniseMsP50: percentile(times, 50), recogniseMsP95: percentile(times, 95), perVoice,
  };
}
