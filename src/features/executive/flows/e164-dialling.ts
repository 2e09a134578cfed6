import { ringAndConnect } from '../../../calls/ring-and-connect.js';
import type { FeatureCodeCall } from './code-call.js';
import type { CallControlContext } from './call-control-context.js';
import { promptFor } from './initiate-on-behalf.js';

const RING_SECONDS = 60;
/** E.164 allows up to 15 digits after `+`; shorter than 4 is no number. */
const E164 = /^\+\d{4,15}$/;

/**
 * *14 (E.164 dialling, for everyone): `*14` stands for `+`, and the number goes out
 * through the outbound trunk (OUTBOUND_DIAL_STRING) showing the caller's first DID
 * (their extension if they have none). The code call itself becomes the caller's side.
 */
export async function dialE164(ctx: CallControlContext, code: FeatureCodeCall, parts: string[]): Promise<void> {
  const number = await code.collectPart(parts[0], 'executive-control-enter-e164', (typed) => {
    const candidate = typed.startsWith('+') ? typed : `+${typed}`;
    return E164.test(candidate) ? candidate : undefined;
  });
  if (number === undefined) return;
  const user = code.call.user;
  const callerId = user ? { name: user.name, number: user.dids[0] ?? user.extension } : code.call.presented;
  code.transition('ringing', ['collecting']);
  code.log.info({ number }, 'E.164 call');
  const result = await ringAndConnect({
    session: code,
    callerChannelId: code.channelId,
    targets: [ctx.config.outboundDialString.replaceAll('{number}', number)],
    ringSeconds: RING_SECONDS,
    callerId,
    role: 'e164',
  });
  if (code.isEnded) return;
  if (!result.answered) { await code.finish(promptFor(result.outcomes), 'E.164 number did not answer'); return; }
  code.transition('connected', ['ringing']);
  code.endWhenGone(result.answered.id, 'called party hung up');
}
