import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** What the fake answers one request with: a status after a delay (ms). */
export type Answer = { status: number; afterMs: number; body?: unknown };

/**
 * A stand-in for Asterisk's ARI over real HTTP (node:http), so the client's queueing,
 * deadlines and retries are exercised through fetch exactly as against Asterisk.
 * It records every request it received and the most it held at once.
 */
export class FakeAriServer {
  readonly received: Array<{ method: string; path: string; at: number }> = [];
  inFlight = 0;
  mostInFlight = 0;
  private server: Server | undefined;
  private readonly held = new Set<ServerResponse>();
  private events: WebSocketServer | undefined;

  constructor(private readonly answer: (req: IncomingMessage, nth: number) => Answer) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const nth = this.received.filter((r) => r.method === req.method && r.path === req.url).length;
      this.received.push({ method: req.method ?? '', path: req.url ?? '', at: Date.now() });
      this.inFlight += 1;
      this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
      this.held.add(res);
      const { status, afterMs, body } = this.answer(req, nth);
      req.resume();
      setTimeout(() => {
        this.inFlight -= 1;
        this.held.delete(res);
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      }, afterMs);
    });
    this.server.keepAliveTimeout = 60_000;
    // The event websocket: accepted and kept open, so the client counts as connected.
    this.events = new WebSocketServer({ server: this.server, path: '/ari/events' });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    for (const client of this.events?.clients ?? []) client.terminate();
    this.events?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
