import type { ChannelAdopter } from '../../../calls/reconciler.js';
import { findExecutivePush } from '../settings/executive-push-records.js';
import type { CallControlContext } from './call-control-context.js';
import { CallPushSession } from './push-session.js';

/** A recall that has (nearly) run out when the controller takes over still rings the assistant this long. */
const MIN_RESUMED_RING_SECONDS = 3;

/**
 * After a take-over or restart: a pushed call whose caller still waits (music on hold,
 * no bridge) is carried on from the stage the previous controller journalled, so it
 * recalls to the assistant on time, as PRODUCT.md promises, instead of falling back to
 * the executive's phone. The executive's phones, whose legs died with the previous
 * controller, ring again for what is left of the recall rings; then the assistant's.
 * The assistant's held line is not kept (its leg is hung up with the others): the recall
 * rings the assistant's phone, as it does once the executive has not answered.
 */
export function pushAdopter(ctx: CallControlContext): ChannelAdopter {
  return async (channel) => {
    const record = await findExecutivePush(ctx.db, channel.id);
    if (!record || channel.state !== 'Up') return undefined;
    const secondsLeft = Math.ceil((record.stageEndsAt.getTime() - ctx.clock.now().getTime()) / 1000);
    const recalling = record.stage === 'recalling' || secondsLeft <= 0;
    ctx.log.info({ channel: channel.id, executiveId: record.executiveId, stage: record.stage, secondsLeft }, 'carrying on a pushed call left by a previous controller');
    return () => {
      const push = new CallPushSession(ctx, {
        executive: { id: record.executiveId, targets: record.targets },
        receiverUserId: record.receiverUserId,
        assistant: record.assistant,
        ringSeconds: Math.max(MIN_RESUMED_RING_SECONDS, secondsLeft),
        call: { callId: record.callId, remote: record.remote, handler: undefined },
        resumedRecallingFor: recalling ? Math.max(MIN_RESUMED_RING_SECONDS, record.stage === 'recalling' ? secondsLeft : record.assistant.recallSeconds) : undefined,
      });
      void push.start();
      return Promise.resolve();
    };
  };
}
