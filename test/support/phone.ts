import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { freePorts } from './free-port.js';
import { waitFor } from './wait-for.js';
import { testEnv } from './test-env.js';

export interface PhoneEvent {
  type: string;
  peeruri?: string;
  peerdisplayname?: string;
  param?: string;
  id?: string;
  at: number;
  [key: string]: unknown;
}

export interface PhoneOptions {
  /** The PJSIP endpoint this phone registers as (asterisk-conf/pjsip.conf). */
  endpoint: string;
  /** An 8 kHz mono WAV the phone plays as its microphone. */
  microphone: string;
  workDir: string;
  /** Start baresip with its SIP trace (`-s`) so a test can read the SIP messages it received. */
  sipTrace?: boolean;
  /**
   * URIs the phone watches (busy-lamp keys): baresip's presence module SUBSCRIBEs to each
   * (`Event: presence`) and the NOTIFYs it gets show in the SIP trace.
   */
  watches?: string[];
  /**
   * baresip gives up on an unanswered incoming call after 120 s ("Local timeout", its
   * `call_local_timeout`); 0 lets it ring as long as the PBX does (rollover beyond 2 min).
   */
  localTimeoutSeconds?: number;
  /** The SIP port of the Asterisk it registers with and dials through: another node's (default the test Asterisk's). */
  asteriskSipPort?: number;
}

/**
 * A real SIP phone: baresip registered to the test Asterisk over UDP on loopback,
 * driven through its ctrl_tcp socket. What it heard is written under `dir` as WAV.
 */
export class Phone {
  readonly events: PhoneEvent[] = [];
  readonly dir: string;
  private process: ChildProcess | undefined;
  private socket: Socket | undefined;
  private buffer = '';
  private readonly responses: Array<{ resolve: (data: Record<string, unknown>) => void }> = [];
  /** What baresip printed (its SIP trace, with `sipTrace`). */
  private output = '';

  constructor(private readonly options: PhoneOptions) {
    this.dir = join(options.workDir, `phone-${options.endpoint}`);
  }

  get endpoint(): string { return this.options.endpoint; }

