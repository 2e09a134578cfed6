import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { Logger } from '../log.js';
import type { AriEvent } from './ari-types.js';
import { AriRest, basicAuthorization } from './ari-rest.js';

export interface AriConnectionOptions {
  url: string;
  user: string;
  password: string;
  app: string;
  /** First retry delay; doubles up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'stopped';

interface ConnectionEvents {
  event: [AriEvent];
  /** The app is registered with Asterisk (again): `reconnect` is true after a drop. */
  connected: [{ reconnect: boolean }];
  disconnected: [{ reason: string }];
}

/**
 * The ARI websocket of one Stasis app. It connects with retry and exponential backoff
 * and reconnects by itself whenever the socket drops (Asterisk restarted, network cut);
 * it never gives up until stop(). Events are emitted in arrival order.
 */
export class AriConnection extends EventEmitter<ConnectionEvents> {
  readonly rest: AriRest;
  state: ConnectionState = 'disconnected';
  reconnects = 0;
  private socket: WebSocket | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private everConnected = false;
  private stopped = false;

  constructor(private readonly options: AriConnectionOptions, private readonly log: Logger) {
    super();
    this.rest = new AriRest(options.url, options.user, options.password);
    this.backoffMs = options.minBackoffMs ?? 250;
  }

  get connected(): boolean { return this.state === 'connected'; }

  /** Starts connecting; resolves once connected the first time, or after `waitMs`. */
  start(waitMs = 10_000): Promise<boolean> {
    this.stopped = false;
    this.rest.reopen();
    this.open();
    if (this.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.off('connected', done); resolve(false); }, waitMs);
      const done = () => { clearTimeout(timer); resolve(true); };
      this.once('connected', done);
    });
  }

  stop(): void {
    this.stopped = true;
    this.state = 'stopped';
    this.rest.close();
    clearTimeout(this.retryTimer);
    this.socket?.removeAllListeners();
    this.socket?.on('error', () => undefined);
    this.socket?.terminate();
    this.socket = undefined;
  }

  /** Drops the socket as a network fault would; it reconnects by itself. For fault tests. */
  simulateDrop(): void { this.socket?.terminate(); }

  private open(): void {
    if (this.stopped) return;
    this.state = 'connecting';
    const wsUrl = new URL(this.options.url.replace(/^http/, 'ws') + '/ari/events');
    wsUrl.searchParams.set('app', this.options.app);
    wsUrl.searchParams.set('subscribeAll', 'false');
    // Credentials in a header, not `api_key` in the query string, which proxies and Asterisk's own HTTP log would record.
    const authorization = basicAuthorization(this.options.user, this.options.password);
    const socket = new WebSocket(wsUrl, { handshakeTimeout: 5000, headers: { authorization } });
    this.socket = socket;
    socket.on('open', () => {
      this.state = 'connected';
      this.backoffMs = this.options.minBackoffMs ?? 250;
      const reconnect = this.everConnected;
      if (reconnect) this.reconnects += 1;
      this.everConnected = true;
      this.log.info({ app: this.options.app, reconnect }, 'ARI connected');
      this.emit('connected', { reconnect });
    });
    socket.on('message', (data) => {
      let event: AriEvent;
      try { event = JSON.parse(data.toString()) as AriEvent; } catch { this.log.warn('ARI sent a message that is not JSON'); return; }
      this.emit('event', event);
    });
    socket.on('error', (error) => { this.log.debug({ err: error.message }, 'ARI websocket error'); });
    socket.on('close', (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      const wasConnected = this.state === 'connected';
      this.state = 'disconnected';
      if (wasConnected) {
        this.log.warn({ code, reason: reason.toString() }, 'ARI connection lost; reconnecting');
        this.emit('disconnected', { reason: `closed ${code}` });
      }
      this.scheduleRetry();
    });
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 5000);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }
}
