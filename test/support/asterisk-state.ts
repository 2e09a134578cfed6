import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AriRest } from '../../src/ari/ari-rest.js';
import type { AriBridge, AriChannel } from '../../src/ari/ari-types.js';
import { testEnv } from './test-env.js';
import { waitFor } from './wait-for.js';

const env = testEnv();
export const asteriskRest = new AriRest(env.ariUrl, env.ariUser, env.ariPassword, 10_000);

export async function channels(): Promise<AriChannel[]> { return asteriskRest.listChannels(); }
export async function bridges(): Promise<AriBridge[]> { return asteriskRest.listBridges(); }

/**
 * Before each test: no call or bridge left from the previous one. Takes no argument so
 * that it can be given to mocha as it is (`beforeEach(resetAsterisk)`): mocha hands a
 * function that declares a parameter a `done` callback and waits for it.
 */
export async function resetAsterisk(): Promise<void> {
  await ensureTestAsterisk();
  await testAsterisk.reset();
}

/**
 * resetAsterisk, then every phone has seen its last call close. Asterisk forgets a
 * channel before the phone has had its BYE, so a test that starts as soon as Asterisk is
 * empty could take the last test's close for its own.
 */
export async function resetAsteriskAndPhones(phones: { idle(): Promise<void> }): Promise<void> {
  await resetAsterisk();
  await phones.idle();
}

/**
 * The suite's supervisor for its own Asterisk, as systemd is for a production one. Seen
 * once in CI: Asterisk 22.10.1 segfaulted in its own code (the kernel's log, no message
 * of its own) between two test files, and every later file failed on a refused
 * connection. A file that finds the local test Asterisk gone starts it again and says so
 * in the run's output, where it cannot be missed; the test that was running when it died
 * has failed already. Only the instance scripts/asterisk.sh runs: with ARI_URL set (an
 * Asterisk of the tester's own) nothing is touched.
 */
export async function ensureTestAsterisk(): Promise<void> {
  if (process.env.ARI_URL || await asteriskRest.ping().then(() => true, () => false)) return;
  process.stdout.write('\n  !! the test Asterisk was not answering (did it crash? dmesg and scripts/asterisk.sh logs say; a core dump, if any, is at the root `scripts/asterisk.sh paths` names): starting it again\n');
  await promisify(execFile)('bash', [new URL('../../scripts/asterisk.sh', import.meta.url).pathname, 'up'], { env: process.env, timeout: 120_000 });
}

/**
 * Who is bridged with whom, and what is left, on one Asterisk: the test Asterisk by
 * default (the functions below), or another node's (asteriskAt).
 */
export function asteriskAt(rest: AriRest) {
  const list = () => Promise.all([rest.listChannels(), rest.listBridges()]);
  /** The bridges and which devices are in each: "who is bridged with whom". */
  const bridgedDevicesThere = async (): Promise<string[][]> => {
    const [c, b] = await list();
    const nameOf = new Map(c.map((x) => [x.id, x.name.replace(/-[0-9a-f]+$/, '')]));
    return b.filter((x) => x.channels.length > 0).map((x) => x.channels.map((id) => nameOf.get(id) ?? id).sort());
  };
  return {
    /** Waits until Asterisk has no channel and no bridge: nothing leaked by a call. */
    async expectNothingLeft(timeoutMs = 5000): Promise<void> {
      let last = '';
      await waitFor('no channel and no bridge left in Asterisk', async () => {
        const [c, b] = await list();
        last = `channels: ${c.map((x) => x.name).join(', ') || 'none'}; bridges: ${b.map((x) => `${x.id}(${x.channels.length})`).join(', ') || 'none'}`;
        return c.length === 0 && b.length === 0;
      }, timeoutMs, () => last);
    },
    bridgedDevices: bridgedDevicesThere,
    /** A waitFor predicate: Asterisk's bridges hold exactly these groups of devices (each in any order). */
    bridgedAre: (...groups: string[][]) => async (): Promise<boolean> =>
      JSON.stringify(await bridgedDevicesThere()) === JSON.stringify(groups.map((g) => [...g].sort())),
    /** Hangs up every channel and destroys every bridge, then waits for no channel. */
    async reset(): Promise<void> {
      for (const channel of await rest.listChannels()) await rest.hangup(channel.id).catch(() => undefined);
      for (const bridge of await rest.listBridges()) await rest.destroyBridge(bridge.id).catch(() => undefined);
      await waitFor('Asterisk to have no channels', async () => (await rest.listChannels()).length === 0, 5000, () => 'channels still up');
    },
  };
}

const testAsterisk = asteriskAt(asteriskRest);
export const expectNothingLeft = testAsterisk.expectNothingLeft;
export const bridgedDevices = testAsterisk.bridgedDevices;
export const bridgedAre = testAsterisk.bridgedAre;
