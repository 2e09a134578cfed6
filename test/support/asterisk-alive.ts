import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testEnv } from './test-env.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;

async function answers(): Promise<boolean> {
  const { ariUrl, ariUser, ariPassword } = testEnv();
  try {
    const response = await fetch(`${ariUrl}/ari/asterisk/ping`, {
      headers: { authorization: `Basic ${Buffer.from(`${ariUser}:${ariPassword}`).toString('base64')}` },
      signal: AbortSignal.timeout(3000),
    });
    return response.ok;
  } catch {
    return false;
  }
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
  if (process.env.ARI_URL || await answers()) return;
  process.stdout.write('\n  !! the test Asterisk was not answering (did it crash? dmesg and scripts/asterisk.sh logs say): starting it again\n');
  await run('bash', [join(root, 'scripts/asterisk.sh'), 'up'], { env: process.env, timeout: 120_000 });
}
