import { randomUUID } from 'node:crypto';
import type { Ari } from '../../../ari/ari.js';
import { ignoreGone } from '../../../ari/ari.js';
import { recordChannel, type RecordingEnd } from '../../../ari/record.js';
import { CallEndedError, throwIfEnded } from '../../../ari/call-ended.js';
import type { Logger } from '../../../log.js';
import type { GrammarSpec, Recogniser } from '../speech/recogniser.js';

export type Heard =
  | { kind: 'speech'; text: string; endOfSpeechAt: number; recogniseMs: number }
  | { kind: 'keys' }
  | { kind: 'silence' };

/**
 * Silence after talking that ends an utterance (TALK_DETECT): the pauses between a
 * spelled name's letters and between words stay under it (measured on the bench's
 * voices); Asterisk's record silence detection (whole seconds, 2 s) added 2 s to every
 * turn before.
 */
export const END_OF_SPEECH_MS = 700;

export interface ListenOptions {
  /** What the caller may say in this turn. */
  grammar: GrammarSpec;
  maxSeconds?: number;
  /**
   * Silence that ends the recording (whole seconds, Asterisk's record): how long a caller
   * who says nothing is waited for, and the end of speech where talk detection is not
   * available. Talk detection ends an utterance END_OF_SPEECH_MS after the caller stops.
   */
  endSilenceSeconds?: number;
}

/**
 * Hears one utterance: Asterisk records the caller after a beep until they stop talking
 * (maxSilenceSeconds) or press a key, the controller fetches the file over ARI and
 * recognises it against `phrases`. A key press ends the recording and is left for the
 * caller's ChannelIo (it keeps keys typed while nothing collects).
 */
export async function listen(ari: Ari, channelId: string, signal: AbortSignal, recogniser: Recogniser, log: Logger, options: ListenOptions): Promise<Heard> {
  throwIfEnded(signal);
  const name = `attendant-${randomUUID()}`;
  let keyPressed = false;
  const offKeys = ari.onChannel(channelId, (e) => { if (e.type === 'ChannelDtmfReceived') keyPressed = true; });
  // The call ends under a caller who is still talking (the operator console moved them on):
  // their recording stops now, or it would hold up what plays to them next for seconds.
  const stopRecording = () => { void ignoreGone(ari.rest.stopRecording(name)).catch(() => undefined); };
  signal.addEventListener('abort', stopRecording, { once: true });
  try {
    let outcome: RecordingEnd;
    try {
      outcome = await recordChannel(ari, channelId, {
        name, beep: true, ifExists: 'overwrite', terminateOn: 'any',
        maxDurationSeconds: options.maxSeconds ?? 6, maxSilenceSeconds: options.endSilenceSeconds ?? 3, endOfSpeechMs: END_OF_SPEECH_MS,
      });
    } catch (error) {
      // The caller hung up while the record request was in flight, or Asterisk refused it:
      // the first ends the flow, the second is heard as silence (the menu asks again).
      throwIfEnded(signal);
      log.info({ err: (error as Error).message }, 'could not record the caller: taken as silence');
      return { kind: 'silence' };
    }
    throwIfEnded(signal);
    if (outcome === 'hangup') throw new CallEndedError('caller hung up while speaking');
    const endOfSpeechAt = Date.now();
    if (keyPressed) return { kind: 'keys' };
    if (outcome === 'failed') { log.info({ recording: name }, 'recording failed: taken as silence'); return { kind: 'silence' }; }
    let wav: Buffer;
    try {
      wav = await ari.rest.storedRecordingFile(name);
    } catch (error) {
      log.info({ err: (error as Error).message }, 'no utterance recorded');
      return { kind: 'silence' };
    }
    // A WAV header alone, or a fraction of a second: nobody spoke.
    if (wav.length < 44 + 8000 * 2 * 0.2) { log.info({ bytes: wav.length }, 'nothing said'); return { kind: 'silence' }; }
    const result = await recogniser.recognise(wav, options.grammar);
    log.info({ heard: result.text, recogniseMs: result.elapsedMs, bytes: wav.length }, 'speech recognised');
    return result.text ? { kind: 'speech', text: result.text, endOfSpeechAt, recogniseMs: result.elapsedMs } : { kind: 'silence' };
  } finally {
    offKeys();
    signal.removeEventListener('abort', stopRecording);
    void ignoreGone(ari.rest.deleteStoredRecording(name)).catch(() => undefined);
  }
}
