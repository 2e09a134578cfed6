import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { AriConnection, type AriConnectionOptions } from './ari-connection.js';
import { AriRequestError, type AriRest } from './ari-rest.js';
import { channelOfEvent, type AriChannel, type AriEvent, type AriEventOf, type AriEventType } from './ari-types.js';

type Handler = (event: AriEvent) => void;

/**
 * One Stasis app's view of Asterisk: REST requests, and events routed by type and by
 * channel, bridge, playback or recording so that each call primitive hears only its own.
 */
export class Ari {
  readonly connection: AriConnection;
  readonly app: string;
  private readonly byType = new Map<string, Set<Handler>>();
  private readonly byChannel = new Map<string, Set<Handler>>();
  private readonly byPlayback = new Map<string, Set<Handler>>();
  private readonly byRecording = new Map<string, Set<Handler>>();
  private readonly byBridge = new Map<string, Set<Handler>>();
  private readonly reconnected = new Set<() => void>();

  /** Every timer of the call primitives goes through it, so tests can drive time. */
  readonly clock: Clock;

  constructor(options: AriConnectionOptions, readonly log: Logger, clock: Clock = systemClock) {
    this.clock = clock;
    this.app = options.app;
    this.connection = new AriConnection(options, log);
    this.connection.on('event', (event) => this.route(event));
    this.connection.on('connected', ({ reconnect }) => { if (reconnect) for (const handler of [...this.reconnected]) handler(); });
  }

  get rest(): AriRest { return this.connection.rest; }

  on<T extends AriEventType>(type: T, handler: (event: AriEventOf<T>) => void): () => void {
    return add(this.byType, type, handler as Handler);
  }
  onChannel(channelId: string, handler: Handler): () => void { return add(this.byChannel, channelId, handler); }
  onPlayback(playbackId: string, handler: Handler): () => void { return add(this.byPlayback, playbackId, handler); }
  onRecording(name: string, handler: Handler): () => void { return add(this.byRecording, name, handler); }
  onBridge(bridgeId: string, handler: Handler): () => void { return add(this.byBridge, bridgeId, handler); }
  /** After each reconnect (not the first connect): what was sent meanwhile is lost. */
  onReconnected(handler: () => void): () => void {
    this.reconnected.add(handler);
    return () => this.reconnected.delete(handler);
  }
  /** Whether something here (a live CallBridge) still listens to this bridge: then it is in use. */
  isWatchingBridge(bridgeId: string): boolean { return this.byBridge.has(bridgeId); }

  /**
   * Hang up; a channel that is already gone counts as hung up. Never dropped: it goes
   * before other requests and is retried until done (see AriRest.teardown).
   */
  async hangup(channelId: string, reason?: string): Promise<void> {
    await ignoreGone(this.rest.hangup(channelId, reason));
  }
  async destroyBridge(bridgeId: string): Promise<void> {
    await ignoreGone(this.rest.destroyBridge(bridgeId));
  }

  /**
   * After a reconnect. Asterisk does not resend the events it sent while our websocket was
   * down, and a flow waiting for one of them (a prompt's or a recording's end, an answer,
   * a hang-up) would wait for ever, its caller in silence. So what can be known now is
   * delivered as the event it stands for: a channel we listen to that is gone is
   * destroyed, one that is up was answered, a playback or live recording Asterisk no
   * longer has has finished (or failed, when no stored file came of it). Handlers treat
   * a repeated answer or end as the no-op it is.
   */
  async catchUp(liveChannels: readonly AriChannel[]): Promise<void> {
    const live = new Map(liveChannels.map((c) => [c.id, c]));
    const application = this.app;
    for (const id of [...this.byChannel.keys()]) {
      const channel = live.get(id);
      if (!channel) this.route({ type: 'ChannelDestroyed', application, channel: { id } as AriChannel, cause: 16, cause_txt: 'Normal Clearing (missed while disconnected)' });
      else if (channel.state === 'Up') this.route({ type: 'ChannelStateChange', application, channel });
    }
    const isGone = (request: Promise<unknown>) => request.then(() => false, (error: unknown) => error instanceof AriRequestError && error.isGone);
    await Promise.all([
      ...[...this.byPlayback.keys()].map(async (id) => {
        if (await isGone(this.rest.getPlayback(id))) {
          this.route({ type: 'PlaybackFinished', application, playback: { id, media_uri: '', target_uri: '', state: 'done' } });
        }
      }),
      ...[...this.byRecording.keys()].map(async (name) => {
        if (!(await isGone(this.rest.getLiveRecording(name)))) return;
        const stored = !(await isGone(this.rest.getStoredRecording(name)));
        this.route({ type: stored ? 'RecordingFinished' : 'RecordingFailed', application, recording: { name, format: 'wav', state: stored ? 'done' : 'failed' } });
      }),
    ]);
  }

  private route(event: AriEvent): void {
    // Before any handler: one that hangs up in reaction must find the channel known gone.
    if (event.type === 'ChannelDestroyed') this.rest.knownGone.markChannel(event.channel.id);
    if (event.type === 'BridgeDestroyed') this.rest.knownGone.markBridge(event.bridge.id);
    const deliver = (handlers: Set<Handler> | undefined) => {
      if (!handlers) return;
      for (const handler of [...handlers]) {
        try { handler(event); } catch (error) { this.log.error({ err: error, type: event.type }, 'ARI event handler failed'); }
      }
    };
    deliver(this.byType.get(event.type));
    const channel = channelOfEvent(event);
    if (channel) deliver(this.byChannel.get(channel.id));
    if ('bridge' in event && event.bridge && typeof event.bridge === 'object' && 'id' in event.bridge) {
      deliver(this.byBridge.get((event.bridge as { id: string }).id));
    }
    if ('playback' in event && event.playback) deliver(this.byPlayback.get((event.playback as { id: string }).id));
    if ('recording' in event && event.recording) deliver(this.byRecording.get((event.recording as { name: string }).name));
  }
}

function add(map: Map<string, Set<Handler>>, key: string, handler: Handler): () => void {
  let set = map.get(key);
  if (!set) { set = new Set(); map.set(key, set); }
  set.add(handler);
  return () => {
    const current = map.get(key);
    if (!current) return;
    current.delete(handler);
    if (current.size === 0) map.delete(key);
  };
}

/** Teardown is idempotent: ARI's 404 for something already gone is success. */
export async function ignoreGone(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (error instanceof AriRequestError && (error.isGone || error.status === 409 || error.status === 422)) return;
    throw error;
  }
}
