/**
 * `npx tsx bench/mass-hangup.ts`: the mass hang-up with a slow ARI (issue 11). N bridged
 * calls (default 1,000) go up through Switchboard; then ARI starts answering the
 * controller slowly (a loopback proxy adds a delay to every REST request) and every
 * caller hangs up at the same moment. The controller must hang up every callee leg and
 * destroy every bridge: 0 channels and 0 bridges left 10 s later. It used to leave
 * hundreds (requests timed out while queued, and nothing retried).
 * Needs the test Asterisk (same SB_ASTERISK_INSTANCE / ARI_PORT / SIP_PORT) and no other
 * controller on it. Writes its figures to docs/benchmarks.md (its own section).
 */
import { AriRest } from '../src/ari/ari-rest.js';
import { AriProxy } from '../test/integration/faults/ari-proxy.js';
import { AriEvents } from './lib/ari-events.js';
import { ControllerProcess } from './lib/controller.js';
import { CallLoad } from './lib/load.js';
import { machine, writeResults } from './lib/report.js';
import { SipUas } from './lib/sip-uas.js';
import { createBenchUser } from './lib/three-way.js';

const env = process.env;
const ariUrl = (env.ARI_URL ?? `http://127.0.0.1:${Number(env.ARI_PORT ?? 8088)}`).replace(/\/$/, '');
const sipPort = Number(env.SIP_PORT ?? 5060);
const auth = { user: env.ARI_USER ?? 'switchboard', password: env.ARI_PASSWORD ?? 'switchboard' };
const CALLS = Number(env.BENCH_MASS_HANGUP_CALLS ?? 1000);
const RAMP_RATE = Number(env.BENCH_MASS_HANGUP_RATE ?? 20);
const SLOW_ARI_MS = Number(env.BENCH_SLOW_ARI_MS ?? 100);
const WITHIN_MS = 10_000;
const ENDPOINTS = ['3001'];

const rest = new AriRest(ariUrl, auth.user, auth.password, 15_000);
const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const info = await rest.info().catch(() => { throw new Error(`no ARI at ${ariUrl}: start the test Asterisk first`); });
  await clearAsterisk();
  const proxy = new AriProxy(new URL(ariUrl));
  await proxy.start();
  const uas = new SipUas({ asteriskHost: '127.0.0.1', asteriskPort: sipPort, ringMs: 100 });
  await uas.start();
  for (const endpoint of ENDPOINTS) await uas.register(endpoint);
  const controller = new ControllerProcess(proxy.url, {}, { compiled: true });
  await controller.start();
  // The callee is a user of the controller's directory, as in `npm run bench`: a number
  // nobody has is answered by a "not in service" prompt, not by the phone.
  await createBenchUser(controller, '3001', [{ kind: 'primary', address: 'PJSIP/3001' }]);
  const events = new AriEvents(ariUrl, auth.user, auth.password, 'bench-mass-hangup', false);
  await events.open();
  const lines: string[] = [];
  try {
    const load = new CallLoad(rest, events, (n) => uas.isUp(n), 30_000);
    const started = Date.now();
    // Endpoint 3001 of the load-test farm is never reported busy: it takes every call.
    const up = await load.rampTo('Local/3001@switchboard-internal', CALLS, RAMP_RATE);
    const [channelsUp, bridgesUp] = await Promise.all([rest.listChannels(), rest.listBridges()]);
    out(`${up} calls answered in ${((Date.now() - started) / 1000).toFixed(0)} s (${load.failures.length} failed ${JSON.stringify(load.result().reasons)}); Asterisk has ${channelsUp.length} channels, ${bridgesUp.filter((b) => b.channels.length > 0).length} bridges in use`);

    proxy.rules = [{ match: () => true, delayMs: SLOW_ARI_MS }];
    const hungUpAt = Date.now();
    await load.hangupAllAtOnce();
    const sentMs = Date.now() - hungUpAt;
    // Watched past the bound until nothing is left (at most a minute): how far off a miss is.
    let zeroAt: number | undefined;
    let last = { channels: channelsUp.length, bridges: bridgesUp.length };
    // The verdict is the last reading taken within the bound.
    let atBound = last;
    const curve: string[] = [];
    while (Date.now() - hungUpAt < 60_000) {
      const [c, b] = await Promise.all([rest.listChannels(), rest.listBridges()]);
      const elapsedMs = Date.now() - hungUpAt;
      last = { channels: c.length, bridges: b.length };
      if (elapsedMs <= WITHIN_MS) atBound = last;
      if (curve.length === 0 || !curve[curve.length - 1]!.startsWith(`${Math.floor(elapsedMs / 1000)} s:`)) curve.push(`${Math.floor(elapsedMs / 1000)} s: ${c.length}/${b.length}`);
      if (c.length === 0 && b.length === 0) { zeroAt = Date.now(); break; }
      await new Promise((r) => setTimeout(r, 250));
    }
    last = atBound;
    out(`channels/bridges left, second by second: ${curve.join(', ')}`);
    proxy.rules = [];
    // No calls up measures nothing: that is a failed run, not a pass.
    const verdict = up > 0 && last.channels === 0 && last.bridges === 0 ? 'pass' : 'FAIL';
    out(`mass hang-up of ${up} calls with ARI answering in +${SLOW_ARI_MS} ms: ${last.channels} channels and ${last.bridges} bridges left ${WITHIN_MS / 1000} s later${zeroAt ? ` (all gone after ${((zeroAt - hungUpAt) / 1000).toFixed(1)} s)` : ' (some still there after 60 s)'}: ${verdict}`);
    lines.push(
      `Last run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Machine: ${machine(info.system?.version ?? '?')}.`,
      '',
      '| mass hang-up | value | note |',
      '|---|---|---|',
      `| bridged calls up before the hang-up | ${up} | ramped at ${RAMP_RATE}/s through Switchboard (plain internal calls to the load-test phone farm); ${load.failures.length} failed while ramping |`,
      `| ARI slowness during the hang-up | +${SLOW_ARI_MS} ms per request | a proxy between the controller and ARI (test/integration/faults/ari-proxy.ts) |`,
      `| callers' hang-ups sent by the load generator | ${(sentMs / 1000).toFixed(1)} s | all at once, straight to ARI |`,
      `| channels / bridges left ${WITHIN_MS / 1000} s later | ${last.channels} / ${last.bridges} | ${verdict}${zeroAt ? `; all gone after ${((zeroAt - hungUpAt) / 1000).toFixed(1)} s` : '; some still there after 60 s'} |`,
    );
    writeResults(new URL('../docs/benchmarks.md', import.meta.url).pathname, lines.join('\n'), 'mass-hangup');
    if (verdict !== 'pass') process.exitCode = 1;
  } finally {
    events.close();
    await controller.stop();
    for (const endpoint of ENDPOINTS) await uas.register(endpoint, 0).catch(() => undefined);
    await uas.stop();
    await proxy.stop();
    await clearAsterisk();
  }
}

async function clearAsterisk(): Promise<void> {
  await Promise.all((await rest.listChannels()).map((c) => rest.hangup(c.id).catch(() => undefined)));
  await Promise.all((await rest.listBridges()).map((b) => rest.destroyBridge(b.id).catch(() => undefined)));
}

main().then(() => process.exit(process.exitCode ?? 0), (error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
