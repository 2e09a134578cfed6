import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AriRest } from '../../src/ari/ari-rest.js';
import { asteriskAt } from './asterisk-state.js';
import { freePorts } from './free-port.js';
import { testEnv } from './test-env.js';

const script = new URL('../../scripts/asterisk.sh', import.meta.url).pathname;

/**
 * A second Asterisk node for a test: another instance of the local Asterisk (its own
 * configuration, spool, ARI and SIP ports, scripts/asterisk.sh), with the same endpoints
 * and dialplan as the test Asterisk. `stop()` shuts it down.
 */
export async function startAsteriskNode(instance: string) {
  const base = await freePorts(2);
  const [ariPort, sipPort] = [base, base + 1];
  // ARI_URL would make the script use that Asterisk instead of starting this instance.
  const { ARI_URL: _ignored, ...inherited } = process.env;
  const env = { ...inherited, SB_ASTERISK_INSTANCE: instance, ARI_PORT: String(ariPort), SIP_PORT: String(sipPort) };
  // An instance a killed run left behind would share this one's AstDB and control socket.
  await promisify(execFile)('bash', [script, 'down'], { env, timeout: 60_000 });
  await promisify(execFile)('bash', [script, 'up'], { env, timeout: 120_000 });
  const { ariUser, ariPassword } = testEnv();
  const ariUrl = `http://127.0.0.1:${ariPort}`;
  return {
    ariUrl, sipPort,
    ...asteriskAt(new AriRest(ariUrl, ariUser, ariPassword, 10_000)),
    async stop(): Promise<void> { await promisify(execFile)('bash', [script, 'down'], { env, timeout: 60_000 }); },
  };
}
