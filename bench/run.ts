/**
 * `npm run bench`: Switchboard against native dialplan on the same Asterisk, in one run.
 *   1. call setup latency (caller created → first callee ringing), plain and 3-way ring;
 *   2. the highest call rate with no failed call, and where it breaks first;
 *   3. the most concurrent calls held for a minute with no failed call;
 *   4. the controller's CPU time per call and resident memory at that load;
 *   5. the set-up latency again with the store on PostgreSQL (a throw-away cluster);
 *   then the attendant's and voicemail's own benchmarks, if those features ship them.
 * Figures go to the terminal as one table and into docs/benchmarks.md.
 * Needs the test Asterisk (scripts/asterisk.sh up, same ARI_PORT/SIP_PORT) and no other
 * Switchboard connected to it. Every phase is bounded; the whole run takes about 6 minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summariseCpuProfile } from './lib/cpu-profile.js';
import { AriRest } from '../src/ari/ari-rest.js';
import { AriEvents } from './lib/ari-events.js';
import { ControllerProcess } from './lib/controller.js';
import { CallLoad } from './lib/load.js';
import { SetupLatencyProbe } from './lib/latency.js';
import { cpuSeconds, findAsteriskPid, isAlive, machineTicks, percentile, rssMiB } from './lib/proc-stats.js';
import { runFeatureBenchmarks } from './lib/feature-benchmarks.js';
import { machine, markdownTable, table, writeResults, type Row } from './lib/report.js';
import { configureThreeWayRing, createBenchUser, type ThreeWay } from './lib/three-way.js';
import { SipUas } from './lib/sip-uas.js';
import { freshTestDatabase, stopTestPostgres } from '../test/support/test-store.js';

const env = process.env;
const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const ariPort = Number(env.ARI_PORT ?? 8088);
const ariUrl = (env.ARI_URL ?? `http://127.0.0.1:${ariPort}`).replace(/\/$/, '');
const sipPort = Number(env.SIP_PORT ?? 5060);
const auth = { user: env.ARI_USER ?? 'switchboard', password: env.ARI_PASSWORD ?? 'switchboard' };
const LATENCY_CALLS = Number(env.BENCH_LATENCY_CALLS ?? 150);
/** The first rate steps; after the last, steps grow by a quarter until both sides fail (or BENCH_MAX_RATE). */
const RATES = (env.BENCH_RATES ?? '10,20,40,80,120,160').split(',').map(Number);
const MAX_RATE = Number(env.BENCH_MAX_RATE ?? 2000);
const RATE_SECONDS = Number(env.BENCH_RATE_SECONDS ?? 8);
const HOLD_SECONDS = Number(env.BENCH_HOLD_SECONDS ?? 3);
const MAX_CONCURRENT = Number(env.BENCH_MAX_CONCURRENT ?? 2000);
const RAMP_RATE = Number(env.BENCH_RAMP_RATE ?? 50);
const PROFILE_RATE = Number(env.BENCH_PROFILE_RATE ?? 40);
const PROFILE_SECONDS = Number(env.BENCH_PROFILE_SECONDS ?? 10);
const PHASES = new Set((env.BENCH_PHASES ?? 'latency,rate,concurrency,postgres,profile,features').split(','));
/** A load generator at this share of its core, or this late placing a call, is saturated: its figures are its own limit. */
const GENERATOR_SATURATED = 0.85;
const GENERATOR_LATE_MS = 1000;
const HOLD_MINUTE_SECONDS = Number(env.BENCH_HOLD_MINUTE_SECONDS ?? 60);
const ENDPOINTS = ['3001', '3002', '3003', '3004', '1002', '1003', '1004', '1008'];

const rest = new AriRest(ariUrl, auth.user, auth.password, 15_000);
const out = (line: string) => process.stdout.write(`${line}\n`);
const rows: Row[] = [];
const notes: string[] = [];
/** Markdown the features' own benchmarks return (their tables), written after ours. */
const featureSections: string[] = [];

