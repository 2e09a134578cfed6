import WebSocket from 'ws';
import type { AriEvent } from '../../src/ari/ari-types.js';
import { testEnv } from './test-env.js';
import { waitFor } from './wait-for.js';

type Channelled = AriEvent & { channel?: { id: string; name: string }; playback?: { target_uri: string } };

/**
 * What Asterisk itself reports, seen by a second Stasis application subscribed to every
 * channel (`subscribeAll`): a test waits for the state a phone has put a call in (held,
 * a prompt finished) instead of sleeping. It owns no channel and changes nothing.
 */
export class AsteriskEvents {
  readonly events: Channelled[] = [];
  private socket: WebSocket | undefined;

  async start(): Promise<void> {
    const env = testEnv();
    const url = new URL('/ari/events', env.ariUrl.replace(/^http/, 'ws'));
    url.searchParams.set('app', `test-observer-${process.pid}`);
    url.searchParams.set('subscribeAll', 'true');
    const authorization = `Basic ${Buffer.from(`${env.ariUser}:${env.ariPassword}`).toString('base64')}`;
    const socket = new WebSocket(url, { handshakeTimeout: 5000, headers: { authorization } });
    this.socket = socket;
    socket.on('message', (data: Buffer) => { this.events.push(JSON.parse(data.toString()) as Channelled); });
    await new Promise<void>((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); });
  }

  stop(): void { this.socket?.close(); }

  /** Where the next wait starts from. */
  mark(): number { return this.events.length; }

  /** Waits for an event of `type` about a channel of `device` (e.g. PJSIP/1003), after `since`. */
  async waitFor(type: string, device: string, since: number, timeoutMs = 10_000): Promise<Channelled> {
    let found: Channelled | undefined;
    await waitFor(`${type} on ${device}`, () => {
      found = this.events.slice(since).find((e) => e.type === type && this.isOf(e, device));
      return found !== undefined;
    }, timeoutMs);
    return found!;
  }

  /**
   * Waits for a playback event (`PlaybackStarted`, `PlaybackFinished`) of a sound whose URI
   * contains `media`, after `since`: to `device`'s channel if given, else anywhere (a bridge);
   * the `count`th such event if given (the prompt asked again).
   */
  async waitForPlayback(type: string, media: string, since: number, options: { device?: string; timeoutMs?: number; count?: number } = {}): Promise<Channelled> {
    let found: Channelled | undefined;
    await waitFor(`${type} of ${media}${options.device ? ` to ${options.device}` : ''}`, () => {
      found = this.playbacks(type, media, since, options.device)[(options.count ?? 1) - 1];
      return found !== undefined;
    }, options.timeoutMs ?? 10_000, () => `playbacks seen: ${this.events.slice(since).filter((e) => e.type.startsWith('Playback'))
      .map((e) => `${e.type} ${(e.playback as { media_uri?: string; target_uri?: string } | undefined)?.media_uri} → ${e.playback?.target_uri}`).join('; ') || 'none'}`);
    return found!;
  }

  /** Playback events of `type` for a sound whose URI contains `media`, after `since` (to `device`'s channel if given). */
  playbacks(type: string, media: string, since = 0, device?: string): Channelled[] {
    return this.events.slice(since).filter((e) => e.type === type && (e.playback as { media_uri?: string } | undefined)?.media_uri?.includes(media)
      && (!device || this.isOf(e, device)));
  }

  private isOf(event: Channelled, device: string): boolean {
    if (event.channel) return event.channel.name.startsWith(`${device}-`);
    const target = event.playback?.target_uri;
    if (!target?.startsWith('channel:')) return false;
    const channelId = target.slice('channel:'.length);
    return this.events.some((e) => e.channel?.id === channelId && e.channel.name.startsWith(`${device}-`));
  }
}
