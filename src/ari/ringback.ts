import type { Ari } from './ari.js';
import { ignoreGone } from './ari.js';
import { AriRequestError } from './ari-rest.js';

/**
 * Ringback for a caller waiting while someone is rung; returns what stops it (before a
 * bridge, a prompt, or the dialplan). For a caller not yet answered it is the ringing
 * indication (their phone rings back itself; the answer ends it). For an answered
 * caller (in a menu) the same indication makes Asterisk generate the ring tone in band
 * (measured, Asterisk 22: an Up channel has no ringing state, so the core plays the
 * tone), and it must be stopped.
 *
 * Not a `tone:ring` playback: a tone never ends by itself, and a playback holds the
 * channel's command queue until it ends. Were the controller to die while it played,
 * everything the next controller asks for that caller (music, the dialplan fallback)
 * would wait behind it: measured, the caller heard the tone stop into four seconds of
 * silence and the fallback never rang anyone. An indication takes no place in the queue.
 * Rejects as the ring request does (a caller already gone: 404).
 */
export async function startRingback(ari: Ari, channelId: string, answered: boolean): Promise<() => Promise<void>> {
  if (!answered) {
    // A caller not yet answered has had the indication since it arrived (the dispatcher's
    // at StasisStart, the reconciler's after a take-over), and it lasts until the answer:
    // a second request only put a round trip before the first leg was dialled (npm run
    // bench). A caller whose hang-up we have heard is gone all the same.
    if (ari.rest.knownGone.isChannelGone(channelId)) throw new AriRequestError(404, 'POST', `/channels/${channelId}/ring`, 'the caller hung up');
    return () => Promise.resolve();
  }
  await ari.rest.ring(channelId);
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= ignoreGone(ari.rest.ringStop(channelId)).catch(() => undefined);
    return stopped;
  };
}