async function main(): Promise<void> {
  const benchStarted = Date.now();
  const info = await rest.info().catch(() => { throw new Error(`no ARI at ${ariUrl}: start the test Asterisk (SB_ASTERISK_INSTANCE=… ARI_PORT=${ariPort} SIP_PORT=${sipPort} bash scripts/asterisk.sh up)`); });
  // Asterisk lists a Stasis app long after its websocket went away, so whether another
  // controller is connected cannot be asked: the instance must be this run's alone.
  await quiet(1000);
  for (const bridge of await rest.listBridges()) await rest.destroyBridge(bridge.id).catch(() => undefined);
  const machineLine = machine(info.system?.version ?? '?');
  out(`machine: ${machineLine}`);
  const asteriskPid = findAsteriskPid();
  await quiet();

  const uas = new SipUas({ asteriskHost: '127.0.0.1', asteriskPort: sipPort, ringMs: 60_000 });
  await uas.start();
  for (const endpoint of ENDPOINTS) await uas.register(endpoint);
  const controller = new ControllerProcess(ariUrl, {}, { compiled: true });
  await controller.start();
  out(`controller pid ${controller.pid}, Asterisk pid ${asteriskPid ?? 'unknown (remote)'}, phones on udp ${uas.port}`);
  try {
    await createBenchUser(controller, '3001', [{ kind: 'primary', address: 'PJSIP/3001' }]);
    const observer = new AriEvents(ariUrl, auth.user, auth.password, 'bench-observer', true);
    await observer.open();
    const probe = new SetupLatencyProbe(rest, observer);
    try {
      const threeWay = await configureThreeWayRing(controller, async (t) => {
        const rang = await probe.devicesRinging(t.switchboard);
        const expected = (t.expectRinging ?? []).sort();
        return JSON.stringify(rang) === JSON.stringify(expected) ? undefined : `a probe call to it rang ${rang.join(', ') || 'nothing'}, not ${expected.join(', ')}`;
      });
      notes.push(threeWay.description);
      if (PHASES.has('latency')) {
        await latencyPhase(probe, threeWay);
        await routingBreakdown(controller);
      }
    } finally { observer.close(); }
    uas.ringMs = 150;
    const load = new AriEvents(ariUrl, auth.user, auth.password, 'bench-load', false);
    await load.open();
    try {
      try {
        if (PHASES.has('rate')) await ratePhase(new CallLoad(rest, load, (n) => uas.isUp(n)), controller.pid, asteriskPid);
        if (PHASES.has('concurrency')) await concurrencyPhase(new CallLoad(rest, load, (n) => uas.isUp(n)), controller.pid, asteriskPid);
      } catch (error) {
        if (!(error instanceof ControllerDied)) throw error;
        rows.push({ measure: 'highest call rate with no failed call (calls/s)', switchboard: `controller crashed at ${error.rate}/s`, native: '', ratio: '', note: 'see the notes' });
      }
    } finally { load.close(); }
    await controller.stop();
    if (PHASES.has('postgres')) { uas.ringMs = 60_000; await postgresPhase(); }
    if (PHASES.has('profile')) { uas.ringMs = 150; await profilePhase(uas); }
  } finally {
    await controller.stop();
    for (const endpoint of ENDPOINTS) await uas.register(endpoint, 0).catch(() => undefined);
    await uas.stop();
  }
  const report = () => {
    const minutes = ((Date.now() - benchStarted) / 60_000).toFixed(1);
    const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
    writeResults(new URL('../docs/benchmarks.md', import.meta.url).pathname,
      `Last run: ${when} UTC, ${minutes} min. Machine: ${machineLine}.\n\n${markdownTable(rows)}\n\n${notes.map((n) => `- ${n}`).join('\n')}${featureSections.map((x) => `\n\n${x}`).join('')}`);
    return minutes;
  };
  // Written once before the features' benchmarks, so their failing cannot lose these figures.
  report();
  if (!PHASES.has('features')) { out(table(rows)); return; }
  const features = await runFeatureBenchmarks({ ariUrl, sipPort, ariUser: auth.user, ariPassword: auth.password }, Number(env.BENCH_FEATURE_MINUTES ?? 6), out);
  rows.push(...features.rows);
  notes.push(...features.notes);
  featureSections.push(...features.sections);
  const minutes = report();
  out('');
  out(table(rows));
  for (const note of notes) out(`- ${note}`);
  out(`\nwritten to docs/benchmarks.md (${minutes} min)`);
}

