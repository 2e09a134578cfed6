import { ChannelIo } from '../../../ari/channel-io.js';
import { CallSession, type SessionDeps } from '../../../calls/call-session.js';
import type { IncomingCall } from '../../../calls/incoming-call.js';
import { sound } from '../../../calls/prompts.js';
import type { CallControlPrompt } from './prompts.js';

type CodeCallState = 'collecting' | 'ringing' | 'connected';

/** Wrong or missing input is asked for again this many times in all, then the call is released with a prompt. */
export const MAX_ATTEMPTS = 3;

/**
 * The call a phone makes by dialling a call-control code (#63, #64, *11, *15, *14): it
 * collects what the dial string did not say, and says no or yes out loud. A flow either
 * ends it with a prompt (`finish`), hands its channel to another session (`handOff`), or
 * keeps it as the caller's side of a new call (*14).
 */
export class FeatureCodeCall extends CallSession<CodeCallState> {
  readonly channelId: string;
  readonly io: ChannelIo;
  private answered = false;

  constructor(deps: SessionDeps, readonly call: IncomingCall, readonly code: string) {
    super(deps, 'exec-code', 'collecting', { channelId: call.channel.id, goneReason: 'caller hung up' });
    this.channelId = call.channel.id;
    this.io = new ChannelIo(this.ari, this.channelId, this.signal);
  }

  async answer(): Promise<void> {
    if (this.answered) return;
    await this.ari.rest.answer(this.channelId);
    this.answered = true;
  }

  async play(prompt: CallControlPrompt | 'core-invalid-try-again' | 'core-busy' | 'core-no-answer' | 'core-unavailable' | 'core-technical-problem'): Promise<void> {
    await this.answer();
    await this.io.play(sound(prompt));
  }

  /** Says why (or that it worked), then releases the code call. */
  async finish(prompt: Parameters<FeatureCodeCall['play']>[0], reason: string): Promise<void> {
    this.log.info({ code: this.code, prompt, reason }, 'feature code call released');
    try { await this.play(prompt); } finally { await this.end(reason); }
  }

  /**
   * One part of the code: taken from the dial string if it was there, else asked for.
   * `resolve` turns what was typed into a value, or undefined when it is not valid;
   * invalid input is met with "not valid, try again", up to MAX_ATTEMPTS in all, then
   * the call is released with a prompt (and undefined returned).
   */
  async collectPart<T>(fromDialString: string | undefined, prompt: CallControlPrompt, resolve: (typed: string) => Promise<T | undefined> | T | undefined): Promise<T | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const typed = attempt === 1 && fromDialString ? fromDialString : await this.collectDigits(prompt);
      const value = typed ? await resolve(typed) : undefined;
      if (value !== undefined) return value;
      this.log.info({ code: this.code, typed, attempt }, 'feature code part not valid');
      if (attempt >= MAX_ATTEMPTS) { await this.finish('executive-control-too-many-attempts', 'too many invalid attempts'); return undefined; }
      this.io.clearTypeahead();
      await this.play('core-invalid-try-again');
    }
  }

  /** Gives the caller's channel to another session; this session must then end. */
  handOff(): string {
    this.releaseChannel(this.channelId);
    return this.channelId;
  }

  private async collectDigits(prompt: CallControlPrompt): Promise<string> {
    await this.answer();
    // `*` is a key like the digits here, so `*11` / `*15` can be typed as a destination.
    const collected = await this.io.collect({ prompt: [sound(prompt)], maxDigits: 20, terminators: '#', firstDigitTimeoutMs: 8000, interDigitTimeoutMs: 4000 });
    return collected.digits;
  }
}
