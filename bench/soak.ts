/**
 * `npx tsx bench/soak.ts`: the soak (issue 11). BENCH_SOAK_CALLS calls (default 10,000)
 * through every kind of call Switchboard takes, in turn, BENCH_SOAK_CONCURRENCY at a time:
 *   plain      an internal call to a user whose phone answers (3001);
 *   attendant  the company number from outside, the caller keys an extension (3002# to
 *              3004#, one not on a call now) and that user's phone answers;
 *   executive  an outside call to Erin's DID (5552002): she filters every call, her
 *              assistants Alice (1003) and Aaron (1004) ring at once and one answers;
 *   voicemail  an internal call to Mary (1005), whose phone is not registered: her
 *              voicemail greeting answers, and the caller hangs up during it.
 * Every BENCH_SOAK_REPORT_EVERY calls (1,000) it waits for the calls in progress to end
 * and reads the controller's `/metrics`: the V8 heap in use after the latest full garbage
 * collection (`switchboard_heap_used_after_gc_bytes`; not RSS, which follows the load).
 * It must stay within 10 % of the first reading. The figures go to docs/benchmarks.md.
 * Needs the test Asterisk (same SB_ASTERISK_INSTANCE / ARI_PORT / SIP_PORT) and no other
 * controller on it.
 */
import { AriRest } from '../src/ari/ari-rest.js';
import type { AriEvent } from '../src/ari/ari-types.js';
import { AriEvents } from './lib/ari-events.js';
import { ControllerProcess } from './lib/controller.js';
import { machine, writeResults } from './lib/report.js';
import { SipUas } from './lib/sip-uas.js';

const env = process.env;
const ariUrl = (env.ARI_URL ?? `http://127.0.0.1:${Number(env.ARI_PORT ?? 8088)}`).replace(/\/$/, '');
const sipPort = Number(env.SIP_PORT ?? 5060);
const auth = { user: env.ARI_USER ?? 'switchboard', password: env.ARI_PASSWORD ?? 'switchboard' };
const CALLS = Number(env.BENCH_SOAK_CALLS ?? 10_000);
const CONCURRENCY = Number(env.BENCH_SOAK_CONCURRENCY ?? 8);
const REPORT_EVERY = Number(env.BENCH_SOAK_REPORT_EVERY ?? 1000);
/** The phones' registration expiry; they refresh it at half. Short, it shows the refresh in a short run. */
const REGISTER_SECONDS = Number(env.BENCH_SOAK_REGISTER_SECONDS ?? 3600);
const FLAT_WITHIN = 0.10;
/** From the originate to the call answered, and then to the callee's phone up. */
const ANSWER_MS = 15_000;
const CALLEE_MS = 20_000;
const HOLD_MS = 500;

/**
 * `callee`: how the caller is known to be through to a person: `phone`, the callee's phone
 * has the call from the caller's number; `bridge`, the caller is bridged with another
 * channel (an assistant sees the executive's number, not the caller's); `none`, a prompt.
 */
interface CallKind {
  name: string; endpoint: string; callee: 'phone' | 'bridge' | 'none';
  /** Extensions the caller keys once answered (`<extension>#`), one of those not on a call now. */
  keysOneOf?: CalleePool;
}

/**
 * The attendant's callees not on a call now. A user already on a call is busy for the
 * attendant (PRODUCT.md 4: unavailable, then backup or voicemail, else back to the menu),
 * so two overlapping soak calls keying one extension made the second fail, as it should
 * (69 of 2,000 calls when every attendant call keyed 3002).
 */
class CalleePool {
  private readonly free: string[];
  private readonly waiting: Array<(extension: string) => void> = [];
  constructor(readonly extensions: readonly string[]) { this.free = [...extensions]; }
  take(): Promise<string> {
    const extension = this.free.shift();
    return extension ? Promise.resolve(extension) : new Promise((resolve) => this.waiting.push(resolve));
  }
  give(extension: string): void {
    const next = this.waiting.shift();
    if (next) next(extension); else this.free.push(extension);
  }
}
const ATTENDANT_CALLEES = new CalleePool(['3002', '3003', '3004']);
const KINDS: CallKind[] = [
  { name: 'plain', endpoint: 'Local/3001@switchboard-internal', callee: 'phone' },
  { name: 'attendant', endpoint: 'Local/5552000@switchboard-inbound', keysOneOf: ATTENDANT_CALLEES, callee: 'phone' },
  { name: 'executive', endpoint: 'Local/5552002@switchboard-inbound', callee: 'bridge' },
  { name: 'voicemail', endpoint: 'Local/1005@switchboard-internal', callee: 'none' },
];