/** Plain call and 3-way ring, Switchboard and native interleaved call by call so noise hits both alike. */
async function latencyPhase(probe: SetupLatencyProbe, threeWay: ThreeWay, store = ''): Promise<void> {
  const topologies = [
    { label: `plain internal call${store}`, switchboard: 'Local/3001@switchboard-internal', native: 'Local/3001@switchboard-native' },
    { label: `${threeWay.label}${store}`, switchboard: threeWay.switchboard, native: threeWay.native },
  ];
  for (const topology of topologies) {
    const sb: number[] = [];
    const native: number[] = [];
    let failures = 0;
    for (let i = 0; i < 10; i += 1) { // warm-up: JIT, prepared statements, Asterisk caches
      await probe.measure(topology.switchboard).catch(() => undefined);
      await probe.measure(topology.native).catch(() => undefined);
    }
    for (let i = 0; i < LATENCY_CALLS; i += 1) {
      const order = i % 2 === 0 ? [['sb', topology.switchboard], ['native', topology.native]] : [['native', topology.native], ['sb', topology.switchboard]];
      for (const [which, endpoint] of order) {
        try {
          const { ms } = await probe.measure(endpoint!);
          (which === 'sb' ? sb : native).push(ms);
        } catch { failures += 1; }
      }
    }
    const row = (p: number) => {
      const [a, b] = [percentile(sb, p), percentile(native, p)];
      rows.push({ measure: `setup latency p${p}, ${topology.label} (ms)`, switchboard: a.toFixed(1), native: b.toFixed(1), ratio: (a / b).toFixed(2), note: `${sb.length}+${native.length} calls${failures ? `, ${failures} failed` : ''}` });
    };
    row(50); row(99);
    out(`latency ${topology.label}: switchboard p50 ${percentile(sb, 50).toFixed(1)} ms, native p50 ${percentile(native, 50).toFixed(1)} ms (${failures} failed)`);
  }
}

/** Where the controller's share of set-up goes: its own routing (store look-ups, routes) vs the rest. */
async function routingBreakdown(controller: ControllerProcess): Promise<void> {
  const text = await (await fetch(`${controller.baseUrl}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} ([\\d.e+-]+)`, 'm').exec(text)?.[1] ?? NaN);
  const sum = value('switchboard_call_routing_seconds_sum');
  const count = value('switchboard_call_routing_seconds_count');
  if (count > 0) {
    rows.push({ measure: 'of which routing inside the controller, mean (ms)', switchboard: ((sum / count) * 1000).toFixed(1), native: '-', ratio: '',
      note: `StasisStart to the feature's handler (store look-ups, every route's match), over ${count} calls` });
  }
}

class ControllerDied extends Error { constructor(readonly rate: number) { super(`the controller died at ${rate}/s`); } }

interface RateStep { rate: number; failed: number; controllerCpu: number; asteriskCpu: number; generatorCpu: number; lateMs: number; machineBusy: number; controllerCpuPerCall: number; asteriskCpuPerCall: number; rss: number; reasons: Record<string, number> }

const generatorSaturated = (s: { generatorCpu: number; lateMs: number }) => s.generatorCpu > GENERATOR_SATURATED || s.lateMs > GENERATOR_LATE_MS;

/**
 * Steps the call rate up, Switchboard then native dialplan at each step, until both have
 * failed a call, or the load generator itself saturates (then the ceiling found is its
 * own, and the report says so). After the listed steps, each step is a quarter higher.
 */
