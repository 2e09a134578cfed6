import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchUtterance, menuGrammar, type DirectoryName } from '../../src/features/attendant/policy/speech-match.js';
import { Recogniser } from '../../src/features/attendant/speech/recogniser.js';
import { telephoneSpeechBuffer, type Voice } from '../../test/support/voices.js';
import { benchmarkNames } from './names.js';

/** What the caller says in each task, and whom they mean. */
export type SpeechTask = 'name' | 'extension' | 'spelled';

export interface TaskResult { utterances: number; withoutConfirmation: number; afterConfirmation: number }
export interface SpeechAccuracy {
  names: number;
  attempts: number;
  recogniseMsP50: number;
  recogniseMsP95: number;
  perVoice: Record<string, Partial<Record<SpeechTask, TaskResult>>>;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const DIGIT_NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** Extensions as a company numbers them: four digits, not in order of the names. */
export const benchExtension = (i: number) => String(1000 + ((i * 37) % 900) + 100 * Math.floor(i / 900));
/** "one zero zero five": how a caller says an extension digit by digit. */
export const sayDigits = (extension: string) => [...extension].map((d) => DIGIT_NAMES[Number(d)]).join(' ');
/** "J, O, N, E, S": the synthesisers say each letter apart. */
export const sayLetters = (word: string) => [...word.toUpperCase()].join(', ');

/**
 * The attendant's speech path without the phone line: each directory name, said by each
 * voice at telephone quality (8 kHz G.711), recognised against the menu's grammar exactly
 * as a call does (same Recogniser, same grammar, same matching), with the caller's side
 * of the confirmation simulated: they say no to a single wrong offer (never offered
 * again), pick themselves from a list, and try at most `attempts` times. Tasks: the name
 * ("Mary Jones"), the extension's digits ("one zero zero five", no keyword), and the last
 * name spelled ("J, O, N, E, S").
 */
export async function measureSpeechAccuracy(options: { names?: number; voices: Voice[]; tasks?: SpeechTask[]; /** How many of the directory's people are said (every n-th), per task and voice. */ said?: number; attempts?: number; recogniser?: Recogniser; log?: (line: string) => void }): Promise<SpeechAccuracy> {
  const names = benchmarkNames(options.names ?? 200);
  const attempts = options.attempts ?? 3;
  // A long deadline: the bench measures accuracy, and a shared machine can be slow (a call keeps 10 s).
  const recogniser = options.recogniser ?? new Recogniser({ decodeDeadlineMs: 120_000 });
  const directory = names.map((spokenName, i) => ({ userId: i + 1, spokenName, extension: benchExtension(i) }));
  const dir = mkdtempSync(join(tmpdir(), 'attendant-bench-'));
  const times: number[] = [];
  const perVoice: SpeechAccuracy['perVoice'] = {};
  // Callers say every `step`-th person of the directory (the grammar always holds all of it).
  const step = Math.max(1, Math.floor(names.length / (options.said ?? names.length)));
  try {
    for (const voice of options.voices) {
      perVoice[voice] = {};
      for (const task of options.tasks ?? ['name', 'extension', 'spelled']) {
        const result: TaskResult = { utterances: 0, withoutConfirmation: 0, afterConfirmation: 0 };
        for (const [i, entry] of directory.entries()) {
          if (i % step !== 0) continue;
          const said = task === 'name' ? entry.spokenName : task === 'extension' ? sayDigits(entry.extension) : sayLetters(entry.spokenName.split(' ').at(-1)!.toLowerCase());
          const wav = telephoneSpeechBuffer(dir, voice, said);
          const rejected = new Set<number>();
          let reached = false;
          for (let attempt = 1; attempt <= attempts && !reached; attempt += 1) {
            // A decoder past its deadline (a loaded machine) is a caller not understood, as in a call.
            const heard = await recogniser.recognise(wav, menuGrammar(directory, rejected)).catch(() => ({ text: '', elapsedMs: 10_000 }));
            times.push(heard.elapsedMs);
            const verdict = matchUtterance(heard.text, directory as DirectoryName[], rejected);
            const offered = verdict.kind === 'users' || verdict.kind === 'spelled' ? verdict.userIds
              : verdict.kind === 'extension' ? directory.filter((d) => d.extension === verdict.extension).map((d) => d.userId) : [];
            if (attempt === 1 && offered.length === 1 && offered[0] === entry.userId) result.withoutConfirmation += 1;
            if (offered.includes(entry.userId) && offered.length <= 8) reached = true;
            else if (offered.length === 1) rejected.add(offered[0]!);
          }
          if (reached) result.afterConfirmation += 1;
          result.utterances += 1;
        }
        perVoice[voice][task] = result;
        options.log?.(`  ${voice} ${task}: ${result.withoutConfirmation}/${result.utterances} without confirmation, ${result.afterConfirmation}/${result.utterances} after`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { names: names.length, attempts, recogniseMsP50: percentile(times, 50), recogniseMsP95: percentile(times, 95), perVoice };
}
