import type { Ari } from '../../../ari/ari.js';
import { ignoreGone } from '../../../ari/ari.js';

export type RecordingEnd = 'finished' | 'failed' | 'hangup';

export interface RecordOptions {
  name: string;
  maxDurationSeconds: number;
  maxSilenceSeconds: number;
  beep: boolean;
}

/**
 * Records `channelId` into Asterisk's stored recording `name` (WAV) until `#`, silence,
 * the maximum length or hang-up. Resolves once Asterisk has finished the file. Not tied
 * to the call's abort signal on purpose: the caller hanging up is one normal end of a
 * message, and the file still has to be kept.
 */
export async function recordChannel(ari: Ari, channelId: string, options: RecordOptions): Promise<RecordingEnd> {
  let settle!: (end: RecordingEnd) => void;
  const ended = new Promise<RecordingEnd>((resolve) => { settle = resolve; });
  let hungUpTimer: NodeJS.Timeout | undefined;
  // Asterisk stops at the maximum length by itself; this only bounds the wait if its event never
  // reaches us (the websocket went away), and the start-up scan keeps the file then.
  const deadline = setTimeout(() => settle('failed'), (options.maxDurationSeconds + 30) * 1000);
  const offRecording = ari.onRecording(options.name, (event) => {
    if (event.type === 'RecordingFinished') settle('finished');
    if (event.type === 'RecordingFailed') settle('failed');
  });
  const offChannel = ari.onChannel(channelId, (event) => {
    // Asterisk closes the file when the channel goes; give its RecordingFinished a moment.
    if (event.type === 'ChannelDestroyed' || event.type === 'StasisEnd') hungUpTimer ??= setTimeout(() => settle('hangup'), 1500);
  });
  try {
    await ari.rest.record(channelId, {
      name: options.name, format: 'wav', maxDurationSeconds: options.maxDurationSeconds,
      maxSilenceSeconds: options.maxSilenceSeconds, beep: options.beep, terminateOn: '#', ifExists: 'fail',
    });
    const end = await ended;
    return end === 'finished' && hungUpTimer ? 'hangup' : end;
  } catch (error) {
    // The caller hung up before the recording began: there is nothing to keep.
    await ignoreGone(ari.rest.stopRecording(options.name)).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(hungUpTimer);
    clearTimeout(deadline);
    offRecording();
    offChannel();
  }
}