async function ratePhase(load: CallLoad, controllerPid: number, asteriskPid: number | undefined): Promise<void> {
  const best: { sb?: RateStep; native?: RateStep } = {};
  const broke: { sb?: RateStep; native?: RateStep } = {};
  const clean = { sb: new Map<number, RateStep>(), native: new Map<number, RateStep>() };
  let generatorLimit: RateStep | undefined;
  const steps = [...RATES];
  for (let i = 0; i < steps.length; i += 1) {
    const rate = steps[i]!;
    for (const side of ['sb', 'native'] as const) {
      if (broke[side] || generatorLimit) continue;
      await quiet();
      const endpoint = side === 'sb' ? 'Local/3001@switchboard-internal' : 'Local/3001@switchboard-native';
      const step = await measured(controllerPid, asteriskPid, () => load.runRate(endpoint, rate, RATE_SECONDS, HOLD_SECONDS));
      await load.hangupAll();
      const result = step.result;
      const s: RateStep = { rate, failed: result.failed, controllerCpu: step.controllerShare, asteriskCpu: step.asteriskShare, generatorCpu: step.generatorShare, lateMs: result.lateMs, machineBusy: step.machineBusy,
        controllerCpuPerCall: step.controllerSeconds / Math.max(1, result.attempted), asteriskCpuPerCall: step.asteriskSeconds / Math.max(1, result.attempted),
        rss: step.rss, reasons: result.reasons };
      out(`rate ${rate}/s ${side}: ${result.attempted} calls, ${result.failed} failed ${JSON.stringify(result.reasons)}; controller ${pct(s.controllerCpu)} of a core, Asterisk ${pct(s.asteriskCpu)}, load generator ${pct(s.generatorCpu)} (late ${s.lateMs.toFixed(0)} ms), machine ${pct(s.machineBusy)} busy`);
      if (generatorSaturated(s)) generatorLimit = s;
      if (result.failed > 0) broke[side] = s; else if (!generatorSaturated(s)) { best[side] = s; clean[side].set(rate, s); }
      if (!isAlive(controllerPid)) {
        notes.push(`the controller process died during the ${rate}/s step (its log is kept with BENCH_KEEP_LOGS=1)`);
        broke.sb = s;
        throw new ControllerDied(rate);
      }
    }
    if ((broke.sb && broke.native) || generatorLimit) break;
    if (i === steps.length - 1 && Math.round(rate * 1.25) <= MAX_RATE) steps.push(Math.round(rate * 1.25));
  }
  await quiet();
  const name = (side: 'sb' | 'native') => (side === 'sb' ? 'Switchboard' : 'native');
  const describe = (side: 'sb' | 'native') => broke[side]
    ? `${name(side)} at ${broke[side]!.rate}/s: ${broke[side]!.failed} failed ${JSON.stringify(broke[side]!.reasons)}; ${whereItBroke(broke[side]!)}`
    : generatorLimit ? `${name(side)}: no failure until the load generator saturated`
      : `${name(side)}: no failure up to ${steps.at(-1)}/s (BENCH_MAX_RATE)`;
  const generatorNote = generatorLimit
    ? ` The load generator saturated at ${generatorLimit.rate}/s (${pct(generatorLimit.generatorCpu)} of its core, placing calls up to ${generatorLimit.lateMs.toFixed(0)} ms late; controller ${pct(generatorLimit.controllerCpu)}, Asterisk ${pct(generatorLimit.asteriskCpu)}): above that the bench measures itself.`
    : '';
  rows.push({ measure: 'highest call rate with no failed call (calls/s)', switchboard: best.sb ? String(best.sb.rate) : `< ${RATES[0]}`,
    native: best.native ? String(best.native.rate) : `< ${RATES[0]}`,
    ratio: best.sb && best.native ? (best.sb.rate / best.native.rate).toFixed(2) : '', note: `${describe('sb')}. ${describe('native')}.${generatorNote}` });
  const common = [...clean.sb.keys()].filter((r) => clean.native.has(r)).at(-1);
  if (best.sb) {
    rows.push({ measure: `controller CPU time per call at ${best.sb.rate}/s (ms)`, switchboard: (best.sb.controllerCpuPerCall * 1000).toFixed(1), native: '-', ratio: '', note: `controller ${pct(best.sb.controllerCpu)} of one core at its best rate` });
  }
  if (common) {
    const sbPer = clean.sb.get(common)!.asteriskCpuPerCall;
    const nativePer = clean.native.get(common)!.asteriskCpuPerCall;
    rows.push({ measure: `Asterisk CPU time per call at ${common}/s (ms)`, switchboard: (sbPer * 1000).toFixed(1), native: (nativePer * 1000).toFixed(1), ratio: (sbPer / nativePer).toFixed(2), note: 'includes the load generator\'s ARI requests, the same on both sides' });
  }
}

