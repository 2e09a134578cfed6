import type { Ari } from '../ari/ari.js';
import { stopSafetyMusic } from '../ari/safety-music.js';
import type { Logger } from '../log.js';
import type { CallDirection } from './incoming-call.js';

/**
 * Where a call goes in the dialplan when Switchboard cannot handle it
 * (asterisk-conf/extensions.conf): contexts that ring the dialled user's own phone, so a
 * caller is never left in silence when a flow fails or the controller is gone.
 */
export const FALLBACK_CONTEXT: Record<CallDirection, string> = {
  internal: 'switchboard-fallback',
  inbound: 'switchboard-fallback-inbound',
};

/** Sends `channelId` on in the fallback context at `extension`; hangs up if even that fails. */
export async function sendToDialplanFallback(ari: Ari, channelId: string, direction: CallDirection, extension: string, log: Logger): Promise<void> {
  try {
    // Music on hold would go on under the fallback's Dial() and whoever answers it.
    await stopSafetyMusic(ari, [channelId]);
    await ari.rest.continueInDialplan(channelId, { context: FALLBACK_CONTEXT[direction], extension, priority: 1 });
    log.info({ context: FALLBACK_CONTEXT[direction], extension }, 'caller sent to the dialplan fallback');
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'dialplan fallback failed; hanging up');
    await ari.hangup(channelId).catch(() => undefined);
  }
}
