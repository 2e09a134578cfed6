import type { ExecutiveCall, ExecutiveCallRegistry } from '../executive-calls.js';
import type { FeatureCodeCall } from './code-call.js';
import type { CallControlContext } from './call-control-context.js';
import { ExecutiveConversation } from './executive-conversation.js';

/**
 * The executive call a retrieve or bridge acts on: an answered call of that executive
 * handled on another device; the most recent one when there are several.
 */
export function callToActOn(calls: ExecutiveCallRegistry, executiveId: number, device: string): ExecutiveCall | undefined {
  return calls.forExecutive(executiveId)
    .filter((c) => c.isAnswered() && c.handler() !== undefined && c.handler()?.device !== device)
    .at(-1);
}

/**
 * *11 (by the executive, or by an assistant as `#64 <executive> *11`): the call moves to
 * the device that dialled the code and the leg that had it is released (BroadWorks
 * Call Retrieve).
 */
export async function retrieveCall(ctx: CallControlContext, code: FeatureCodeCall, executiveId: number): Promise<void> {
  const call = callToActOn(ctx.calls, executiveId, code.call.device);
  if (!call) { await code.finish('executive-control-no-call-to-retrieve', 'nothing to retrieve'); return; }
  await code.answer();
  const handed = await call.handOver();
  const channelId = code.handOff();
  const connected = ExecutiveConversation.start(ctx, ctx.calls, {
    executiveId,
    callId: handed.callId,
    remote: handed.remote,
    handler: { channelId, device: code.call.device, userId: code.call.user?.id },
    how: 'retrieved',
  });
  if (handed.handler) await ctx.ari.hangup(handed.handler.channelId);
  await code.end('call retrieved');
  await connected;
}

/**
 * *15 (by the executive, or `#64 <executive> *15`): the dialling phone joins the call;
 * every party hears the warning tone, then each other (the call's owner plays it).
 */
export async function bridgeIntoCall(ctx: CallControlContext, code: FeatureCodeCall, executiveId: number): Promise<void> {
  const call = callToActOn(ctx.calls, executiveId, code.call.device);
  if (!call) { await code.finish('executive-control-no-call-to-bridge', 'nothing to bridge'); return; }
  await code.answer();
  const channelId = code.handOff();
  try {
    await call.join(channelId, { channelId, device: code.call.device, userId: code.call.user?.id });
  } catch (error) {
    code.log.warn({ err: (error as Error).message }, 'could not bridge into the executive call');
    await ctx.ari.hangup(channelId);
  } finally {
    await code.end('bridged in');
  }
}
