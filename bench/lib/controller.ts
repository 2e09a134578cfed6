import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildController } from './build.js';

/**
 * Switchboard in its own Node process: compiled (`node dist/main.js`, as production runs
 * it; the bench) or from the sources (`node --import tsx src/main.ts`; the tests, which test
 * the sources), its own SQLite file with the demo organisation, logs at `info` to a file.
 * Being a separate process, its CPU time and memory can be measured apart from the load
 * generator. `nodeArgs` go before the entry (e.g. `--cpu-prof`).
 */
export class ControllerProcess {
  private child: ChildProcess | undefined;
  readonly dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  httpPort = 0;
  /** How long the last start() took, from spawning the process to a healthy API (ms). */
  lastStartMs = 0;
  token = '';
  csrf = '';

  constructor(private readonly ariUrl: string, private readonly extraEnv: Record<string, string> = {},
    private readonly options: {
      compiled?: boolean; nodeArgs?: string[];
      /** Up once the API answers, even with ARI unreachable (a story about the API alone, with no Asterisk). */
      withoutAri?: boolean;
    } = {}) {}

  get pid(): number { return this.child?.pid ?? 0; }
  get baseUrl(): string { return `http://127.0.0.1:${this.httpPort}`; }
  get logFile(): string { return join(this.dir, 'switchboard.log'); }
  get recordingsDir(): string { return join(this.dir, 'recordings'); }

  async start(): Promise<void> {
    // A restart keeps its port, database and log, as a supervisor restarting it would.
    if (!this.httpPort) this.httpPort = await freeTcpPort();
    const spawnedAt = Date.now();
    const log = createWriteStream(this.logFile, { flags: 'a' });
    if (this.options.compiled) buildController();
    const entry = this.options.compiled ? ['--enable-source-maps', 'dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
    this.child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), ...entry], {
      env: {
        ...process.env, ARI_URL: this.ariUrl, DATABASE_URL: `sqlite:${join(this.dir, 'switchboard.db')}`,
        HTTP_PORT: String(this.httpPort), SEED_DEMO: '1', LOG_LEVEL: 'info', RECORDINGS_DIR: this.recordingsDir,
        ...this.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ok = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) })
        .then((r) => r.ok || (this.options.withoutAri === true && r.status === 503), () => false);
      if (ok) break;
      if (this.child.exitCode !== null) throw new Error(`the controller exited (${this.child.exitCode}); log: ${this.logFile}`);
      if (Date.now() > deadline) throw new Error(`the controller did not become healthy in 60 s; log: ${this.logFile}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    this.lastStartMs = Date.now() - spawnedAt;
    const login = await this.api<{ token: string; csrfToken: string }>('POST', '/api/auth/login', { login: '1001', password: 'switchboard' });
    this.token = login.token;
    this.csrf = login.csrfToken;
  }

  async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Kills the process as a crash would (SIGKILL): no clean-up of its calls. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the controller (pid ${child.pid}) did not die within 5 s of SIGKILL`)), 5000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
    });
  }

  /** What the controller believes: `switchboard_active_calls` from /metrics. */
  async activeCalls(): Promise<number> {
    const text = await (await fetch(`${this.baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    return Number(/^switchboard_active_calls (\d+)/m.exec(text)?.[1] ?? NaN);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, 5000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
      });
    }
    if (!process.env.BENCH_KEEP_LOGS) rmSync(this.dir, { recursive: true, force: true });
  }
}

export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
