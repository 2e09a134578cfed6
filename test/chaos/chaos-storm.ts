import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ControllerProcess } from '../../bench/lib/controller.js';
import { resetAsterisk } from '../support/asterisk-state.js';
import { HearingMonitor, hearingTimeline, longestDeadAir, BEEP_HZ, type CallHearing } from '../support/hearing.js';
import { Phone } from '../support/phone.js';
import { startPhones } from '../support/phones.js';
import { testEnv } from '../support/test-env.js';
import { waitFor } from '../support/wait-for.js';
import { nameSoundsEnv, silence, startPhone, utterance } from '../integration/attendant/attendant-support.js';
import { AriProxy } from '../integration/faults/ari-proxy.js';

/**
 * The chaos storm (issue 11), shared by the long random run (test/chaos/chaos.test.ts,
 * `npm run chaos`) and the bounded one in the suite (test/integration/faults/chaos.test.ts):
 * every kind of call, placed by real phones, while the controller is killed with SIGKILL
 * at seeded random moments (and started again on the same database, as its supervisor
 * would) and its ARI websocket is cut. For every call, the longest silence its caller
 * heard, measured from what the caller's own phone received.
 */
export const DEAD_AIR_BOUND_SECONDS = 2;

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface CallFigure {
  kind: string; caller: string; deadAir: number; deadAirAt: number; outcome: string;
  /** What the caller heard around its longest silence (hearingTimeline), for the report. */
  timeline: string;
}

export interface StormResult {
  seed: number;
  figures: CallFigure[];
  faults: string[];
  kills: number;
  restartMs: number[];
  /** Lines to print: figures per kind, the worst calls with what they heard. */
  report: string[];
}

type ChaosPhones = Awaited<ReturnType<typeof startPhones<'olivia' | 'mark' | 'erin' | 'alice' | 'aaron' | 'mary' | 'bob' | 'carol' | 'outside1' | 'outside2'>>>;

/** The controller (its own process, behind a fault proxy) and the phones of a storm. */
export class ChaosRig {
  proxy!: AriProxy;
  controller!: ControllerProcess;
  phones!: ChaosPhones;
  speaker!: Phone;
  private readonly voiceDir = mkdtempSync(join(tmpdir(), 'chaos-voices-'));