  /**
   * Starts baresip and waits until it is registered. Its ports are free when chosen
   * (below the ephemeral range: free-port.ts) but another process may still bind one
   * before baresip does; such a start is retried on new ports, twice, and the failure
   * names what baresip printed.
   */
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.launch();
        return;
      } catch (error) {
        await this.stop();
        if (attempt >= 3) throw error;
        process.stdout.write(`      (phone ${this.endpoint} did not start, trying again on other ports: ${(error as Error).message.split('\n')[0]})\n`);
      }
    }
  }

  private async launch(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    const sipPort = await freePorts(3);
    const ctrlPort = sipPort + 2;
    writeFileSync(join(this.dir, 'config'), [
      'poll_method epoll',
      `sip_listen 127.0.0.1:${sipPort}`,
      'sip_transports udp',
      // aufile is no player in baresip 1.0.0; sndfile (below) records what was heard.
      `audio_player aufile,${join(this.dir, 'unused.wav')}`,
      `audio_source aufile,${this.options.microphone}`,
      `audio_alert aufile,${this.options.microphone}`,
      'module_path /usr/lib/baresip/modules',
      'module g711.so', 'module aufile.so', 'module sndfile.so', 'module account.so', 'module menu.so', 'module ctrl_tcp.so',
      ...(this.options.watches?.length ? ['module contact.so', 'module presence.so'] : []),
      `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
      `snd_path ${this.dir}`,
      'rtp_ports 20000-24999',
      ...(this.options.localTimeoutSeconds !== undefined ? [`call_local_timeout ${this.options.localTimeoutSeconds}`] : []),
      '',
    ].join('\n'));
    const asteriskPort = this.asteriskPort;
    writeFileSync(join(this.dir, 'accounts'),
      `<sip:${this.endpoint}@127.0.0.1:${asteriskPort}>;auth_pass=pw${this.endpoint};regint=600;answermode=manual\n`);
    if (this.options.watches?.length) {
      writeFileSync(join(this.dir, 'contacts'), this.options.watches
        .map((uri, i) => `"key${i + 1}" <sip:${uri.replace(/^sip:/, '')}@127.0.0.1:${asteriskPort}>;presence=p2p\n`).join(''));
    }
    this.process = spawn('baresip', ['-f', this.dir, ...(this.options.sipTrace ? ['-s'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    this.process.stdout?.on('data', (d: Buffer) => { log.push(d.toString()); if (this.options.sipTrace) this.output += d.toString(); });
    this.process.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
    const exited = this.process;
    await waitFor(`phone ${this.endpoint} control socket`, async () => {
      if (exited.exitCode !== null) throw new Error(`baresip exited (${exited.exitCode}): ${log.join('')}`);
      try { await this.connectControl(ctrlPort); return true; } catch { return false; }
    }, 10_000, () => `baresip printed: ${log.join('') || 'nothing'}`);
    await waitFor(`phone ${this.endpoint} registered`, async () => {
      const reply = await this.command('reginfo');
      return /OK/.test(String(reply.data ?? ''));
    }, 10_000, () => log.join(''));
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    const proc = this.process;
    if (!proc || proc.exitCode !== null) return;
    proc.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { proc.kill('SIGKILL'); resolve(); }, 2000);
      proc.once('exit', () => { clearTimeout(timer); resolve(); });
    });
  }

  private get asteriskPort(): number { return this.options.asteriskSipPort ?? testEnv().sipPort; }

  /** Dials a number through Asterisk (`1002`, `#61`, `*97`). */
  async dial(number: string): Promise<void> {
    await this.command('dial', `sip:${encodeURIComponent(number)}@127.0.0.1:${this.asteriskPort}`);
  }
  async answer(): Promise<void> { await this.command('accept'); }
  async hangup(): Promise<void> { await this.command('hangup'); }
  async hold(): Promise<void> { await this.command('hold'); }
  /** Swaps what the phone's microphone plays (an 8 kHz mono WAV), mid-call: a caller speaking. */
  async useMicrophone(file: string): Promise<void> { await this.command('ausrc', `aufile,${file}`); }
  async resume(): Promise<void> { await this.command('resume'); }
  /** Sends keys as RFC 4733 DTMF, one at a time as a person would. */
  async press(keys: string): Promise<void> {
    for (const key of keys) {
      await this.command('sndcode', key);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Waits for an event of `type` that arrived after index `since` (default: any so far). */
  async waitForEvent(type: string, timeoutMs = 10_000, since = 0, match: (e: PhoneEvent) => boolean = () => true): Promise<PhoneEvent> {
    let found: PhoneEvent | undefined;
    await waitFor(`phone ${this.endpoint}: ${type}`, () => {
      found = this.events.slice(since).find((e) => e.type === type && match(e));
      return found !== undefined;
    }, timeoutMs, () => `events seen: ${this.events.map((e) => e.type).join(', ') || 'none'}`);
    return found!;
  }

  /**
   * The SIP requests of `method` this phone received (with `sipTrace`), as header maps
   * (names lower-cased) plus the body: what the phone saw on the wire.
   */
  receivedRequests(method: string): Array<{ headers: Record<string, string[]>; body: string }> {
    const requests: Array<{ headers: Record<string, string[]>; body: string }> = [];
    const start = new RegExp(`^${method} sip:\\S+ SIP/2\\.0\\r?$`, 'gm');
    for (const match of this.output.matchAll(start)) {
      const text = this.output.slice(match.index + match[0].length).replace(/^\r?\n/, '');
      const [head = '', ...rest] = text.split(/\r?\n\r?\n/);
      const headers: Record<string, string[]> = {};
      for (const line of head.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        (headers[name] ??= []).push(line.slice(colon + 1).trim());
      }
      const length = Number(headers['content-length']?.[0] ?? 0);
      requests.push({ headers, body: rest.join('\n\n').slice(0, length) });
    }
    return requests;
  }

  /** Waits until the phone itself has no call left: every call it reported has closed (resetAsteriskAndPhones). */
  async idle(timeoutMs = 5000): Promise<void> {
    const open = () => {
      const calls = new Set<unknown>();
      for (const e of this.events) {
        if (e.id === undefined || !e.type.startsWith('CALL_')) continue;
        if (e.type === 'CALL_CLOSED') calls.delete(e.id);
        else calls.add(e.id);
      }
      return calls;
    };
    await waitFor(`phone ${this.endpoint} to have no call`, () => open().size === 0, timeoutMs,
      () => `calls still open: ${[...open()].join(', ')}`);
  }

  has(type: string, since = 0): boolean { return this.events.slice(since).some((e) => e.type === type); }
  mark(): number { return this.events.length; }

  /** WAV files of what the phone heard, one per call (baresip's sndfile `dump-*-dec.wav`). */
  recordings(): string[] {
    // Oldest first by the time each was last written: the names start with the peer's
    // URI, so sorting by name would not put the latest call last.
    return readdirSync(this.dir).filter((f) => /-dec\.wav$/.test(f)).map((f) => join(this.dir, f))
      .sort((x, y) => statSync(x).mtimeMs - statSync(y).mtimeMs);
  }

  private connectControl(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { this.socket = socket; resolve(); });
      socket.once('error', reject);
      socket.on('data', (data) => this.onData(data.toString()));
    });
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    // ctrl_tcp frames messages as netstrings: <length>:<json>,
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.slice(0, colon));
      if (this.buffer.length < colon + 1 + length + 1) return;
      const body = this.buffer.slice(colon + 1, colon + 1 + length);
      this.buffer = this.buffer.slice(colon + 1 + length + 1);
      let message: Record<string, unknown>;
      try { message = JSON.parse(body) as Record<string, unknown>; } catch { continue; }
      if (message.event) this.events.push({ ...(message as object), type: String(message.type), at: Date.now() } as PhoneEvent);
      else if (message.response) this.responses.shift()?.resolve(message);
    }
  }

  private command(command: string, params?: string): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('phone not started'));
    const json = JSON.stringify({ command, ...(params !== undefined ? { params } : {}), token: command });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`phone ${this.endpoint}: no answer to ${command}`)), 5000);
      this.responses.push({ resolve: (data) => { clearTimeout(timer); resolve(data); } });
      socket.write(`${Buffer.byteLength(json)}:${json},`);
    });
  }
}
