import type { Ari } from './ari.js';
import { ignoreGone } from './ari.js';

/**
 * The music-on-hold class Asterisk plays when a prompt or a recording ends and nobody
 * said what comes next (asterisk-conf/musiconhold.conf). It begins with a second of
 * silence (its announcement): a live controller stops it well before then, so a caller
 * only ever hears the music when the controller is gone.
 */
export const SAFETY_MUSIC_CLASS = 'switchboard-safety';
/** The same music under another name: starting the class a channel already plays does not begin it again (measured), switching does. */
const SAFETY_MUSIC_RENEWED_CLASS = 'switchboard-safety-renewed';

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

/** How often a wait renews the safety music: well inside its lead-in (asterisk-conf/musiconhold.conf). */
const RENEW_EVERY_MS = 400;

/**
 * For a wait with nothing playing (the caller is choosing or typing keys): the safety
 * music is started again every 400 ms, each time from its silent lead-in, so that while
 * the controller lives and hears the caller the caller hears the silence of any menu, and
 * within a second and a half of its death (or of its websocket's), music. Requests go one
 * at a time, never piling up behind a slow ARI; returns what ends the wait and stops the
 * music, once the last renewal is done.
 */
export function safetyMusicDuringWait(ari: Ari, channelId: string): () => Promise<void> {
  let ended = false;
  let last: Promise<unknown> = Promise.resolve();
  let timer: unknown;
  let renewals = 0;
  const renew = () => {
    if (ended) return;
    timer = ari.clock.setTimeout(renew, RENEW_EVERY_MS);
    // Cut off from Asterisk's events we would not hear the caller's keys either: let the music play.
    if (!ari.connection.connected) return;
    // The other class first: the music a prompt or recording left may be that one, and past its lead-in.
    const musicClass = renewals++ % 2 === 0 ? SAFETY_MUSIC_RENEWED_CLASS : SAFETY_MUSIC_CLASS;
    last = last.then(() => ignoreGone(ari.rest.startMoh(channelId, musicClass)).catch(() => undefined));
  };
  renew();
  let stopped: Promise<void> | undefined;
  return () => {
    ended = true;
    ari.clock.clearTimeout(timer);
    stopped ??= last.then(() => ignoreGone(ari.rest.stopMoh(channelId)).catch(() => undefined));
    return stopped;
  };
}
