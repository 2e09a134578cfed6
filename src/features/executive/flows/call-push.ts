import { getUser } from '../../../users/settings/user-repository.js';
import { getExecutiveSettings, isAssistantOf } from '../settings/executive-repository.js';
import type { FeatureCodeCall } from './code-call.js';
import type { CallControlContext } from './call-control-context.js';
import { ringingDevices } from '../policy/call-control-destination.js';
import { CallPushSession } from './push-session.js';

/**
 * Warm push is `#63` followed by `1` (`#631`, `#63#1` or `#63*1`): a second programmable
 * key next to the plain #63 one. Plain `#63` is BroadWorks' blind push.
 */
export const WARM_PUSH_PART = '1';

/** How long the assistant's phone rings when a pushed call comes back, at least. */
const MIN_RECALL_SECONDS = 10;

/**
 * #63 (BroadWorks Call Push): valid only when the assistant has exactly one answered
 * executive call on the device that dials the code (the other line on hold); otherwise
 * the code call is released with a prompt. Blind push: the assistant hears a
 * confirmation and the code call ends; the push session carries on (push-session.ts).
 */
export async function pushCall(ctx: CallControlContext, code: FeatureCodeCall, parts: string[]): Promise<void> {
  const assistant = code.call.user;
  const candidates = ctx.calls.answeredOnDevice(code.call.device);
  const call = candidates.length === 1 ? candidates[0] : undefined;
  if (!assistant || !call) {
    await code.finish('executive-control-no-call-to-push', `push refused: ${candidates.length} executive calls on ${code.call.device}`); return;
  }
  if (!(await isAssistantOf(ctx.db, assistant.id, call.executiveId))) {
    await code.finish('executive-control-not-assistant', 'push refused: not in this executive\'s pool'); return;
  }
  const [executive, settings] = await Promise.all([getUser(ctx.db, call.executiveId), getExecutiveSettings(ctx.db, call.executiveId)]);
  const targets = executive ? ringingDevices(executive.locations) : [];
  if (targets.length === 0) { await code.finish('executive-control-not-allowed', 'executive has no phone to push to'); return; }
  const warm = parts[0] === WARM_PUSH_PART;
  await code.answer();
  const handed = await call.handOver();
  code.log.info({ executive: executive?.extension, warm, remote: handed.remote.number }, 'pushing the call to the executive');
  const push = new CallPushSession(ctx, {
    executive: { id: call.executiveId, targets },
    assistant: { id: assistant.id, device: code.call.device, recallSeconds: Math.max(MIN_RECALL_SECONDS, assistant.noAnswerSeconds) },
    ringSeconds: settings.pushRecallRings * settings.alerting.secondsPerRing,
    call: handed,
    announcerChannelId: warm ? code.handOff() : undefined,
  });
  // The push runs on in its own session (it catches its own failures); the code call is done.
  void push.start();
  if (warm) await code.end('warm push: the code call announces');
  else await code.finish('executive-control-call-pushed', 'pushed');
}
