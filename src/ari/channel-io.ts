import { randomUUID } from 'node:crypto';
import type { Ari } from './ari.js';
import { ignoreGone } from './ari.js';
import { CallEndedError, throwIfEnded } from './call-ended.js';
import { onChannelGone } from './channel-gone.js';
import { queueSafetyMusic, safetyMusicDuringWait } from './safety-music.js';

export interface CollectOptions {
  /** Played while waiting; the first key stops it (barge-in). */
  prompt?: string[];
  maxDigits: number;
  /** Keys that end the entry early; not part of the result. */
  terminators?: string;
  firstDigitTimeoutMs?: number;
  interDigitTimeoutMs?: number;
}

export interface Collected {
  digits: string;
  endedBy: 'max-digits' | 'terminator' | 'timeout';
  terminator?: string;
}

export interface AskOptions<T> extends CollectOptions {
  /** Turns the keys into a value, or undefined when they are not valid. */
  parse: (collected: Collected) => T | undefined;
  /** Played after invalid input or silence, before asking again. */
  invalidPrompt: string[];
  attempts: number;
}

/**
 * How long an entry in progress waits for its next key once the websocket is back after a
 * drop. Asterisk does not resend the keys it saw meanwhile, the closing `#` among them: a
 * caller who had finished would otherwise wait out the whole inter-digit timeout in
 * silence before hearing the entry was not valid (seen in a chaos storm: `1007#` with the
 * websocket cut after `100`, 2.9 s of silence). A caller still typing loses little: the
 * entry ends short and the flow asks again.
 */
const AFTER_GAP_INTER_DIGIT_MS = 1000;

/**
 * Plays to and hears keys from one channel of a call. Keys pressed while nothing is
 * collecting are kept, so a caller who types ahead of a prompt loses nothing.
 */
export class ChannelIo {
  private buffered = '';
  private keyListener: ((digit: string) => void) | undefined;
  private readonly unsubscribe: () => void;
  private readonly playbacks = new Set<string>();

  constructor(private readonly ari: Ari, readonly channelId: string, private readonly signal: AbortSignal) {
    this.unsubscribe = ari.onChannel(channelId, (event) => {
      if (event.type !== 'ChannelDtmfReceived') return;
      if (this.keyListener) this.keyListener(event.digit);
      else this.buffered += event.digit;
    });
    // Built after its call ended (an await raced the hang-up): nothing to listen for.
    if (signal.aborted) this.close();
    else signal.addEventListener('abort', () => this.close(), { once: true });
  }

  close(): void {
    this.unsubscribe();
    this.keyListener = undefined;
    for (const id of this.playbacks) void ignoreGone(this.ari.rest.stopPlayback(id)).catch(() => undefined);
  }

  /** Drops keys typed ahead (before a prompt whose answer must not be guessed). */
  clearTypeahead(): void { this.buffered = ''; }

  /** Plays media to the end (or until the call ends). */
  async play(...media: string[]): Promise<void> {
    const playback = await this.startPlayback(media);
    await playback.finished;
  }

  async startPlayback(media: string[]): Promise<{ id: string; finished: Promise<void>; stop: () => Promise<void> }> {
    throwIfEnded(this.signal);
    const id = `pb-${randomUUID()}`;
    this.playbacks.add(id);
    const ended = new Promise<'finished' | 'gone'>((resolve) => {
      const done = (how: 'finished' | 'gone') => { off(); offChannel(); this.playbacks.delete(id); this.signal.removeEventListener('abort', aborted); resolve(how); };
      const aborted = () => done('gone');
      const off = this.ari.onPlayback(id, (event) => { if (event.type === 'PlaybackFinished') done('finished'); });
      const offChannel = onChannelGone(this.ari, this.channelId, () => done('gone'));
      this.signal.addEventListener('abort', aborted, { once: true });
    });
    try {
      await this.ari.rest.play(this.channelId, media, id);
    } catch (error) {
      this.playbacks.delete(id);
      if (this.signal.aborted) throw new CallEndedError();
      throw error;
    }
    // A tone plays until stopped: it is its own safety. A prompt ends by itself, and
    // unless something follows within a second, music (not silence) follows it
    // (src/ari/safety-music.ts).
    if (!media.every((m) => m.startsWith('tone:'))) queueSafetyMusic(this.ari, this.channelId);
    return { id, finished: ended.then(() => undefined), stop: () => ignoreGone(this.ari.rest.stopPlayback(id)) };
  }

