import type { Ari } from './ari.js';
import { ignoreGone } from './ari.js';

/**
 * The music-on-hold class Asterisk plays when a prompt or a recording ends and nobody
 * said what comes next (asterisk-conf/musiconhold.conf). It begins with half a second of
 * silence (its announcement): a live controller stops it well before then, so a caller
 * only ever hears the music when the controller is gone.
 */
export const SAFETY_MUSIC_CLASS = 'switchboard-safety';

/**
 * Queues music behind what `channelId` is doing now (a prompt, a recording); returns what
 * stops it again. Measured (Asterisk 22): a channel in Stasis runs its commands one after
 * another, and a playback or a recording holds that queue until it ends, so music asked
 * for right after the play or record request begins when the prompt or the recording
 * ends, whether or not the controller is still there. Without it, a caller whose prompt
 * ends while the controller is dead (killed, websocket cut) hears nothing at all: Asterisk
 * sends no audio to an idle channel. Call it only once the play or record request was
 * accepted (that is what orders the two); the stop waits for the start, for the same order.
 */
export function queueSafetyMusic(ari: Ari, channelId: string): () => Promise<void> {
  const started = ignoreGone(ari.rest.startMoh(channelId, SAFETY_MUSIC_CLASS)).then(() => true, () => false);
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= started.then(async (ok) => {
      if (ok) await ignoreGone(ari.rest.stopMoh(channelId)).catch(() => undefined);
    });
    return stopped;
  };
}
