/**
 * The speech bench on its own (no call-rate runs): `npx tsx bench/speech.ts`, which
 * rewrites the speech sections of docs/benchmarks.md. BENCH_SPEECH_PARTS picks parts
 * (`accuracy,transcription,latency`; latency needs the test Asterisk up, with the same
 * variables as `npm run bench`); BENCH_VOICES, BENCH_ATTENDANT_NAMES and
 * BENCH_ATTENDANT_SAID size them (bench/attendant/index.ts). Run it with `nice`: it keeps a
 * core busy for tens of minutes.
 */
import { machine, writeResults } from './lib/report.js';
import { runAttendantBenchmarks } from './attendant/index.js';
import { runVoicemailBenchmarks } from './voicemail/index.js';

const parts = (process.env.BENCH_SPEECH_PARTS ?? 'accuracy,transcription,latency').split(',');
const docs = new URL('../docs/benchmarks.md', import.meta.url).pathname;
const stamp = () => `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Machine: ${machine('22 (scripts/asterisk.sh)')}.`;

async function main(): Promise<void> {
  if (parts.includes('accuracy')) {
    const table = await withEnv({ BENCH_ATTENDANT_CALLS: '0', BENCH_ATTENDANT_USERS: '0' }, runAttendantBenchmarks);
    writeResults(docs, `${stamp()}\n\n${table}`, 'speech-accuracy');
  }
  if (parts.includes('transcription')) writeResults(docs, `${stamp()}\n\n${await runVoicemailBenchmarks()}`, 'speech-transcription');
  if (parts.includes('latency')) {
    const table = await withEnv({ BENCH_ATTENDANT_NAMES: '0', BENCH_ATTENDANT_USERS: '0' }, runAttendantBenchmarks);
    writeResults(docs, `${stamp()}\n\n${table}`, 'speech-latency');
  }
}

async function withEnv<T>(values: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  try { return await run(); } finally {
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
  }
}

main().then(() => process.exit(0), (error: unknown) => { process.stderr.write(`${String((error as Error).stack ?? error)}\n`); process.exit(1); });
