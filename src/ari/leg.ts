import { randomUUID } from 'node:crypto';
import { AriRequestError } from './ari-rest.js';
import type { Ari } from './ari.js';
import type { AriEvent } from './ari-types.js';

/** How an outgoing leg ended up: answered, or why nobody answered. */
export type LegOutcome = 'answered' | 'busy' | 'noanswer' | 'unavailable' | 'rejected' | 'cancelled' | 'failed';
export type LegState = 'dialing' | 'ringing' | 'answered' | 'ended';

export interface DialRequest {
  /** An Asterisk dial string: `PJSIP/1002`, `Local/5551234@switchboard-pstn`. */
  endpoint: string;
  /** Routes the leg's events back to its owner: `[feature, sessionId, role]`. */
  appArgs: string[];
  /** What the called phone shows as the caller. */
  callerId?: { name?: string; number?: string };
  ringTimeoutSeconds: number;
  /** The call this leg belongs to (linked id, codecs). */
  originator?: string;
  /** Extra SIP headers on the INVITE (`Alert-Info` for a ring splash). */
  sipHeaders?: Record<string, string>;
  variables?: Record<string, string>;
  /** Prefix of the channel id, for readable Asterisk channel lists. */
  idPrefix?: string;
}

const LEFT_APP_GRACE_MS = 2000;

/** Ids dialLeg gives its channels: `<prefix>-<uuid>`; a Local leg's far half is `<id>;2`. */
const LEG_ID = /-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isOriginatedLegId = (channelId: string): boolean => LEG_ID.test(channelId);

const causeOutcome = (cause: number): LegOutcome => {
  if (cause === 17) return 'busy';
  if (cause === 18 || cause === 19) return 'noanswer';
  if (cause === 21) return 'rejected';
  if (cause === 16 || cause === 26) return 'cancelled';
  if ([1, 3, 20, 27, 34, 38, 41, 42].includes(cause)) return 'unavailable';
  return 'failed';
};
const dialStatusOutcome: Record<string, LegOutcome | undefined> = {
  ANSWER: 'answered', BUSY: 'busy', NOANSWER: 'noanswer', CHANUNAVAIL: 'unavailable',
  CONGESTION: 'unavailable', CANCEL: 'cancelled',
};

/**
 * One outgoing call to a device, originated into our Stasis app, so its ringing, answer
 * and hangup are ours to see. `outcome` settles once: answered, or why not.
 *
 * Answered means in our app: an originated channel enters Stasis only once the phone has
 * answered, a moment after its state is Up, and until then no bridge, playback or
 * variable request can be made on it (409 "Channel not in Stasis application").
 */
export class Leg {
  state: LegState = 'dialing';
  hangupCause: number | undefined;
  readonly outcome: Promise<LegOutcome>;
  readonly ringing: Promise<void>;
  /** Settles when the channel is gone, whatever happened before. */
  readonly ended: Promise<void>;
  private settle!: (outcome: LegOutcome) => void;
  private markRinging!: () => void;
  private markEnded!: () => void;
  private settled = false;
  private readonly unsubscribe: () => void;
  private timer: unknown;

  constructor(private readonly ari: Ari, readonly id: string, readonly endpoint: string) {
    this.outcome = new Promise((resolve) => { this.settle = resolve; });
    this.ringing = new Promise((resolve) => { this.markRinging = resolve; });
    this.ended = new Promise((resolve) => { this.markEnded = resolve; });
    this.unsubscribe = ari.onChannel(id, (event) => this.onEvent(event));
  }

  get isAnswered(): boolean { return this.state === 'answered'; }
  get isEnded(): boolean { return this.state === 'ended'; }
  /**
   * Still ringing: dialled, and no outcome yet. A leg Asterisk reported busy or unanswered
   * keeps its state until its channel is destroyed; counted as ringing, a loop waiting on
   * its (already settled) outcome spun in microtasks and starved the event loop, so the
   * ChannelDestroyed that would end it was never read: the whole controller froze.
   */
  get isRinging(): boolean { return !this.settled && (this.state === 'dialing' || this.state === 'ringing'); }

  /** Stops the leg: hangs it up if it exists. `answered_elsewhere` tells the phone why. */
  async hangup(reason: 'normal' | 'answered_elsewhere' | 'busy' | 'no_answer' = 'normal'): Promise<void> {
    this.finish('cancelled');
    await this.sendHangup(reason);
  }

  /** Our ring timer ran out before the device answered: that is no answer, whatever Asterisk says next. */
  async timeOut(): Promise<void> {
    if (this.state !== 'dialing' && this.state !== 'ringing') return;
    this.finish('noanswer');
    await this.sendHangup('no_answer');
  }

  /**
   * One hang-up request per leg: the ring group, the ring timer and the session's clean-up
   * may each want the leg gone, and a second DELETE is only load on Asterisk.
   */
  private hangupSent: Promise<void> | undefined;
  private sendHangup(reason: string): Promise<void> {
    if (this.state === 'ended') return Promise.resolve();
    this.hangupSent ??= this.ari.hangup(this.id, reason).catch((error: unknown) => { this.hangupSent = undefined; throw error; });
    return this.hangupSent;
  }