  async start(): Promise<void> {
    await resetAsterisk();
    this.proxy = new AriProxy(new URL(testEnv().ariUrl));
    await this.proxy.start();
    // Compiled, as production runs it (dist/, built from these sources first): the bound is a
    // production restart's, and loading the sources through tsx adds a second or two to each.
    this.controller = new ControllerProcess(this.proxy.url, { ...nameSoundsEnv(), LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info' }, { compiled: true });
    // The order gives each phone its tone (440, 660, 880 Hz...); no voice a caller hears is near the 700 Hz beep.
    this.phones = await startPhones({
      olivia: '1001', mark: '1006', erin: '1002', alice: '1003', aaron: '1004', mary: '1005', bob: '1007', carol: '1008',
      outside1: '5550001', outside2: '5550002',
    });
    this.speaker = await startPhone('5550003', silence(this.voiceDir), this.voiceDir);
    await this.controller.start();
  }

  async stop(): Promise<void> {
    await this.speaker?.stop();
    await this.phones?.stopAll();
    await this.controller?.stop();
    await this.proxy?.stop();
    rmSync(this.voiceDir, { recursive: true, force: true });
  }

  /** Every phone of the storm, to hang up what is left. */
  allPhones(): Phone[] {
    return [...Object.values(this.phones as Record<string, unknown>).filter((p): p is Phone => p instanceof Phone), this.speaker];
  }

  async storm(seed: number, seconds: number): Promise<StormResult> {
    const { phones, speaker, controller, proxy, voiceDir } = this;
    const stormEnds = Date.now() + seconds * 1000;
    const at = (ms: number) => ((ms - stormEnds) / 1000 + seconds).toFixed(1);
    // The faults' schedule has a generator of its own: the calls' timing draws vary with load.
    const faultRandom = seededRandom(seed);
    const random = seededRandom(seed + 1);
    const between = (min: number, max: number, draw = random) => min + draw() * (max - min);
    const figures: CallFigure[] = [];
    const faults: string[] = [];
    const restartMs: number[] = [];
    let stopping = false;

    // People who pick up whatever rings them, a second or so after it starts ringing.
    const answerers = [phones.olivia, phones.erin, phones.bob, phones.carol];
    const answering = answerers.map(async (phone) => {
      let since = phone.mark();
      while (!stopping) {
        const incoming = phone.events.slice(since).findIndex((e) => e.type === 'CALL_INCOMING');
        if (incoming >= 0) {
          since += incoming + 1;
          await pause(800 + random() * 700);
          await phone.answer().catch(() => undefined);
        }
        await pause(100);
      }
    });

    /** One call of `caller`, watched from dial to hang-up; `script` drives it once dialled. */
    async function watchedCall(kind: string, caller: Phone, number: string, script: (call: { since: number; monitor: HearingMonitor }) => Promise<string>): Promise<void> {
      const monitor = new HearingMonitor(caller).start();
      const since = caller.mark();
      const from = Date.now();
      let outcome = 'dial failed';
      try {
        await caller.dial(number);
        outcome = await script({ since, monitor });
      } catch (error) {
        outcome = `stopped: ${(error as Error).message.slice(0, 80)}`;
      }
      if (!caller.has('CALL_CLOSED', since)) await caller.hangup().catch(() => undefined);
      const closed = await caller.waitForEvent('CALL_CLOSED', 5000, since).catch(() => undefined);
      const slices = monitor.stop();
      const events = caller.events.slice(since);
      const hearing: CallHearing = {
        from, to: closed?.at ?? Date.now(), slices,
        ringingFrom: events.find((e) => e.type === 'CALL_RINGING')?.at,
        answeredAt: events.find((e) => e.type === 'CALL_ESTABLISHED')?.at,
      };
      const worst = longestDeadAir(hearing);
      figures.push({
        kind, caller: caller.endpoint, deadAir: worst.seconds, deadAirAt: worst.at, outcome,
        timeline: hearingTimeline(hearing, worst.at - 3000, worst.at + worst.seconds * 1000 + 1500),
      });
    }

    const until = async (what: () => boolean, ms: number, label: string) => waitFor(label, () => stopping || what(), ms);
    const closedSince = (phone: Phone, since: number) => phone.has('CALL_CLOSED', since);
    /** Talks for `ms` unless the call ends first. */
    const talk = async (phone: Phone, since: number, ms: number) => { await waitFor('talking', () => closedSince(phone, since), ms).catch(() => undefined); };

    const scenarios: Record<string, () => Promise<void>> = {
      // A plain internal call: Mark calls Carol.
      plain: () => watchedCall('plain', phones.mark, '1008', async ({ since }) => {
        await until(() => phones.mark.has('CALL_ESTABLISHED', since) || closedSince(phones.mark, since), 20_000, 'Carol to answer');
        if (closedSince(phones.mark, since)) return 'closed before an answer';
        await talk(phones.mark, since, between(2000, 5000));
        return 'talked';
      }),
      // A filtered executive call answered by Alice, who pushes it (#63) to Erin.
      'filtered+push': () => watchedCall('filtered+push', phones.mary, '1002', async ({ since }) => {
        const { alice } = phones;
        const a = alice.mark();
        await until(() => alice.has('CALL_INCOMING', a) || phones.mary.has('CALL_ESTABLISHED', since) || closedSince(phones.mary, since), 20_000, 'an assistant (or Erin) to ring');
        if (alice.has('CALL_INCOMING', a) && !phones.mary.has('CALL_ESTABLISHED', since)) {
          await pause(between(500, 2500));
          await alice.answer();
          await until(() => phones.mary.has('CALL_ESTABLISHED', since) || closedSince(phones.mary, since), 10_000, 'Mary to reach Alice');
          await talk(phones.mary, since, between(1000, 3000));
          if (closedSince(phones.mary, since)) return 'closed at Alice';
          await alice.hold();
          await pause(500);
          await alice.dial('#63');
          await talk(phones.mary, since, between(6000, 9000));
          for (let i = 0; i < 3; i += 1) await alice.hangup().catch(() => undefined);
          return 'pushed';
        }
        await talk(phones.mary, since, between(2000, 4000));
        return 'reached Erin directly';
      }),
      // The attendant by keys: the company number, then Bob's extension.
      'attendant keys': () => watchedCall('attendant keys', phones.outside1, '5552000', async ({ since }) => {
        const caller = phones.outside1;
        await until(() => caller.has('CALL_ESTABLISHED', since) || closedSince(caller, since), 15_000, 'the attendant to answer');
        await pause(between(800, 2500));
        await caller.press('1007#');
        const b = phones.bob.mark();
        await until(() => phones.bob.has('CALL_ESTABLISHED', b) || closedSince(caller, since), 20_000, 'Bob to answer');
        await talk(caller, since, between(2000, 4000));
        return phones.bob.has('CALL_ESTABLISHED', b) ? 'talked with Bob' : 'no Bob';
      }),
      // The attendant by speech: after the beep, "extension one zero zero one".
      'attendant speech': () => watchedCall('attendant speech', speaker, '5552000', async ({ since, monitor }) => {
        const o = phones.olivia.mark();
        await until(() => monitor.heardToneSince(0, BEEP_HZ) || closedSince(speaker, since) || phones.olivia.has('CALL_INCOMING', o), 25_000, 'the beep');
        if (monitor.heardToneSince(0, BEEP_HZ)) await speaker.useMicrophone(utterance(voiceDir, 'extension one zero zero one'));
        await until(() => phones.olivia.has('CALL_ESTABLISHED', o) || closedSince(speaker, since), 25_000, 'Olivia to answer');
        await speaker.useMicrophone(silence(voiceDir));
        await talk(speaker, since, between(2000, 4000));
        return phones.olivia.has('CALL_ESTABLISHED', o) ? 'talked with Olivia' : 'no Olivia';
      }),
      // Voicemail: through the attendant to the sales mailbox (1009), a message after the beep.
      voicemail: () => watchedCall('voicemail', phones.outside2, '5552000', async ({ since, monitor }) => {
        const caller = phones.outside2;
        await until(() => caller.has('CALL_ESTABLISHED', since) || closedSince(caller, since), 15_000, 'the attendant to answer');
        await pause(between(800, 2000));
        const pressed = Date.now();
        await caller.press('1009#');
        await until(() => monitor.heardToneSince(pressed, BEEP_HZ) || closedSince(caller, since), 25_000, 'the beep of the mailbox');
        await talk(caller, since, between(2000, 5000));
        return monitor.heardToneSince(pressed, BEEP_HZ) ? 'left a message' : 'no beep';
      }),
    };

    // Every kind in a loop of its own, on its own phones, until the storm ends.
    const storms = Object.values(scenarios).map(async (scenario, index) => {
      await pause(index * 700);
      while (Date.now() < stormEnds) {
        await scenario();
        await pause(between(300, 1500));
      }
    });

    // Faults at random moments: SIGKILL and a restart, or the websocket cut for 1-3 s.
    const chaos = (async () => {
      let kills = 0;
      while (Date.now() + 12_000 < stormEnds) {
        await pause(between(8000, 16_000, faultRandom));
        if (Date.now() > stormEnds) break;
        const kill = kills === 0 || faultRandom() < 0.6;
        if (kill) {
          kills += 1;
          const killedAt = Date.now();
          await controller.kill();
          await controller.start();
          restartMs.push(controller.lastStartMs);
          faults.push(`kill at +${at(killedAt)} s (healthy +${at(Date.now())} s)`);
        } else {
          const ms = Math.round(between(1000, 3000, faultRandom));
          faults.push(`websocket cut ${ms} ms at +${at(Date.now())} s`);
          proxy.cutWebsockets(ms);
        }
      }
    })();

    await Promise.all([...storms, chaos]);
    stopping = true;
    await Promise.all(answering);

    const worst = [...figures].sort((x, y) => y.deadAir - x.deadAir);
    const kills = faults.filter((f) => f.startsWith('kill')).length;
    const report = [
      `      chaos: ${figures.length} calls, ${kills} kills, ${faults.length - kills} websocket cuts (seed ${seed}, storm ${seconds} s)`,
      `      faults: ${faults.join('; ')}`,
      `      restart (spawn to healthy): ${restartMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`,
      ...Object.keys(scenarios).map((kind) => {
        const calls = figures.filter((f) => f.kind === kind);
        return `      ${kind}: ${calls.length} calls, worst dead air ${Math.max(0, ...calls.map((c) => c.deadAir)).toFixed(1)} s; ${calls.map((c) => `${c.deadAir.toFixed(1)}`).join(' ')}`;
      }),
      ...worst.slice(0, 5).flatMap((f) => [
        `      worst: ${f.kind} (${f.caller}) ${f.deadAir.toFixed(1)} s from +${at(f.deadAirAt)} s — ${f.outcome}`,
        `        heard from +${at(f.deadAirAt - 3000)} s: ${f.timeline}`,
      ]),
      `      controller log: ${controller.logFile}`,
    ];
    return { seed, figures, faults, kills, restartMs, report };
  }
}
