import type { Ari } from './ari.js';
import { ignoreGone } from './ari.js';
import { onChannelGone } from './channel-gone.js';

/**
 * The music-on-hold class Asterisk plays when a prompt or a recording ends and nobody
 * said what comes next (asterisk-conf/musiconhold.conf). It begins with a second of
 * silence (its announcement): a live controller stops it well before then, so a caller
 * only ever hears the music when the controller is gone.
 */
export const SAFETY_MUSIC_CLASS = 'switchboard-safety';
/** The same music under another name: starting the class a channel already plays does not begin it again (measured), switching does. */
const SAFETY_MUSIC_RENEWED_CLASS = 'switchboard-safety-renewed';
/** Both, for `switchboard doctor`, which checks that Asterisk has them. */
export const SAFETY_MUSIC_CLASSES = [SAFETY_MUSIC_CLASS, SAFETY_MUSIC_RENEWED_CLASS] as const;

/** Channels that may be playing (or have queued) the safety music, per Ari. */
const withMusic = new WeakMap<Ari, Set<string>>();
const musicSet = (ari: Ari) => { let set = withMusic.get(ari); if (!set) { set = new Set(); withMusic.set(ari, set); } return set; };
function noteMusic(ari: Ari, channelId: string): void {
  const set = musicSet(ari);
  if (set.has(channelId)) return;
  set.add(channelId);
  onChannelGone(ari, channelId, () => set.delete(channelId));
}

/**
 * Queues music behind what `channelId` is doing now (a prompt, a recording). Measured
 * (Asterisk 22): a channel in Stasis runs its commands one after another, and a playback
 * or a recording holds that queue until it ends, so music asked for right after the play
 * or record request begins when the prompt or the recording ends, whether or not the
 * controller is still there. Without it, a caller whose prompt ends while the controller
 * is dead (killed, websocket cut), or busy for seconds (recognising speech, looking
 * someone up), hears nothing at all: Asterisk sends no audio to an idle channel.
 *
 * It is left playing on purpose: what the flow does next replaces it (a prompt, a tone or
 * a recording's beep stops music on hold, measured; a key wait renews it, below), and the
 * two things that would not, a bridge and the dialplan, stop it first
 * (`stopSafetyMusic`). Call it only once the play or record request was accepted: that
 * is what orders the two.
 */
export function queueSafetyMusic(ari: Ari, channelId: string): void {
  noteMusic(ari, channelId);
  void ignoreGone(ari.rest.startMoh(channelId, SAFETY_MUSIC_CLASS)).catch(() => undefined);
}

/**
 * Stops the safety music of those of `channelIds` that may have it, before they join a
 * bridge or go back to the dialplan (music on hold would go on under a person's voice or
 * the dialplan's ringing). Asterisk runs it before the request that follows.
 */
export async function stopSafetyMusic(ari: Ari, channelIds: readonly string[]): Promise<void> {
  const set = musicSet(ari);
  await Promise.all(channelIds.filter((id) => set.has(id)).map(async (id) => {
    set.delete(id);
    await ignoreGone(ari.rest.stopMoh(id)).catch(() => undefined);
  }));
}

/** How often a wait renews the safety music: well inside its lead-in (asterisk-conf/musiconhold.conf). */
const RENEW_EVERY_MS = 400;

/**
 * For a wait with nothing playing (the caller is choosing or typing keys): the safety
 * music is started again every 400 ms, each time from its silent lead-in, so that while
 * the controller lives and hears the caller the caller hears the silence of any menu, and
 * within a second and a half of its death (or of its websocket's), music. Requests go one
 * at a time, never piling up behind a slow ARI; returns what ends the wait.
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
  noteMusic(ari, channelId);
  renew();
  // The music stays, as after a prompt, for what comes next to replace; the last renewal
  // is waited for so that it cannot land after that.
  return () => {
    ended = true;
    ari.clock.clearTimeout(timer);
    return last.then(() => undefined);
  };
}
