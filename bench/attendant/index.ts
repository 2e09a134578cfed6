/**
 * The attendant's benchmarks (not timed tests), `npx tsx bench/attendant/index.ts` alone
 * or from `npm run bench`:
 *   1. speech accuracy per voice (test/support/voices.ts) at telephone quality (8 kHz,
 *      G.711): names top-1 without and after confirmation, spoken extensions (four digits,
 *      no keyword), spelled last names;
 *   2. end of speech → first ring, on real calls through the test Asterisk;
 *   3. directory search over 100,000 users: p50 / p99 per kind of search.
 * Sizes: BENCH_ATTENDANT_NAMES (directory size, 200), BENCH_ATTENDANT_SAID (people said
 * per voice and task, 50), BENCH_VOICES (comma-separated, all), BENCH_ATTENDANT_USERS
 * (100000), BENCH_ATTENDANT_CALLS (8; 0 skips the real calls, e.g. with no Asterisk);
 * 0 skips a part.
 */
import { pathToFileURL } from 'node:url';
import { VOICES, type Voice } from '../../test/support/voices.js';
import { measureDirectorySearch } from './directory-search.js';
import { measureSpeechAccuracy, type TaskResult } from './speech-accuracy.js';
import { measureSpeechLatency, type SpeechLatency } from './speech-latency.js';

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

export function benchVoices(): Voice[] {
  const wanted = (process.env.BENCH_VOICES ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  return wanted.length ? VOICES.filter((v) => wanted.includes(v)) : [...VOICES];
}

export async function runAttendantBenchmarks(): Promise<string> {
  const env = process.env;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const lines: string[] = [];
  const row = (measure: string, value: string, note = '') => lines.push(`| ${measure} | ${value} | ${note} |`);
  const tables: string[] = [];

  const names = Number(env.BENCH_ATTENDANT_NAMES ?? 200);
  if (names > 0) {
    log('attendant: speech accuracy…');
    const voices = benchVoices();
    const accuracy = await measureSpeechAccuracy({ names, said: Number(env.BENCH_ATTENDANT_SAID ?? 50), voices, log });
    const cell = (r: TaskResult | undefined, after: boolean) => (r ? pct((after ? r.afterConfirmation : r.withoutConfirmation) / r.utterances) : '-');
    const said = Object.values(accuracy.perVoice)[0]?.name?.utterances ?? 0;
    tables.push([
      `Speech, per voice: ${said} of a ${accuracy.names}-person directory said per voice and task, 8 kHz G.711, front end \`upsample 2\`, one grammar for the whole menu (names, the directory's extensions as digits, names spelled, operator); "after" = the caller says no to a wrong offer or picks from a list, ≤ ${accuracy.attempts} tries. Recognition p50 ${ms(accuracy.recogniseMsP50)}, p95 ${ms(accuracy.recogniseMsP95)}.`,
      '',
      '| voice | names, no confirmation | names, after confirmation | extensions (4 digits), after confirmation | spelled last name, after confirmation |',
      '|---|---|---|---|---|',
      ...Object.entries(accuracy.perVoice).map(([voice, t]) => `| ${voice} | ${cell(t.name, false)} | ${cell(t.name, true)} | ${cell(t.extension, true)} | ${cell(t.spelled, true)} |`),
    ].join('\n'));
  }

  const calls = Number(env.BENCH_ATTENDANT_CALLS ?? 8);
  if (calls > 0) {
    log('attendant: end of speech to first ring (real calls)…');
    let latency: SpeechLatency | undefined;
    try { latency = await measureSpeechLatency(calls); } catch (error) { row('end of speech → first ring', 'not measured', (error as Error).message.slice(0, 120)); }
    if (latency) {
      row('end of speech → first ring p50 (max)', `${ms(latency.endOfSpeechToRingMs.p50)} (${ms(latency.endOfSpeechToRingMs.max)})`, `${latency.calls} calls, caller confirms with 1 at once; includes the end-of-speech silence (${latency.endSilence})`);
      row('  end of speech → "Did you mean…"', `${ms(latency.endOfSpeechToQuestionMs.p50)} (${ms(latency.endOfSpeechToQuestionMs.max)})`, 'silence detection + fetch + recognition');
      row('  confirmation key → first ring', `${ms(latency.confirmKeyToRingMs.p50)} (${ms(latency.confirmKeyToRingMs.max)})`, '');
    }
  }

  const users = Number(env.BENCH_ATTENDANT_USERS ?? 100_000);
  if (users > 0) {
    log(`attendant: directory search over ${users} users…`);
    const search = await measureDirectorySearch(users, 1000);
    for (const [kind, s] of Object.entries(search.kinds)) row(`directory search, ${kind}`, `p50 ${ms(s.p50)}, p99 ${ms(s.p99)}`, `${search.users} users, ${s.queries} queries`);
    row('directory index build / re-sync unchanged', `${search.syncSeconds.toFixed(1)} s / ${search.resyncUnchangedMs} ms`, `${search.users} users`);
    row('in-memory directory: user cache load + index build', `${search.memoryLoadMs} ms`, `${search.users} users, once per controller start (and after a bulk change)`);
  }

  if (lines.length) tables.push(['| attendant measure | value | note |', '|---|---|---|', ...lines].join('\n'));
  const text = tables.join('\n\n');
  log(text);
  return text;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runAttendantBenchmarks().then(() => process.exit(0), (error: unknown) => { process.stderr.write(`${String((error as Error).stack ?? error)}\n`); process.exit(1); });
}
