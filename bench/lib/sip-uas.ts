import { createHash, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

/**
 * A load-test SIP phone farm on one UDP socket: it registers as several PJSIP endpoints
 * (digest auth), and answers every INVITE with 180 Ringing then, after `ringMs`, 200 OK
 * with an SDP pointing at a discard socket. It sends no audio (the load is call control,
 * not media) and handles CANCEL, BYE, in-dialog re-INVITE/UPDATE and OPTIONS. Baresip
 * is one process per phone and one call at a time; this carries hundreds of calls.
 */
export interface UasOptions {
  asteriskHost: string;
  asteriskPort: number;
  /** Delay between 180 Ringing and 200 OK. */
  ringMs: number;
}

interface Message {
  start: string;
  headers: Map<string, string[]>;
  body: string;
}

interface Dialog { callId: string; from: string; caller: string; answered: boolean; timer?: NodeJS.Timeout; lastResponse?: string; toTag: string }

export class SipUas {
  /** Calls answered (200 OK sent) and not yet ended, keyed by Call-ID. */
  readonly dialogs = new Map<string, Dialog>();
  /** Answered calls still up, by the caller's number (From user part). */
  private readonly upByCaller = new Map<string, Dialog>();
  invitesReceived = 0;
  answered = 0;
  cancelled = 0;
  private socket!: Socket;
  private rtp!: Socket;
  port = 0;
  private rtpPort = 0;
  private readonly pending = new Map<string, (message: Message) => void>();
  /** Each registered endpoint's refresh, due at half the expiry Asterisk granted. */
  private readonly refreshes = new Map<string, NodeJS.Timeout>();

  /** Delay between 180 Ringing and 200 OK; may change between phases. */
  ringMs: number;

  constructor(private readonly options: UasOptions) { this.ringMs = options.ringMs; }

  async start(): Promise<void> {
    this.rtp = createSocket('udp4');
    this.rtp.on('message', () => undefined);
    await new Promise<void>((resolve) => this.rtp.bind(0, '127.0.0.1', resolve));
    this.rtpPort = this.rtp.address().port;
    this.socket = createSocket('udp4');
    this.socket.on('message', (data, rinfo) => this.onMessage(data.toString(), rinfo.address, rinfo.port));
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    this.port = this.socket.address().port;
  }

  /** Whether a call from `callerNumber` was answered here and is still up. */
  isUp(callerNumber: string): boolean { return this.upByCaller.has(callerNumber); }

  async stop(): Promise<void> {
    for (const dialog of this.dialogs.values()) clearTimeout(dialog.timer);
    for (const timer of this.refreshes.values()) clearTimeout(timer);
    this.refreshes.clear();
    this.socket.close();
    this.rtp.close();
  }

  /**
   * Registers `endpoint` (password `pw<endpoint>`) with this socket as its contact, and
   * keeps it registered: a soak runs longer than one expiry, and without the refresh every
   * call to these phones failed once the hour was up (the 10,000-call soak of 2026-12-02,
   * from call 9,206). `expires` 0 unregisters and stops the refresh.
   */
  async register(endpoint: string, expires = 3600): Promise<void> {
    clearTimeout(this.refreshes.get(endpoint));
    this.refreshes.delete(endpoint);
    const granted = await this.registerOnce(endpoint, expires);
    if (expires === 0) return;
    const refresh = setTimeout(() => {
      this.register(endpoint, expires).catch((error: unknown) => process.stderr.write(`sip-uas: refresh of ${endpoint}: ${(error as Error).message}\n`));
    }, Math.max(1, granted / 2) * 1000);
    refresh.unref();
    this.refreshes.set(endpoint, refresh);
  }

  /** One REGISTER with its digest challenge; resolves with the expiry Asterisk granted, in seconds. */
  private async registerOnce(endpoint: string, expires: number): Promise<number> {
    const callId = `reg-${endpoint}-${randomBytes(6).toString('hex')}`;
    const uri = `sip:${this.options.asteriskHost}:${this.options.asteriskPort}`;
    const send = async (cseq: number, authorization?: string): Promise<Message> => {
      const lines = [
        `REGISTER ${uri} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${this.port};branch=z9hG4bK${randomBytes(8).toString('hex')};rport`,
        'Max-Forwards: 70',
        `From: <sip:${endpoint}@${this.options.asteriskHost}>;tag=${randomBytes(4).toString('hex')}`,
        `To: <sip:${endpoint}@${this.options.asteriskHost}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} REGISTER`,
        `Contact: <sip:${endpoint}@127.0.0.1:${this.port}>`,
        `Expires: ${expires}`,
        ...(authorization ? [`Authorization: ${authorization}`] : []),
        'User-Agent: switchboard-bench',
        'Content-Length: 0', '', '',
      ];
      const reply = new Promise<Message>((resolve, reject) => {
        const timer = setTimeout(() => { this.pending.delete(`${callId}/${cseq}`); reject(new Error(`no reply to REGISTER ${endpoint}`)); }, 5000);
        this.pending.set(`${callId}/${cseq}`, (m) => { clearTimeout(timer); resolve(m); });
      });
      this.send(lines.join('\r\n'), this.options.asteriskHost, this.options.asteriskPort);
      return reply;
    };
    const granted = (ok: Message) => {
      const fromContact = /;\s*expires=(\d+)/i.exec((ok.headers.get('contact') ?? []).join(','))?.[1];
      const seconds = Number(fromContact ?? ok.headers.get('expires')?.[0]);
      return Number.isFinite(seconds) && seconds > 0 ? seconds : expires;
    };
    const first = await send(1);
    if (status(first) === 200) return granted(first);
    const challenges = first.headers.get('www-authenticate') ?? [];
    const challenge = challenges.find((c) => /algorithm="?MD5"?/i.test(c) || !/algorithm/i.test(c));
    if (status(first) !== 401 || !challenge) throw new Error(`REGISTER ${endpoint}: ${first.start}`);
    const second = await send(2, digest(challenge, endpoint, `pw${endpoint}`, 'REGISTER', uri));
    if (status(second) !== 200) throw new Error(`REGISTER ${endpoint} refused: ${second.start}`);
    return granted(second);
  }

  private onMessage(text: string, host: string, port: number): void {
    const message = parse(text);
    if (!message) return;
    if (message.start.startsWith('SIP/2.0')) {
      const cseq = header(message, 'cseq').split(' ')[0];
      this.pending.get(`${header(message, 'call-id')}/${cseq}`)?.(message);
      this.pending.delete(`${header(message, 'call-id')}/${cseq}`);
      return;
    }
    const method = message.start.split(' ')[0];
    const callId = header(message, 'call-id');
    const reply = (code: string, extra: string[] = [], body = '', toTag?: string) => {
      const to = header(message, 'to');
      const lines = [
        `SIP/2.0 ${code}`,
        ...(message.headers.get('via') ?? []).map((v) => `Via: ${v}`),
        `From: ${header(message, 'from')}`,
        `To: ${toTag && !/;tag=/.test(to) ? `${to};tag=${toTag}` : to}`,
        `Call-ID: ${callId}`,
        `CSeq: ${header(message, 'cseq')}`,
        ...extra,
        `Content-Length: ${Buffer.byteLength(body)}`, '', body,
      ];
      const response = lines.join('\r\n');
      this.send(response, host, port);
      return response;
    };
    const contact = `Contact: <sip:bench@127.0.0.1:${this.port}>`;
    switch (method) {
      case 'INVITE': {
        const existing = this.dialogs.get(callId);
        if (existing && /;tag=/.test(header(message, 'to'))) { // re-INVITE in the dialog
          reply('200 OK', [contact, 'Content-Type: application/sdp'], this.sdp(), existing.toTag);
          return;
        }
        if (existing) { if (existing.lastResponse) this.send(existing.lastResponse, host, port); return; } // retransmission
        this.invitesReceived += 1;
        const from = header(message, 'from');
        const dialog: Dialog = { callId, from, caller: /sip:([^@>;]+)/.exec(from)?.[1] ?? '', answered: false, toTag: randomBytes(4).toString('hex') };
        this.dialogs.set(callId, dialog);
        dialog.lastResponse = reply('180 Ringing', [contact], '', dialog.toTag);
        dialog.timer = setTimeout(() => {
          if (!this.dialogs.has(callId)) return;
          dialog.answered = true;
          this.answered += 1;
          this.upByCaller.set(dialog.caller, dialog);
          dialog.lastResponse = reply('200 OK', [contact, 'Content-Type: application/sdp'], this.sdp(), dialog.toTag);
        }, this.ringMs);
        return;
      }
      case 'CANCEL': {
        reply('200 OK');
        const dialog = this.dialogs.get(callId);
        if (dialog && !dialog.answered) {
          clearTimeout(dialog.timer);
          this.dialogs.delete(callId);
          this.cancelled += 1;
          // The INVITE itself ends with 487 (same Via/CSeq number, method INVITE).
          const invite = { ...message, headers: new Map(message.headers) };
          invite.headers.set('cseq', [header(message, 'cseq').replace('CANCEL', 'INVITE')]);
          const lines = [
            'SIP/2.0 487 Request Terminated',
            ...(invite.headers.get('via') ?? []).map((v) => `Via: ${v}`),
            `From: ${header(invite, 'from')}`, `To: ${header(invite, 'to')};tag=${dialog.toTag}`,
            `Call-ID: ${callId}`, `CSeq: ${header(invite, 'cseq')}`, 'Content-Length: 0', '', '',
          ];
          this.send(lines.join('\r\n'), host, port);
        }
        return;
      }
      case 'BYE': {
        const dialog = this.dialogs.get(callId);
        if (dialog) {
          clearTimeout(dialog.timer);
          this.dialogs.delete(callId);
          if (this.upByCaller.get(dialog.caller) === dialog) this.upByCaller.delete(dialog.caller);
        }
        reply('200 OK');
        return;
      }
      case 'ACK':
        return;
      default:
        reply('200 OK', [contact]);
    }
  }

  private sdp(): string {
    return ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
      `m=audio ${this.rtpPort} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', ''].join('\r\n');
  }

  private send(text: string, host: string, port: number): void {
    this.socket.send(text, port, host);
  }
}

function parse(text: string): Message | undefined {
  const split = text.indexOf('\r\n\r\n');
  const head = split >= 0 ? text.slice(0, split) : text;
  const [start, ...lines] = head.split('\r\n');
  if (!start) return undefined;
  const headers = new Map<string, string[]>();
  const compact: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length' };
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    let name = line.slice(0, colon).trim().toLowerCase();
    name = compact[name] ?? name;
    const values = headers.get(name) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(name, values);
  }
  return { start, headers, body: split >= 0 ? text.slice(split + 4) : '' };
}

const header = (m: Message, name: string): string => m.headers.get(name)?.[0] ?? '';
const status = (m: Message): number => Number(m.start.split(' ')[1]);
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function digest(challenge: string, user: string, password: string, method: string, uri: string): string {
  const param = (name: string) => new RegExp(`${name}="?([^",]+)"?`, 'i').exec(challenge)?.[1];
  const realm = param('realm') ?? '';
  const nonce = param('nonce') ?? '';
  const opaque = param('opaque');
  const qop = param('qop');
  const ha1 = md5(`${user}:${realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const response = qop ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
  return [`Digest username="${user}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`, `response="${response}"`, 'algorithm=MD5',
    ...(qop ? ['qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`] : []), ...(opaque ? [`opaque="${opaque}"`] : [])].join(', ');
}
