import type { CheckResult } from './checklist.js';
import type { ProbeApp } from './probe-app.js';

const ANSWER_MS = 20_000;

/**
 * The outbound trunk (OUTBOUND_DIAL_STRING) answers a test call to `number`. Without a
 * number, only what can be checked without calling anyone: that a PJSIP trunk endpoint
 * named in the dial string exists.
 */
export async function checkTrunk(probe: ProbeApp, dialString: string, number: string | undefined): Promise<CheckResult> {
  const name = `outbound trunk (${dialString})`;
  const trunkEndpoint = /^PJSIP\/[^@]*@([^/]+)$/i.exec(dialString)?.[1] ?? /^PJSIP\/([^/]+)\/.*\{number\}/i.exec(dialString)?.[1];
  if (trunkEndpoint) {
    const exists = await probe.rest.request('GET', `/endpoints/PJSIP/${encodeURIComponent(trunkEndpoint)}`).then(() => true, () => false);
    if (!exists) return { name, status: 'fail', detail: `PJSIP endpoint ${trunkEndpoint} does not exist`, fix: `define the trunk endpoint ${trunkEndpoint} in pjsip.conf, or set OUTBOUND_DIAL_STRING to your trunk (e.g. PJSIP/{number}@<trunk endpoint>)` };
  }
  if (!number) {
    return { name, status: 'skip', detail: `${trunkEndpoint ? `endpoint ${trunkEndpoint} exists; ` : ''}no test call placed (\`switchboard doctor --trunk-number <a number that answers>\` places one)` };
  }
  const channelId = probe.channelId();
  const endpoint = dialString.replace('{number}', number);
  try {
    await probe.rest.request('POST', '/channels', { endpoint, app: probe.name, channelId, timeout: Math.round(ANSWER_MS / 1000) });
  } catch (error) {
    return { name, status: 'fail', detail: `Asterisk would not place the call to ${endpoint}: ${(error as Error).message}`, fix: 'set OUTBOUND_DIAL_STRING to a dial string Asterisk accepts, with {number} where the number goes' };
  }
  const outcome = await probe.waitFor((e) => e.channel?.id === channelId && (e.type === 'StasisStart' || e.type === 'ChannelDestroyed'), ANSWER_MS + 2000);
  await probe.rest.hangup(channelId).catch(() => undefined);
  if (outcome?.type === 'StasisStart') return { name, status: 'ok', detail: `${number} answered` };
  const why = outcome ? `the call ended unanswered: ${outcome.cause_txt ?? 'cause'} (${outcome.cause})` : `no answer within ${ANSWER_MS / 1000} s`;
  return { name, status: 'fail', detail: `calling ${number}: ${why}`, fix: 'check the trunk\'s registration and credentials (pjsip show registrations), and that the number answers' };
}