const rest = new AriRest(ariUrl, auth.user, auth.password, 15_000);
const out = (line: string) => process.stdout.write(`${line}\n`);

/** One caller's channel events, by channel id. */
class Callers {
  private readonly waiting = new Map<string, { answered: () => void; ended: () => void }>();
  constructor(events: AriEvents) {
    events.on(({ event }) => {
      const e = event as AriEvent & { channel?: { id: string } };
      const waiter = e.channel ? this.waiting.get(e.channel.id) : undefined;
      if (!waiter) return;
      if (e.type === 'StasisStart') waiter.answered();
      if (e.type === 'ChannelDestroyed') waiter.ended();
    });
  }
  watch(id: string): { answered: Promise<void>; ended: Promise<void>; done: () => void } {
    let answered!: () => void;
    let ended!: () => void;
    const a = new Promise<void>((resolve) => { answered = resolve; });
    const e = new Promise<void>((resolve) => { ended = resolve; });
    this.waiting.set(id, { answered, ended });
    return { answered: a, ended: e, done: () => this.waiting.delete(id) };
  }
}

const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

async function until(predicate: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

let seq = 0;
/** One call of `kind`; resolves with why it failed, or undefined, once the caller's channel is gone. */
async function oneCall(kind: CallKind, callers: Callers, uas: SipUas, app: string): Promise<string | undefined> {
  seq += 1;
  const id = `soak-${process.pid}-${seq}`;
  const number = `7${String(seq).padStart(6, '0')}`;
  const watch = callers.watch(id);
  let failure: string | undefined;
  const callee = await kind.keysOneOf?.take();
  try {
    await rest.request('POST', '/channels', {
      endpoint: kind.endpoint, app, appArgs: 'caller', channelId: id, otherChannelId: `${id}-2`, callerId: `Soak <${number}>`, timeout: 30,
    });
    if (!(await within(watch.answered, ANSWER_MS))) failure = 'not answered';
    else {
      if (callee) await rest.sendDtmf(id, `${callee}#`);
      const through = kind.callee === 'phone' ? () => Promise.resolve(uas.isUp(number))
        : kind.callee === 'bridge' ? async () => (await rest.listBridges()).some((b) => b.channels.includes(`${id}-2`) && b.channels.length === 2)
          : undefined;
      if (through && !(await until(through, CALLEE_MS))) failure = 'callee never answered';
      else await new Promise((r) => setTimeout(r, HOLD_MS));
    }
  } catch (error) {
    failure = `originate: ${(error as Error).message.slice(0, 60)}`;
  }
  await rest.hangup(id).catch(() => undefined);
  if (!(await within(watch.ended, 10_000))) failure ??= 'caller channel left up';
  watch.done();
  if (callee) {
    // Free again once the callee's phone has hung up too, not only the caller.
    await until(() => Promise.resolve(!uas.isUp(number)), 10_000);
    kind.keysOneOf?.give(callee);
  }
  // The controller's log names the call by the channel it has (the Local channel's other half).
  if (failure && failedCalls.length < 10) failedCalls.push(`${kind.name} ${id}-2 (${failure})`);
  return failure ? `${kind.name}: ${failure}` : undefined;
}

/** The first failed calls, to look up in the controller's log (BENCH_KEEP_LOGS=1 keeps it). */
const failedCalls: string[] = [];

async function metric(controller: ControllerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${controller.baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no ${name} in /metrics`);
  return Number(line.split(' ')[1]);
}

async function main(): Promise<void> {
  const info = await rest.info().catch(() => { throw new Error(`no ARI at ${ariUrl}: start the test Asterisk first`); });
  const uas = new SipUas({ asteriskHost: '127.0.0.1', asteriskPort: sipPort, ringMs: 100 });
  await uas.start();
  const endpoints = ['3001', ...ATTENDANT_CALLEES.extensions, '1002', '1003', '1004'];
  for (const endpoint of endpoints) await uas.register(endpoint, REGISTER_SECONDS);
  const controller = new ControllerProcess(ariUrl, {}, { compiled: true });
  await controller.start();
  await controller.api('POST', '/api/users', { extension: '3001', name: 'Soak Plain', services: [], noAnswerSeconds: 30, locations: [{ kind: 'primary', address: 'PJSIP/3001' }] });
  for (const extension of ATTENDANT_CALLEES.extensions) {
    await controller.api('POST', '/api/users', { extension, name: `Soak Attendant ${extension}`, services: ['attendant'], noAnswerSeconds: 30, locations: [{ kind: 'primary', address: `PJSIP/${extension}` }] });
  }
  const events = new AriEvents(ariUrl, auth.user, auth.password, 'bench-soak', false);
  await events.open();
  const callers = new Callers(events);
  const failures: Record<string, number> = {};
  const readings: Array<{ calls: number; heapMiB: number; majorGcs: number; rssMiB: number }> = [];
  const started = Date.now();
  try {
    let done = 0;
    while (done < CALLS) {
      const batch = Math.min(REPORT_EVERY, CALLS - done);
      let next = 0;
      // CONCURRENCY callers at a time, each placing calls of every kind in turn.
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        for (;;) {
          const n = next++;
          if (n >= batch) return;
          const failure = await oneCall(KINDS[(done + n) % KINDS.length]!, callers, uas, events.app);
          if (failure) failures[failure] = (failures[failure] ?? 0) + 1;
        }
      }));
      done += batch;
      const [heap, majorGcs, rss] = await Promise.all([
        metric(controller, 'switchboard_heap_used_after_gc_bytes'), metric(controller, 'switchboard_major_gcs'), metric(controller, 'switchboard_process_resident_memory_bytes'),
      ]);
      readings.push({ calls: done, heapMiB: heap / 2 ** 20, majorGcs, rssMiB: rss / 2 ** 20 });
      const failed = Object.values(failures).reduce((a, b) => a + b, 0);
      out(`${done} calls (${failed} failed ${JSON.stringify(failures)}) in ${((Date.now() - started) / 1000).toFixed(0)} s: heap after GC ${(heap / 2 ** 20).toFixed(1)} MiB (${majorGcs} full GCs), RSS ${(rss / 2 ** 20).toFixed(0)} MiB`);
    }
    const base = readings[0]!.heapMiB;
    const worst = Math.max(...readings.map((r) => Math.abs(r.heapMiB - base) / base));
    const verdict = readings.length > 1 && worst <= FLAT_WITHIN ? 'pass' : readings.length > 1 ? 'FAIL' : 'too few readings (one report interval)';
    const failed = Object.values(failures).reduce((a, b) => a + b, 0);
    if (failedCalls.length) out(`first failed calls: ${failedCalls.join('; ')}; controller log: ${controller.logFile}`);
    out(`soak of ${done} calls: heap after GC within ${(worst * 100).toFixed(1)} % of the first reading: ${verdict}`);
    writeResults(new URL('../docs/benchmarks.md', import.meta.url).pathname, [
      `Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${done} calls (BENCH_SOAK_CALLS), ${CONCURRENCY} at a time, ${((Date.now() - started) / 60_000).toFixed(1)} min. Machine: ${machine(info.system?.version ?? '?')}.`,
      `Calls of each kind in turn: ${KINDS.map((k) => k.name).join(', ')}; ${failed} failed${failed ? ` (${Object.entries(failures).map(([k, v]) => `${k}: ${v}`).join('; ')})` : ''}.`,
      '',
      '| calls | V8 heap after the latest full GC | full GCs so far | RSS (for reference) |',
      '|---|---|---|---|',
      ...readings.map((r) => `| ${r.calls} | ${r.heapMiB.toFixed(1)} MiB | ${r.majorGcs} | ${r.rssMiB.toFixed(0)} MiB |`),
      '',
      `Heap after GC within ${(worst * 100).toFixed(1)} % of the first reading (bound ${FLAT_WITHIN * 100} %): ${verdict}.`,
    ].join('\n'), 'soak');
    if (verdict !== 'pass') process.exitCode = 1;
  } finally {
    events.close();
    await controller.stop();
    for (const endpoint of endpoints) await uas.register(endpoint, 0).catch(() => undefined);
    await uas.stop();
  }
}

main().then(() => process.exit(process.exitCode ?? 0), (error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
