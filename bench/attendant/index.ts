/**
 * The attendant's benchmarks (not timed tests), `npx tsx bench/attendant/index.ts` alone
 * or from `npm run bench`:
 *   1. speech dial-by-name accuracy: ≥200 directory names × 3 espeak-ng voices at
 *      telephone quality (8 kHz, G.711), top-1 without and after confirmation;
 *   2. end of speech → first ring, on real calls through the test Asterisk;
 *   3. directory search over 100,000 users: p50 / p99 per kind of search.
 * Sizes: BENCH_ATTENDANT_NAMES (200), BENCH_ATTENDANT_USERS (100000),
 * BENCH_ATTENDANT_CALLS (8; 0 skips the real calls, e.g. with no Asterisk); 0 skips a part.
 */
import { pathToFileURL } from 'node:url';
import { measureDirectorySearch } from './directory-search.js';
import { measureSpeechAccuracy } from './speech-accuracy.js';
import { measureSpeechLatency, type SpeechLatency } from './speech-latency.js';

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

export async function runAttendantBenchmarks(): Promise<string> {
  const env = process.env;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const lines: string[] = [];
  const row = (measure: string, value: string, note = '') => lines.push(`| ${measure} | ${value} | ${note} |`);

  const names = Number(env.BENCH_ATTENDANT_NAMES ?? 200);
  if (names > 0) {
    log('attendant: speech accuracy…');
    const accuracy = await measureSpeechAccuracy({ names, log });
    const note = `${accuracy.names} names × ${accuracy.voices.length} voices (${accuracy.voices.join(', ')}), 8 kHz G.711`;
    row('speech top-1 without confirmation', pct(accuracy.top1WithoutConfirmation), note);
    row('speech top-1 after confirmation', pct(accuracy.top1AfterConfirmation), `caller says no to wrong offers or picks from a list; ≤ ${accuracy.attempts} tries`);
    for (const [voice, v] of Object.entries(accuracy.perVoice)) row(`  voice ${voice}`, `${pct(v.withoutConfirmation)} / ${pct(v.afterConfirmation)}`, 'without / after confirmation');
    row('recognition time p50 / p95', `${ms(accuracy.recogniseMsP50)} / ${ms(accuracy.recogniseMsP95)}`, 'sox + pocketsphinx, one utterance');
  }

  const calls = Number(env.BENCH_ATTENDANT_CALLS ?? 8);
  if (calls > 0) {
    log('attendant: end of speech to first ring (real calls)…');
    let latency: SpeechLatency | undefined;
    try { latency = await measureSpeechLatency(calls); } catch (error) { row('end of speech → first ring', 'not measured', (error as Error).message.slice(0, 120)); }
    if (latency) {
      row('end of speech → first ring p50 (max)', `${ms(latency.endOfSpeechToRingMs.p50)} (${ms(latency.endOfSpeechToRingMs.max)})`, `${latency.calls} calls, caller confirms with 1 at once; includes ${latency.endSilenceSeconds} s end-of-speech silence`);
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
  }

  const table = ['| attendant measure | value | note |', '|---|---|---|', ...lines].join('\n');
  log(table);
  return table;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runAttendantBenchmarks().then(() => process.exit(0), (error: unknown) => { process.stderr.write(`${String((error as Error).stack ?? error)}\n`); process.exit(1); });
}
