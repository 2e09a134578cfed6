import http from 'node:http';
import https from 'node:https';

/** What Asterisk answered: status and body text. */
export interface HttpAnswer { status: number; text: string }

/**
 * How long an idle connection is kept for the next request. Asterisk closes idle HTTP
 * sessions after `session_keep_alive` (http.conf, 15 s by default); closing ours well
 * before means a request is never written into a socket Asterisk is closing.
 */
const IDLE_SOCKET_MS = 4000;

/**
 * ARI's REST requests over Node's own HTTP client with keep-alive connections: at most
 * `maxSockets` open at once (under Asterisk's `sessionlimit`), each reused for request
 * after request. Profiled (issue 18, 40 calls/s): half the controller's busy time was
 * `fetch` (undici: request, response and header objects, a stream per body); this is
 * the plain request a JSON API needs. One deadline timer per request, cleared when the
 * answer is in; a request past it is destroyed and rejects, its socket not reused.
 */
export class HttpTransport {
  private readonly agent: http.Agent;
  private readonly client: typeof http | typeof https;
  private readonly host: string;
  private readonly port: string;
  /** A path ARI is under behind a proxy (`https://pbx.example/asterisk`), without the trailing slash. */
  private readonly prefix: string;

  constructor(baseUrl: string, maxSockets: number) {
    const url = new URL(baseUrl);
    this.client = url.protocol === 'https:' ? https : http;
    this.host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = url.port;
    this.prefix = url.pathname.replace(/\/$/, '');
    this.agent = new this.client.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' });
  }

  /** Rejects with the transport's error (refused, reset, past the deadline); never for an HTTP status. */
  send(method: string, path: string, headers: Record<string, string>, body: string | undefined, deadlineMs: number): Promise<HttpAnswer> {
    return new Promise<HttpAnswer>((resolve, reject) => {
      const request = this.client.request({
        agent: this.agent, method, path: this.prefix + path, host: this.host, port: this.port || undefined,
        headers: body !== undefined ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers,
      }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => { clearTimeout(deadline); resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }); });
        response.on('error', (error) => { clearTimeout(deadline); reject(error); });
      });
      const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
      request.on('error', (error) => { clearTimeout(deadline); reject(error); });
      request.end(body);
    });
  }
}
