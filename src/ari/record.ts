import type { Ari } from './ari.js';
import { ignoreGone } from './ari.js';
import { onChannelGone } from './channel-gone.js';
import { queueSafetyMusic } from './safety-music.js';

/** How a recording ended: Asterisk finished the file, failed it, or the channel went away. */
export type RecordingEnd = 'finished' | 'failed' | 'hangup';

export interface RecordOptions {
  /** The stored recording's name in Asterisk. */
  name: string;
  maxDurationSeconds: number;
  /** Silence that ends the recording (after speech, as Asterisk measures it). */
  maxSilenceSeconds: number;
  beep: boolean;
  /** Keys that stop the recording: `#` for a message, `any` for an utterance. */
  terminateOn?: string;
  /** `fail` for messages (a name is never reused), `overwrite` for throw-away utterances. */
  ifExists?: 'fail' | 'overwrite';
  /**
   * Ends the recording this many ms after the caller stops talking (Asterisk's TALK_DETECT),
   * for an utterance the caller waits on: the record's own silence detection counts whole
   * seconds only. `maxSilenceSeconds` stays the fallback if talk detection cannot be set.
   */
  endOfSpeechMs?: number;
}

/** Asterisk closes the file when the channel goes; its RecordingFinished can follow a moment later. */
const FINISH_AFTER_HANGUP_MS = 1500;
/** Asterisk stops at the maximum length itself: this only bounds the wait if its event never reaches us. */
const EVENT_GRACE_MS = 30_000;

/**
 * Records `channelId` into Asterisk's stored recording `options.name` (WAV) until a
 * terminating key, silence, the maximum length or hang-up. Resolves once Asterisk has
 * finished the file, with how it ended; rejects only when the record request itself
 * fails (nothing was recorded). Every listener is in place before the request goes out,
 * and nothing is left pending whatever happens: the one way to record in Switchboard.
 *
 * Not tied to the call's abort signal on purpose: a caller hanging up is one normal end
 * of a message, and the file still has to be kept.
 */
export async function recordChannel(ari: Ari, channelId: string, options: RecordOptions): Promise<RecordingEnd> {
  const { clock } = ari;
  let settle!: (end: RecordingEnd) => void;
  const ended = new Promise<RecordingEnd>((resolve) => { settle = resolve; });
  let hungUp = false;
  let hungUpTimer: unknown;
  const deadline = clock.setTimeout(() => settle('failed'), options.maxDurationSeconds * 1000 + EVENT_GRACE_MS);
  const offRecording = ari.onRecording(options.name, (event) => {
    if (event.type === 'RecordingFinished') settle('finished');
    if (event.type === 'RecordingFailed') settle('failed');
  });
  const offChannel = onChannelGone(ari, channelId, () => {
    hungUp = true;
    hungUpTimer = clock.setTimeout(() => settle('hangup'), FINISH_AFTER_HANGUP_MS);
  });
  let offTalk: (() => void) | undefined;
  if (options.endOfSpeechMs) {
    try {
      await ari.rest.setVariable(channelId, 'TALK_DETECT(set)', String(options.endOfSpeechMs));
      let talked = false;
      offTalk = ari.onChannel(channelId, (event) => {
        if (event.type === 'ChannelTalkingStarted') talked = true;
        if (event.type === 'ChannelTalkingFinished' && talked) void ignoreGone(ari.rest.stopRecording(options.name)).catch(() => undefined);
      });
    } catch {
      // No talk detection (the channel went, an Asterisk without func_talkdetect): the record's silence detection ends it.
    }
  }
  try {
    await ari.rest.record(channelId, {
      name: options.name, format: 'wav', maxDurationSeconds: options.maxDurationSeconds,
      maxSilenceSeconds: options.maxSilenceSeconds, beep: options.beep,
      terminateOn: options.terminateOn ?? '#', ifExists: options.ifExists ?? 'fail',
    });
    // When the recording ends (silence, maximum length) the caller hears music, not
    // silence, unless something follows within a second: with the controller gone, and
    // also while a live one works on what was said (recognition takes seconds on a busy
    // machine). See src/ari/safety-music.ts.
    queueSafetyMusic(ari, channelId);
    const end = await ended;
    return end === 'finished' && hungUp ? 'hangup' : end;
  } catch (error) {
    // The caller hung up before the recording began, or Asterisk refused it: nothing to keep.
    await ignoreGone(ari.rest.stopRecording(options.name)).catch(() => undefined);
    throw error;
  } finally {
    if (offTalk) {
      offTalk();
      void ignoreGone(ari.rest.setVariable(channelId, 'TALK_DETECT(remove)', '')).catch(() => undefined);
    }
    clock.clearTimeout(hungUpTimer);
    clock.clearTimeout(deadline);
    offRecording();
    offChannel();
  }
}
