import type { LegOutcome } from '../../../ari/leg.js';
import { ringAndConnect } from '../../../calls/ring-and-connect.js';
import { findUserByDid, findUserByExtension, type UserProfile } from '../../../users/settings/user-repository.js';
import { executivesOf } from '../settings/executive-repository.js';
import type { FeatureCodeCall } from './code-call.js';
import type { CallControlContext } from './call-control-context.js';
import { ExecutiveConversation } from './executive-conversation.js';
import { planDestination, ringingDevices, type DestinationPlan } from '../policy/call-control-destination.js';
import { isDialableNumber, isSubCode, type SubCode } from '../policy/feature-code.js';
import { bridgeIntoCall, retrieveCall } from './retrieve-bridge.js';

/** A destination that can be called, and how long it rings before the assistant hears there is no answer. */
type Destination = Exclude<DestinationPlan, { kind: 'invalid' }> & { ringSeconds: number };

/** How long an outside destination may ring before the assistant hears there is no answer. */
const EXTERNAL_RING_SECONDS = 60;

/**
 * #64 `<executive>` `<destination>` (BroadWorks Executive-Assistant Initiate Call): an
 * assistant in the executive's pool calls out as the executive: the destination sees the
 * executive's name and number, the assistant talks on it, and the call is registered as
 * the executive's, so #63, *11 and *15 work on it. `#64 <executive> *11` / `*15` is the
 * assistant's retrieve / bridge for that executive.
 */
export async function initiateOnBehalf(ctx: CallControlContext, code: FeatureCodeCall, parts: string[]): Promise<void> {
  const assistant = code.call.user;
  if (!assistant || !assistant.services.includes('assistant')) {
    await code.finish('executive-control-not-allowed', 'only assistants initiate calls on behalf'); return;
  }
  const pool = await executivesOf(ctx.db, assistant.id);
  const named = parts[0] ? await executiveNamed(ctx, assistant, parts[0]) : undefined;
  if (named?.services.includes('executive') && !pool.some((p) => p.executiveId === named.id)) {
    await code.finish('executive-control-not-assistant', 'not in this executive\'s pool'); return;
  }
  const executive = await code.collectPart(parts[0], 'executive-control-enter-executive', async (typed) => {
    const user = named && typed === parts[0] ? named : await executiveNamed(ctx, assistant, typed);
    return user && pool.some((p) => p.executiveId === user.id) ? user : undefined;
  });
  if (!executive) return;

  const target = await code.collectPart<SubCode | Destination>(parts[1], 'executive-control-enter-destination', async (entered) => {
    if (isSubCode(entered)) return entered;
    // Typed at the prompt, `*14` still stands for `+` (in the dial string the parser did that already).
    const typed = entered.replace(/^\*14(?=\d)/, '+');
    if (!isDialableNumber(typed)) return undefined;
    const user = typed.startsWith('+') ? undefined : await findUserByExtension(ctx.db, assistant.organisationId, typed);
    const plan = planDestination(typed, user && { name: user.name, extension: user.extension, targets: ringingDevices(user.locations) },
      { name: executive.name, extension: executive.extension, dids: executive.dids }, ctx.config.outboundDialString);
    if (plan.kind === 'invalid') return undefined;
    return { ...plan, ringSeconds: user ? Math.max(10, user.noAnswerSeconds) : EXTERNAL_RING_SECONDS };
  });
  if (target === undefined) return;
  if (target === '*11') { await retrieveCall(ctx, code, executive.id); return; }
  if (target === '*15') { await bridgeIntoCall(ctx, code, executive.id); return; }

  code.transition('ringing', ['collecting']);
  code.log.info({ executive: executive.extension, targets: target.targets, callerId: target.callerId }, 'calling on behalf of the executive');
  const result = await ringAndConnect({
    session: code,
    callerChannelId: code.channelId,
    targets: target.targets,
    ringSeconds: target.ringSeconds,
    callerId: target.callerId,
    role: 'on-behalf',
  });
  if (code.isEnded) return;
  if (!result.answered) { await code.finish(promptFor(result.outcomes), 'destination did not answer'); return; }
  // The code session lets go of both channels and their bridge; the executive call takes them.
  code.releaseChannel(result.answered.id);
  code.releaseBridge(result.bridge);
  const channelId = code.handOff();
  const connected = ExecutiveConversation.start(ctx, ctx.calls, {
    executiveId: executive.id,
    remote: { channelId: result.answered.id, ...target.display },
    handler: { channelId, device: code.call.device, userId: assistant.id },
    bridge: result.bridge,
    how: 'initiated',
  });
  await code.end('initiated call connected');
  await connected;
}

/** What the caller hears when nobody answered: busy wins over no answer (a device said so). */
export function promptFor(outcomes: LegOutcome[]): 'core-busy' | 'core-no-answer' | 'core-unavailable' {
  if (outcomes.includes('busy')) return 'core-busy';
  if (outcomes.includes('noanswer') || outcomes.includes('rejected')) return 'core-no-answer';
  return 'core-unavailable';
}

/**
 * The user an assistant names after #64: by extension, else by one of their DIDs as
 * dialled (with or without `+`, or `*14` for `+`), in the assistant's organisation only.
 */
async function executiveNamed(ctx: CallControlContext, assistant: UserProfile, typed: string): Promise<UserProfile | undefined> {
  const number = typed.replace(/^\*14(?=\d)/, '+');
  if (!/^\+?\d+$/.test(number)) return undefined;
  const byExtension = number.startsWith('+') ? undefined : await findUserByExtension(ctx.db, assistant.organisationId, number);
  if (byExtension) return byExtension;
  for (const did of new Set([number, number.replace(/^\+/, ''), `+${number.replace(/^\+/, '')}`])) {
    const user = await findUserByDid(ctx.db, did);
    if (user && user.organisationId === assistant.organisationId) return user;
  }
  return undefined;
}
