import WebSocket from 'ws';
import type { AriEvent } from '../../src/ari/ari-types.js';

export interface TimedEvent { event: AriEvent; receivedNs: bigint }

/**
 * The load generator's own ARI app: a websocket whose events are stamped with the time
 * they arrived (hrtime), so two events of one call can be subtracted. `subscribeAll`
 * makes it see every channel in Asterisk (the observer), not only its own callers.
 */
export class AriEvents {
  private socket: WebSocket | undefined;
  private readonly handlers = new Set<(e: TimedEvent) => void>();

  constructor(private readonly url: string, private readonly user: string, private readonly password: string, readonly app: string, private readonly subscribeAll: boolean) {}

  async open(): Promise<void> {
    const wsUrl = new URL(this.url.replace(/^http/, 'ws') + '/ari/events');
    wsUrl.searchParams.set('app', this.app);
    wsUrl.searchParams.set('subscribeAll', String(this.subscribeAll));
    wsUrl.searchParams.set('api_key', `${this.user}:${this.password}`);
    const socket = new WebSocket(wsUrl);
    this.socket = socket;
    socket.on('message', (data) => {
      const receivedNs = process.hrtime.bigint();
      let event: AriEvent;
      try { event = JSON.parse(data.toString()) as AriEvent; } catch { return; }
      for (const handler of [...this.handlers]) handler({ event, receivedNs });
    });
    await new Promise<void>((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); });
  }

  on(handler: (e: TimedEvent) => void): () => void { this.handlers.add(handler); return () => this.handlers.delete(handler); }

  close(): void { this.socket?.removeAllListeners(); this.socket?.on('error', () => undefined); this.socket?.close(); }
}