  /** Collects keys, stopping the prompt at the first one. */
  async collect(options: CollectOptions): Promise<Collected> {
    throwIfEnded(this.signal);
    const terminators = options.terminators ?? '#';
    const firstTimeout = options.firstDigitTimeoutMs ?? 5000;
    const interTimeout = options.interDigitTimeoutMs ?? 3000;
    let digits = '';
    let prompt: Awaited<ReturnType<ChannelIo['startPlayback']>> | undefined;
    // While the caller chooses or types with nothing playing, music in reserve stays
    // silent as long as we are alive (src/ari/safety-music.ts).
    let endWait: (() => Promise<void>) | undefined;

    const result = await new Promise<Collected>((resolve, reject) => {
      let timer: unknown;
      const clock = this.ari.clock;
      let afterGap = false;
      const stopListening = () => {
        clock.clearTimeout(timer);
        this.keyListener = undefined;
        offReconnected();
      };
      const finish = (collected: Collected) => {
        stopListening();
        this.signal.removeEventListener('abort', aborted);
        resolve(collected);
      };
      const aborted = () => { stopListening(); void endWait?.(); reject(new CallEndedError()); };
      const arm = (ms: number) => {
        endWait ??= safetyMusicDuringWait(this.ari, this.channelId);
        clock.clearTimeout(timer);
        const wait = afterGap && digits.length > 0 ? Math.min(ms, AFTER_GAP_INTER_DIGIT_MS) : ms;
        timer = clock.setTimeout(() => finish({ digits, endedBy: 'timeout' }), wait);
      };
      const offReconnected = this.ari.onReconnected(() => {
        afterGap = true;
        if (digits.length > 0) arm(interTimeout);
      });
      const onKey = (digit: string) => {
        if (prompt) { void prompt.stop().catch(() => undefined); }
        if (terminators.includes(digit)) { finish({ digits, endedBy: 'terminator', terminator: digit }); return; }
        digits += digit;
        if (digits.length >= options.maxDigits) { finish({ digits, endedBy: 'max-digits' }); return; }
        arm(interTimeout);
      };
      this.signal.addEventListener('abort', aborted, { once: true });
      const typedAhead = this.buffered;
      this.buffered = '';
      this.keyListener = onKey;
      for (const digit of typedAhead) { if (this.keyListener === onKey) onKey(digit); else this.buffered += digit; }
      if (this.keyListener !== onKey) return;
      if (options.prompt?.length && typedAhead.length === 0) {
        // The timeout starts when the prompt has finished, as with Asterisk's Read().
        this.startPlayback(options.prompt).then((playback) => {
          prompt = playback;
          if (digits.length > 0 || this.keyListener !== onKey) { void playback.stop().catch(() => undefined); return; }
          void playback.finished.then(() => { if (this.keyListener === onKey && digits.length === 0) arm(firstTimeout); });
        }, (error: unknown) => { stopListening(); reject(error); });
      } else {
        arm(digits.length ? interTimeout : firstTimeout);
      }
    });
    await endWait?.();
    if (prompt) await prompt.stop().catch(() => undefined);
    return result;
  }

  /**
   * Asks until the answer parses, at most `attempts` times, playing `invalidPrompt`
   * after each wrong or missing answer. Undefined when every attempt failed.
   */
  async ask<T>(options: AskOptions<T>): Promise<T | undefined> {
    for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
      const collected = await this.collect(options);
      const value = options.parse(collected);
      if (value !== undefined) return value;
      this.clearTypeahead();
      await this.play(...options.invalidPrompt);
    }
    return undefined;
  }
}
