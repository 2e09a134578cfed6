import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bridgedDevices, expectNothingLeft } from '../../support/asterisk-state.js';
import type { Phone } from '../../support/phone.js';
import { waitFor } from '../../support/wait-for.js';

const run = promisify(execFile);

/**
 * Restarts the test Asterisk (the instance named by SB_ASTERISK_INSTANCE / ARI_PORT /
 * SIP_PORT, as the tests run with) through scripts/asterisk.sh: a stop that hangs up
 * every channel, then a fresh start.
 */
export async function restartAsterisk(): Promise<void> {
  await run('bash', ['scripts/asterisk.sh', 'restart'], { env: process.env, timeout: 90_000 });
}

/** `GET /api/health` until it says ok (ARI connected, store fine). */
export async function untilHealthy(baseUrl: string, timeoutMs = 30_000): Promise<void> {
  let last = '';
  await waitFor('the controller to be healthy again', async () => {
    const response = await fetch(`${baseUrl}/api/health`).catch(() => undefined);
    last = response ? `${response.status} ${await response.text()}` : 'no answer';
    return response?.status === 200;
  }, timeoutMs, () => `last health: ${last}`);
}

/** The story every fault test ends with: a new call goes through and leaves nothing behind. */
export async function callGoesThrough(caller: Phone, callee: Phone, calleeNumber: string): Promise<void> {
  const [c, d] = [caller.mark(), callee.mark()];
  await caller.dial(calleeNumber);
  await callee.waitForEvent('CALL_INCOMING', 15_000, d);
  await callee.answer();
  await caller.waitForEvent('CALL_ESTABLISHED', 10_000, c);
  const pair = JSON.stringify([[`PJSIP/${caller.endpoint}`, `PJSIP/${callee.endpoint}`].sort()]);
  let seen = '';
  // The caller hears the answer a moment before both are in the bridge (ARI may be slow).
  await waitFor('caller and callee bridged', async () => (seen = JSON.stringify(await bridgedDevices())) === pair, 5000, () => seen);
  await caller.hangup();
  await callee.waitForEvent('CALL_CLOSED', 10_000, d);
  await expectNothingLeft(10_000);
}
