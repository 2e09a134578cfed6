import { END_OF_SPEECH_MS } from '../../src/features/attendant/flows/listen.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetAsterisk } from '../../test/support/asterisk-state.js';
import { startSwitchboard } from '../../test/support/switchboard.js';
import { waitFor } from '../../test/support/wait-for.js';
import { nameSoundsEnv, silence, startPhone, utterance } from '../../test/integration/attendant/attendant-support.js';

export interface SpeechLatency {
  calls: number;
  /** End of the caller's speech → the confirmation question starts (includes Asterisk's end-of-speech silence). */
  endOfSpeechToQuestionMs: { p50: number; max: number };
  /** The caller's "yes" key → the callee's phone rings. */
  confirmKeyToRingMs: { p50: number; max: number };
  /** End of speech → first ring, for a caller who confirms at the first word of the question. */
  endOfSpeechToRingMs: { p50: number; max: number };
  endSilence: string;
}

const stats = (values: number[]) => ({ p50: [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0, max: Math.max(...values) });

/**
 * Real calls through the test Asterisk: an outside phone (baresip) calls the company
 * number, says "Mary Jones" after the beep, and presses 1 as soon as the confirmation
 * question starts; Mary's phone rings. Times are taken from the phones' and ARI's
 * events on this machine's clock.
 */
export async function measureSpeechLatency(calls = 8): Promise<SpeechLatency> {
  const dir = mkdtempSync(join(tmpdir(), 'attendant-latency-'));
  await resetAsterisk();
  const sb = await startSwitchboard({ seed: true, env: nameSoundsEnv() });
  const caller = await startPhone('5550004', silence(dir), dir);
  const mary = await startPhone('1005', silence(dir), dir);
  const voice = utterance(dir, 'Mary Jones');
  // Lead-in 0.3 s (utterance()), then the speech itself.
  const speechSeconds = Number(execFileSync('bash', ['-c', `espeak-ng -v en-us -w ${dir}/len.wav "Mary Jones" && soxi -D ${dir}/len.wav`]).toString().trim()) + 0.3;
  const toQuestion: number[] = [];
  const keyToRing: number[] = [];
  const toRing: number[] = [];
  let recordingStartedAt = 0;
  let questionAt = 0;
  const offs = [
    sb.app.ari.on('RecordingStarted', (e) => { if (e.recording.name.startsWith('attendant-')) recordingStartedAt = Date.now(); }),
    sb.app.ari.on('PlaybackStarted', (e) => { if (String(e.playback.media_uri).includes('attendant-did-you-mean')) questionAt = Date.now(); }),
  ];
  try {
    for (let i = 0; i < calls; i += 1) {
      recordingStartedAt = 0; questionAt = 0;
      await caller.useMicrophone(silence(dir));
      const [c, m] = [caller.mark(), mary.mark()];
      await caller.dial('5552000');
      await caller.waitForEvent('CALL_ESTABLISHED', 10_000, c);
      await waitFor('the attendant listening', () => recordingStartedAt > 0, 30_000);
      await caller.useMicrophone(voice);
      const endOfSpeech = Date.now() + speechSeconds * 1000;
      await waitFor('the confirmation question', () => questionAt > 0, 20_000);
      const keyAt = Date.now();
      await caller.press('1');
      const ring = await mary.waitForEvent('CALL_INCOMING', 20_000, m);
      toQuestion.push(questionAt - endOfSpeech);
      keyToRing.push(ring.at - keyAt);
      toRing.push(ring.at - endOfSpeech);
      await caller.hangup();
      await mary.waitForEvent('CALL_CLOSED', 10_000, m);
      await resetAsterisk();
    }
  } finally {
    for (const off of offs) off();
    await caller.stop();
    await mary.stop();
    await sb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { calls: toRing.length, endOfSpeechToQuestionMs: stats(toQuestion), confirmKeyToRingMs: stats(keyToRing), endOfSpeechToRingMs: stats(toRing), endSilence: `${END_OF_SPEECH_MS} ms after talking (TALK_DETECT)` };
}
