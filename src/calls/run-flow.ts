import { CallEndedError } from '../ari/call-ended.js';
import { ChannelIo } from '../ari/channel-io.js';
import type { CallSession } from './call-session.js';
import { sound } from './prompts.js';
import { sendToDialplanFallback } from './dialplan-fallback.js';
import type { CallDirection } from './incoming-call.js';

/**
 * What a caller gets when their call's flow fails: never silence.
 * - `dialplan`: a caller still waiting (`while` says when: ringing, in a menu) goes back to
 *   the dialplan fallback, which rings the dialled user's own phone; past that point (the
 *   caller is talking to someone) the call just ends.
 * - `prompt`: the caller hears `prompt` (by default "we are having technical problems"), then the call ends.
 * - `end`: the call ends (nobody is waiting on it, or its owner already answered for it).
 */
export type FlowFallback =
  | { kind: 'dialplan'; direction: CallDirection; extension: string; while?: () => boolean }
  | { kind: 'prompt'; prompt?: string }
  | { kind: 'end' };

/**
 * Runs a session's flow in its queue, and on failure, in this order: counts and logs it,
 * takes the fallback, ends the session (every leg, bridge and timer released) and, before
 * a dialplan fallback rings the callee's phone again, waits for our legs to it to be gone
 * (a phone still ringing for our leg would answer the fallback busy).
 * Resolves with the flow's result, or undefined when it failed or the call ended; never
 * rejects, so no flow can leave a promise nobody handles. The one way to run a call flow.
 */
export async function runFlow<T>(session: CallSession, flow: () => Promise<T>, fallback: FlowFallback): Promise<T | undefined> {
  try {
    return await session.run(flow);
  } catch (error) {
    if (error instanceof CallEndedError) { await session.end(session.endReason ?? 'call ended'); return undefined; }
    session.fail(error);
    if (session.isEnded) return undefined;
    const caller = session.primaryChannelId;
    if (fallback.kind === 'dialplan' && caller && session.owns(caller) && (fallback.while?.() ?? true)) {
      session.releaseChannel(caller);
      await session.end('flow failed: caller sent to the dialplan fallback');
      await session.legsGone();
      await sendToDialplanFallback(session.ari, caller, fallback.direction, fallback.extension, session.log);
      return undefined;
    }
    if (fallback.kind === 'prompt' && caller && session.owns(caller)) {
      await tellCaller(session, caller, fallback.prompt ?? sound('core-technical-problem'))
        .catch((sayError: unknown) => session.log.warn({ err: (sayError as Error).message }, 'could not tell the caller about the failure'));
    }
    await session.end('flow failed');
    return undefined;
  }
}

async function tellCaller(session: CallSession, channelId: string, prompt: string): Promise<void> {
  await session.ari.rest.answer(channelId).catch(() => undefined);
  const io = new ChannelIo(session.ari, channelId, session.signal);
  try { await io.play(prompt); } finally { io.close(); }
}