  /** @internal set by dialLeg */
  armTimeout(seconds: number): void {
    this.timer = this.ari.clock.setTimeout(() => {
      if (this.state === 'dialing' || this.state === 'ringing') {
        this.finish('noanswer');
        void this.sendHangup('no_answer').catch(() => undefined);
      }
    }, seconds * 1000 + 1000);
  }

  /** @internal */
  finish(outcome: LegOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.ari.clock.clearTimeout(this.timer);
    if (outcome === 'answered') this.state = 'answered';
    this.settle(outcome);
  }

  /** @internal */
  gone(cause: number | undefined): void {
    if (this.state === 'ended') return;
    this.hangupCause = cause;
    this.finish(cause === undefined ? 'failed' : causeOutcome(cause));
    this.state = 'ended';
    this.ari.clock.clearTimeout(this.timer);
    this.unsubscribe();
    this.markRinging();
    this.markEnded();
  }

  private onEvent(event: AriEvent): void {
    switch (event.type) {
      case 'ChannelStateChange':
        if (event.channel.state === 'Ringing' && this.state === 'dialing') { this.state = 'ringing'; this.markRinging(); }
        // Up and already in Stasis: what a reconnect's catch-up reports for a StasisStart missed.
        if (event.channel.state === 'Up' && event.channel.dialplan?.app_name === 'Stasis') this.finish('answered');
        break;
      case 'StasisStart':
        this.finish('answered');
        break;
      case 'Dial': {
        if (event.dialstatus === 'RINGING' && this.state === 'dialing') { this.state = 'ringing'; this.markRinging(); }
        const outcome = dialStatusOutcome[event.dialstatus];
        if (outcome && outcome !== 'answered') this.finish(outcome);
        break;
      }
      case 'ChannelHangupRequest':
        if (event.cause) this.hangupCause = event.cause;
        if (!this.isAnswered && event.cause) this.finish(causeOutcome(event.cause));
        break;
      case 'ChannelDestroyed':
        this.gone(event.cause);
        break;
      case 'StasisEnd':
        // Out of our app, its ChannelDestroyed may never reach us: without it within a
        // moment, the leg is gone all the same (else its listener would stay forever).
        this.ari.clock.setTimeout(() => this.gone(this.hangupCause), LEFT_APP_GRACE_MS);
        break;
      default:
        break;
    }
  }
}

/**
 * Originates a channel to `endpoint` into our app: one request, where creating the channel
 * and then dialling it were two, and Asterisk had one more thread and StasisStart per leg.
 * Asterisk subscribes our app to the channel at once, so its ringing and hang-up reach us
 * before it answers. Returns at once with the Leg; a device that cannot be reached settles
 * its outcome as `unavailable`.
 */
export async function dialLeg(ari: Ari, request: DialRequest): Promise<Leg> {
  const id = `${request.idPrefix ?? 'leg'}-${randomUUID()}`;
  const leg = new Leg(ari, id, request.endpoint);
  const variables: Record<string, string> = { ...request.variables };
  // The called phone shows the *connected line* of its own channel as the caller
  // (res_pjsip_caller_id builds From/PAI from it), so that is what we set. Not as
  // originate's callerId, which Asterisk would also write over the connected line.
  if (request.callerId?.name !== undefined) variables['CONNECTEDLINE(name,i)'] = request.callerId.name;
  if (request.callerId?.number !== undefined) variables['CONNECTEDLINE(num,i)'] = request.callerId.number;
  if (request.callerId?.name !== undefined) variables['CALLERID(name)'] = request.callerId.name;
  if (request.callerId?.number !== undefined) variables['CALLERID(num)'] = request.callerId.number;
  for (const [header, value] of Object.entries(request.sipHeaders ?? {})) {
    // PJSIP_HEADER works on a PJSIP channel only. A leg through the trunk (a Local channel)
    // carries the header as an inherited variable, SB_SIP_HEADER_ALERT_INFO for Alert-Info,
    // which the trunk's dialplan puts on its INVITE (asterisk-conf: switchboard-sip-headers).
    if (request.endpoint.startsWith('PJSIP/')) variables[`PJSIP_HEADER(add,${header})`] = value;
    else variables[`__SB_SIP_HEADER_${header.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] = value;
  }
  try {
    await ari.rest.originate({
      endpoint: request.endpoint,
      app: ari.app,
      appArgs: request.appArgs.join(','),
      channelId: id,
      // Asterisk stops ringing at the ring time even if we are gone; our own timer, a
      // second later, settles the leg should Asterisk's end not reach us.
      timeout: request.ringTimeoutSeconds,
      originator: request.originator,
      variables,
    });
    leg.armTimeout(request.ringTimeoutSeconds);
  } catch (error) {
    ari.log.info({ endpoint: request.endpoint, err: (error as Error).message }, 'leg could not be originated');
    const unanswered = error instanceof AriRequestError && error.status === 0;
    // A request that timed out may still have made the channel: it must not ring on.
    if (unanswered) void ari.hangup(id).catch(() => undefined);
    leg.gone(unanswered ? undefined : 20);
  }
  return leg;
}