/**
 * Ramps up to BENCH_MAX_CONCURRENT calls (stopping at the first failure), Switchboard then
 * native, holds what is up for BENCH_HOLD_MINUTE_SECONDS, and reports how many were held
 * with no drop and which component was busiest while ramping.
 */
async function concurrencyPhase(load: CallLoad, controllerPid: number, asteriskPid: number | undefined): Promise<void> {
  const results: Record<'sb' | 'native', { held: number; reached: number; failure: string; dropped: number; ramp: Awaited<ReturnType<typeof measured<{ reached: number; lateMs: number }>>>; peakRss: number; rssBefore: number; holdCpu: number; astCpu: number }> = {} as never;
  for (const side of ['sb', 'native'] as const) {
    await quiet(60_000);
    const endpoint = side === 'sb' ? 'Local/3001@switchboard-internal' : 'Local/3001@switchboard-native';
    const rssBefore = rssMiB(controllerPid);
    const ramp = await measured(controllerPid, asteriskPid, async () => ({ reached: await load.rampTo(endpoint, MAX_CONCURRENT, RAMP_RATE), ...load.result() }));
    const reached = ramp.result.reached;
    const rampFailures = load.failures.length;
    out(`ramp ${side} to ${MAX_CONCURRENT} at ${RAMP_RATE}/s: ${reached} calls up, ${rampFailures} failed ${JSON.stringify(load.result().reasons)}; controller ${pct(ramp.controllerShare)}, Asterisk ${pct(ramp.asteriskShare)}, load generator ${pct(ramp.generatorShare)} (late ${ramp.result.lateMs.toFixed(0)} ms)`);
    const cpuStart = cpuSeconds(controllerPid);
    const astStart = asteriskPid ? cpuSeconds(asteriskPid) : 0;
    const holdStarted = Date.now();
    let peakRss = rssMiB(controllerPid);
    while (Date.now() - holdStarted < HOLD_MINUTE_SECONDS * 1000) {
      await new Promise((r) => setTimeout(r, 1000));
      load.checkCallees();
      peakRss = Math.max(peakRss, rssMiB(controllerPid));
    }
    const held = load.answeredNow;
    const dropped = load.failures.length - rampFailures;
    results[side] = { held, reached, dropped, failure: rampFailures ? JSON.stringify(load.result().reasons) : '', ramp, peakRss, rssBefore,
      holdCpu: (cpuSeconds(controllerPid) - cpuStart) / HOLD_MINUTE_SECONDS, astCpu: asteriskPid ? (cpuSeconds(asteriskPid) - astStart) / HOLD_MINUTE_SECONDS : NaN };
    await load.hangupAll();
    out(`held ${held} calls (${side}) for ${HOLD_MINUTE_SECONDS} s, ${dropped} dropped; controller RSS ${peakRss.toFixed(0)} MiB (was ${rssBefore.toFixed(0)})`);
  }
  const { sb, native } = results;
  const describe = (r: typeof sb, name: string) => {
    const busiest = r.ramp.generatorShare > GENERATOR_SATURATED || r.ramp.result.lateMs > GENERATOR_LATE_MS ? `the load generator saturated (${pct(r.ramp.generatorShare)} of its core)` : 'no process saturated';
    const end = r.failure ? `the first failure at ${r.reached} up: ${r.failure}` : r.reached >= MAX_CONCURRENT ? `the bench's cap (${MAX_CONCURRENT}) reached` : `${r.reached} up`;
    return `${name}: ${end}${r.dropped ? `, ${r.dropped} dropped while held` : ''}; while ramping controller ${pct(r.ramp.controllerShare)}, Asterisk ${pct(r.ramp.asteriskShare)}, load generator ${pct(r.ramp.generatorShare)}, machine ${pct(r.ramp.machineBusy)}: ${busiest}`;
  };
  const heldClean = (r: typeof sb) => String(r.held - (r.dropped ? r.dropped : 0));
  rows.push({ measure: `concurrent calls held ${HOLD_MINUTE_SECONDS} s (ramped at ${RAMP_RATE}/s to at most ${MAX_CONCURRENT})`, switchboard: heldClean(sb), native: heldClean(native),
    ratio: (Number(heldClean(sb)) / Math.max(1, Number(heldClean(native)))).toFixed(2), note: `${describe(sb, 'Switchboard')}. ${describe(native, 'native')}` });
  rows.push({ measure: `controller resident memory with ${sb.held} calls up (MiB)`, switchboard: sb.peakRss.toFixed(0), native: '-', ratio: '', note: `${sb.rssBefore.toFixed(0)} MiB before the ramp` });
  rows.push({ measure: `CPU holding the answered calls (% of a core)`, switchboard: pct(sb.holdCpu), native: '-', ratio: '', note: `Asterisk ${pct(sb.astCpu)} with Switchboard's ${sb.held}, ${pct(native.astCpu)} with native's ${native.held}` });
  await quiet(60_000);
}

