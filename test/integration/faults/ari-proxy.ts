import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxyRule {
  /** Which requests the rule applies to, e.g. `POST /ari/bridges/`. */
  match: (method: string, path: string) => boolean;
  delayMs?: number;
  status?: number;
}

/**
 * A loopback proxy in front of ARI for fault tests: it can delay REST requests, answer
 * them with an error instead of passing them on, and cut the event websocket and refuse
 * it for a while, all while Asterisk itself is fine.
 */
export class AriProxy {
  rules: ProxyRule[] = [];
  /** Upgrades are refused until this time (ms since epoch). */
  refuseWebsocketsUntil = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  get url(): string { return `http://127.0.0.1:${this.port}`; }

  async start(): Promise<void> {
    this.server = createServer((req, res) => { void this.forward(req, res); });
    this.server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => this.upgrade(req, client, head));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Cuts every websocket now and refuses new ones for `ms`. */
  cutWebsockets(ms: number): void {
    this.refuseWebsocketsUntil = Date.now() + ms;
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async forward(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const rule = this.rules.find((r) => r.match(req.method ?? 'GET', path));
    if (rule?.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
    if (rule?.status) {
      req.resume();
      res.writeHead(rule.status, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'injected by the fault proxy' }));
      return;
    }
    const upstream = request({ host: this.target.hostname, port: this.target.port, method: req.method, path, headers: req.headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => { if (!res.headersSent) res.writeHead(502).end(); else res.destroy(); });
    req.pipe(upstream);
  }

  private upgrade(req: IncomingMessage, client: Socket, head: Buffer): void {
    if (Date.now() < this.refuseWebsocketsUntil) { client.destroy(); return; }
    const upstream = connect(Number(this.target.port), this.target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => { client.destroy(); upstream.destroy(); });
      socket.on('close', () => { this.sockets.delete(socket); client.destroy(); upstream.destroy(); });
    }
  }
}
