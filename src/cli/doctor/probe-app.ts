import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { AriRequestError, AriRest, basicAuthorization } from '../../ari/ari-rest.js';
import type { AriChannel, AriPlayback } from '../../ari/ari-types.js';

/** Any ARI event, loosely: the doctor reads events the controller never handles (ChannelDialplan). */
export interface ProbeEvent {
  type: string;
  channel?: AriChannel;
  args?: string[];
  playback?: AriPlayback;
  dialplan_app?: string;
  dialplan_app_data?: string;
  cause?: number;
  cause_txt?: string;
  [key: string]: unknown;
}

/**
 * A throw-away Stasis application of the doctor's own (`<ARI_APP>-doctor-<random>`), so
 * probing never takes over the controller's application (a second websocket on the same
 * name would: ApplicationReplaced). Everything it creates is released by close().
 */
export class ProbeApp {
  readonly name: string;
  readonly rest: AriRest;
  readonly events: ProbeEvent[] = [];
  private socket: WebSocket | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly channels = new Set<string>();
  private readonly bridges = new Set<string>();

  constructor(private readonly ari: { url: string; user: string; password: string; app: string }, requestTimeoutMs = 3000) {
    this.name = `${ari.app}-doctor-${randomUUID().slice(0, 8)}`;
    this.rest = new AriRest(ari.url, ari.user, ari.password, requestTimeoutMs, 8);
  }

  /** Opens the events websocket; rejects with the reason when Asterisk refuses it. */
  open(timeoutMs = 3000): Promise<void> {
    const url = new URL(this.ari.url.replace(/^http/, 'ws') + '/ari/events');
    url.searchParams.set('app', this.name);
    url.searchParams.set('subscribeAll', 'false');
    // Credentials in a header, as the controller's own connection sends them (src/ari/ari-connection.ts).
    const authorization = basicAuthorization(this.ari.user, this.ari.password);
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { handshakeTimeout: timeoutMs, headers: { authorization } });
      this.socket = socket;
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => { reject(new Error(`HTTP ${res.statusCode}`)); socket.terminate(); });
      socket.once('error', (error) => reject(error));
      socket.on('message', (data) => {
        try { this.events.push(JSON.parse(data.toString()) as ProbeEvent); } catch { return; }
        for (const wake of [...this.waiters]) wake();
      });
    });
  }

  /**
   * Dials a channel the probe created. Asterisk puts a created channel into the app on
   * another thread: a dial right after the create is now and then refused 409 "Channel not
   * in Stasis application" (as src/ari/leg.ts handles for the controller's own legs). Try
   * again briefly.
   */
  async dial(channelId: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.rest.request('POST', `/channels/${encodeURIComponent(channelId)}/dial`, { timeout: 3 });
        return;
      } catch (error) {
        if (!(error instanceof AriRequestError && error.status === 409) || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  /** The first event (already seen or yet to come) matching, or undefined after `timeoutMs`. */
  waitFor(predicate: (event: ProbeEvent) => boolean, timeoutMs: number): Promise<ProbeEvent | undefined> {
    const seen = this.events.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const check = () => {
        const found = this.events.find(predicate);
        if (found) { done(); resolve(found); }
      };
      const timer = setTimeout(() => { done(); resolve(undefined); }, timeoutMs);
      const done = () => { clearTimeout(timer); this.waiters.delete(check); };
      this.waiters.add(check);
    });
  }

  /** A new id for a channel or bridge the probe creates; remembered for clean-up. */
  channelId(): string { const id = `${this.name}-${randomUUID().slice(0, 8)}`; this.channels.add(id); return id; }
  bridgeId(): string { const id = `${this.name}-${randomUUID().slice(0, 8)}`; this.bridges.add(id); return id; }

  async close(): Promise<void> {
    await Promise.allSettled([
      ...[...this.channels].map((id) => this.rest.hangup(id)),
      ...[...this.bridges].map((id) => this.rest.destroyBridge(id)),
    ]);
    this.socket?.removeAllListeners();
    this.socket?.on('error', () => undefined);
    this.socket?.terminate();
    for (const wake of [...this.waiters]) wake();
  }
}
