import { expect } from 'chai';
import { expectNothingLeft } from '../support/asterisk-state.js';
import { callGoesThrough } from '../integration/faults/fault-support.js';
import { ChaosRig, DEAD_AIR_BOUND_SECONDS } from './chaos-storm.js';

/**
 * Chaos, the long random run (`npm run chaos`; the suite has a bounded run with fixed
 * seeds, test/integration/faults/chaos.test.ts): a storm of every kind of call while the
 * controller is killed with SIGKILL and its websocket cut (test/chaos/chaos-storm.ts).
 * CHAOS_SEED replays a run; CHAOS_SECONDS sets the storm.
 */
const STORM_SECONDS = Number(process.env.CHAOS_SECONDS ?? 100);

describe('faults: chaos — a storm of calls while the controller is killed and its websocket cut', function () {
  this.timeout((STORM_SECONDS + 140) * 1000);
  const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const rig = new ChaosRig();
  before(() => rig.start());
  after(() => rig.stop());

  it(`every caller hears someone or something at every moment: silence at most ${DEAD_AIR_BOUND_SECONDS} s per call`, async () => {
    process.stdout.write(`      chaos seed ${seed} (CHAOS_SEED=${seed} replays it), storm ${STORM_SECONDS} s\n`);
    const result = await rig.storm(seed, STORM_SECONDS);
    process.stdout.write(`${result.report.join('\n')}\n`);

    expect(result.kills, 'the controller was killed at least once').to.be.greaterThan(0);
    expect(result.figures.length, 'a storm of calls').to.be.greaterThan(10);
    expect(result.figures.filter((f) => f.deadAir > DEAD_AIR_BOUND_SECONDS).map((f) => `${f.kind} ${f.deadAir.toFixed(1)} s`), 'calls with more dead air than the bound').to.deep.equal([]);

    // Afterwards nothing is left behind, and the next call goes through.
    for (const phone of rig.allPhones()) await phone.hangup().catch(() => undefined);
    await expectNothingLeft(20_000);
    await callGoesThrough(rig.phones.mark, rig.phones.carol, '1008');
  });
});