/**
 * The set-up latency with the store on PostgreSQL (issue 14): a controller of its own on a
 * throw-away cluster (as `npm test` starts one), the same users, native interleaved again,
 * so its ratios stand next to SQLite's of the same run.
 */
async function postgresPhase(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-pg-'));
  const database = await freshTestDatabase('postgres', dir);
  const controller = new ControllerProcess(ariUrl, { DATABASE_URL: database.url }, { compiled: true });
  try {
    await controller.start();
    await createBenchUser(controller, '3001', [{ kind: 'primary', address: 'PJSIP/3001' }]);
    const observer = new AriEvents(ariUrl, auth.user, auth.password, 'bench-observer-pg', true);
    await observer.open();
    try {
      const probe = new SetupLatencyProbe(rest, observer);
      const threeWay = await configureThreeWayRing(controller, async (t) => {
        const rang = await probe.devicesRinging(t.switchboard);
        return JSON.stringify(rang) === JSON.stringify((t.expectRinging ?? []).sort()) ? undefined : `a probe call to it rang ${rang.join(', ') || 'nothing'}`;
      });
      await latencyPhase(probe, threeWay, ', store on PostgreSQL');
    } finally { observer.close(); }
  } finally {
    await controller.stop();
    await database.drop().catch(() => undefined);
    await stopTestPostgres();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A controller of its own under `node --cpu-prof` through one rate step (BENCH_PROFILE_RATE
 * for BENCH_PROFILE_SECONDS): where its CPU goes on the call path, by function and by area.
 */
async function profilePhase(uas: SipUas): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-profile-'));
  const controller = new ControllerProcess(ariUrl, {}, { compiled: true, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let stepStarted = Date.now();
  await controller.start();
  const load = new AriEvents(ariUrl, auth.user, auth.password, 'bench-load', false);
  await load.open();
  try {
    await createBenchUser(controller, '3001', [{ kind: 'primary', address: 'PJSIP/3001' }]);
    await quiet();
    stepStarted = Date.now();
    const step = await measured(controller.pid, undefined, () => new CallLoad(rest, load, (n) => uas.isUp(n)).runRate('Local/3001@switchboard-internal', PROFILE_RATE, PROFILE_SECONDS, HOLD_SECONDS));
    out(`profile step ${PROFILE_RATE}/s: ${step.result.attempted} calls, ${step.result.failed} failed; controller ${(step.controllerSeconds * 1000 / Math.max(1, step.result.attempted)).toFixed(1)} ms CPU per call`);
  } finally {
    load.close();
    await controller.stop();
  }
  const summary = summariseCpuProfile(dir, ROOT, Date.now() - stepStarted);
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  featureSections.unshift([
    `**Profile of the call path** (\`node --cpu-prof\` on the compiled controller, from the start of a step of ${PROFILE_RATE} calls/s for ${PROFILE_SECONDS} s, held ${HOLD_SECONDS} s, to the controller's exit): ${ms(summary.busyMs)} busy of ${ms(summary.totalMs)}. Self time, idle excluded.`,
    '', '| area | self time | share |', '|---|---|---|',
    ...summary.byArea.map((a) => `| ${a.area} | ${ms(a.ms)} | ${pct(a.share)} |`),
    '', '| function | where | self time | share |', '|---|---|---|---|',
    ...summary.top.map((f) => `| \`${f.name}\` | ${f.where} | ${ms(f.ms)} | ${pct(f.share)} |`),
  ].join('\n'));
  rmSync(dir, { recursive: true, force: true });
}

async function measured<T>(controllerPid: number, asteriskPid: number | undefined, fn: () => Promise<T>) {
  const c0 = cpuSeconds(controllerPid);
  const a0 = asteriskPid ? cpuSeconds(asteriskPid) : 0;
  const m0 = machineTicks();
  const g0 = process.cpuUsage();
  const t0 = Date.now();
  const result = await fn();
  const g = process.cpuUsage(g0);
  const wall = (Date.now() - t0) / 1000;
  const controllerSeconds = cpuSeconds(controllerPid) - c0;
  const asteriskSeconds = asteriskPid ? cpuSeconds(asteriskPid) - a0 : NaN;
  const m1 = machineTicks();
  return { result, controllerSeconds, asteriskSeconds, controllerShare: controllerSeconds / wall, asteriskShare: asteriskSeconds / wall, generatorShare: (g.user + g.system) / 1e6 / wall,
    machineBusy: (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total), rss: rssMiB(controllerPid) };
}

function whereItBroke(step: RateStep): string {
  const cores = availableParallelism();
  if (generatorSaturated(step)) return `the load generator first: ${pct(step.generatorCpu)} of its core, calls placed up to ${step.lateMs.toFixed(0)} ms late (controller ${pct(step.controllerCpu)}, Asterisk ${pct(step.asteriskCpu)})`;
  if (step.controllerCpu > 0.85) return `the controller first: its one thread at ${pct(step.controllerCpu)} of a core`;
  if (step.asteriskCpu > 0.85 * cores) return `Asterisk first: ${pct(step.asteriskCpu)} of ${cores} cores`;
  if (step.machineBusy > 0.9) return `the machine: ${pct(step.machineBusy)} busy (controller ${pct(step.controllerCpu)}, Asterisk ${pct(step.asteriskCpu)}, the rest the load generator and other work)`;
  return `no process saturated (controller ${pct(step.controllerCpu)}, Asterisk ${pct(step.asteriskCpu)}, load generator ${pct(step.generatorCpu)}, machine ${pct(step.machineBusy)})`;
}



/** Waits (bounded) until Asterisk has no channel: the previous phase is fully released. */
async function quiet(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const channels = await rest.listChannels();
    if (channels.length === 0) return;
    if (Date.now() > deadline) {
      notes.push(`${channels.length} channels still up after ${timeoutMs / 1000} s between phases: hung up by the bench`);
      for (const c of channels) await rest.hangup(c.id).catch(() => undefined);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}


const pct = (share: number) => `${(share * 100).toFixed(0)}%`;

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
