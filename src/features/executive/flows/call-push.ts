import type { UserProfile } from '../../../users/settings/user-repository.js';
import { getUser } from '../../../users/settings/user-repository.js';
import { getExecutiveSettings, isAssistantOf } from '../settings/executive-repository.js';
import type { ExecutiveCall } from '../executive-calls.js';
import type { FeatureCodeCall } from './code-call.js';
import type { CallControlContext } from './call-control-context.js';
import type { CallControlPrompt } from './prompts.js';
import { ringingDevices } from '../policy/call-control-destination.js';
import { CallPushSession } from './push-session.js';

/**
 * Warm push is `#63` followed by `1` (`#631`, `#63#1` or `#63*1`): a second programmable
 * key next to the plain #63 one. Plain `#63` is BroadWorks' blind push.
 */
export const WARM_PUSH_PART = '1';

/** How long the assistant's phone rings when a pushed call comes back, at least. */
const MIN_RECALL_SECONDS = 10;

/** Why a push cannot go ahead: what the code call says, and what the API answers. */
export interface PushRefusal { refused: 'not-assistant' | 'no-executive-phone'; prompt: CallControlPrompt; detail: string }

/** Where the push goes: the executive's phones (or, for the console's Transfer, another user's or a number). */
export interface PushPlan { targets: string[]; ringSeconds: number; receiverUserId: number | undefined }

/**
 * The rules a push obeys, whoever asks (the #63 code or the console): only an assistant in
 * the executive's pool pushes, and only to an executive who has a phone.
 */
export async function planPush(ctx: CallControlContext, assistant: UserProfile, call: ExecutiveCall): Promise<PushRefusal | PushPlan> {
  if (!(await isAssistantOf(ctx.db, assistant.id, call.executiveId))) {
    return { refused: 'not-assistant', prompt: 'executive-control-not-assistant', detail: 'not in this executive\'s pool' };
  }
  const [executive, settings] = await Promise.all([getUser(ctx.db, call.executiveId), getExecutiveSettings(ctx.db, call.executiveId)]);
  const targets = executive ? ringingDevices(executive.locations) : [];
  if (targets.length === 0) return { refused: 'no-executive-phone', prompt: 'executive-control-not-allowed', detail: 'the executive has no phone to push to' };
  return { targets, ringSeconds: settings.pushRecallRings * settings.alerting.secondsPerRing, receiverUserId: call.executiveId };
}

export const isRefusal = (plan: PushRefusal | PushPlan): plan is PushRefusal => 'refused' in plan;

/**
 * The push itself, one implementation for #63 and the console: the assistant's leg lets
 * go of the call (held until someone answers), and a push session rings the targets with
 * recall to the assistant's `device` on no answer. Warm push: `announcerChannelId` is the
 * assistant's channel that talks to the executive first. Returns once the push runs on in
 * its own session (which catches its own failures).
 */
export async function startPush(ctx: CallControlContext, request: {
  call: ExecutiveCall; plan: PushPlan; assistant: UserProfile; device: string; announcerChannelId?: string; log: CallControlContext['log'];
  /**
   * Warm push from the console: the assistant's own line on the call announces (no second
   * line is held, as with `#631`); sent back or unanswered, the call rings the assistant again.
   */
  announceOnOwnLine?: boolean;
}): Promise<void> {
  const { call, plan, assistant } = request;
  const taken = await call.handOver();
  const ownLine = request.announceOnOwnLine ? taken.handler?.channelId : undefined;
  const handed = ownLine ? { ...taken, handler: undefined } : taken;
  request.log.info({ executiveId: call.executiveId, warm: (ownLine ?? request.announcerChannelId) !== undefined, remote: handed.remote.number, targets: plan.targets }, 'pushing the call');
  const push = new CallPushSession(ctx, {
    executive: { id: call.executiveId, targets: plan.targets },
    receiverUserId: plan.receiverUserId,
    assistant: { id: assistant.id, device: request.device, recallSeconds: Math.max(MIN_RECALL_SECONDS, assistant.noAnswerSeconds) },
    ringSeconds: plan.ringSeconds,
    call: handed,
    announcerChannelId: ownLine ?? request.announcerChannelId,
  });
  void push.start();
}

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
  const plan = await planPush(ctx, assistant, call);
  if (isRefusal(plan)) { await code.finish(plan.prompt, `push refused: ${plan.detail}`); return; }
  const warm = parts[0] === WARM_PUSH_PART;
  await code.answer();
  await startPush(ctx, { call, plan, assistant, device: code.call.device, announcerChannelId: warm ? code.handOff() : undefined, log: code.log });
  if (warm) await code.end('warm push: the code call announces');
  else await code.finish('executive-control-call-pushed', 'pushed');
}
