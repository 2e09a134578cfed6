import { spawn } from 'node:child_process';

export interface RunChildOptions {
  /** The child is killed (SIGKILL) when it has not exited by then. Required: no child may hang a call. */
  timeoutMs: number;
  /** Written to the child's stdin, which is then closed. stdin is always closed, so a child never waits on it. */
  input?: string | Buffer;
  /** Most bytes of stdout or stderr kept; past it the child is killed as misbehaving. */
  maxOutputBytes?: number;
}

export interface ChildResult { stdout: string; stderr: string }

/** A child process that failed: exited non-zero, was killed at its deadline, or could not start. */
export class ChildProcessError extends Error {
  constructor(
    readonly command: string,
    readonly reason: 'exit' | 'timeout' | 'spawn' | 'output',
    readonly exitCode: number | null,
    readonly stderr: string,
    detail: string,
  ) {
    super(`${command}: ${detail}`);
    this.name = 'ChildProcessError';
  }
  get timedOut(): boolean { return this.reason === 'timeout'; }
}

/**
 * Runs a program (never a shell) with a deadline. Every child Switchboard starts goes
 * through here: sox, soxi, espeak-ng, pocketsphinx. A child that reads stdin finds it
 * closed instead of waiting forever (espeak-ng given the name `-m` read stdin and never
 * exited, issue 11), and one that outlives its deadline is killed and reported, so the
 * caller waiting on it hears a fallback rather than silence.
 *
 * Arguments that come from users (a name) must follow `--` or go on `input`: a value
 * starting with `-` would otherwise be read as an option.
 */
export function runChild(command: string, args: readonly string[], options: RunChildOptions): Promise<ChildResult> {
  const maxBytes = options.maxOutputBytes ?? 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    let settled = false;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
    const finish = (error: ChildProcessError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error); else resolve({ stdout: text(stdout), stderr: text(stderr) });
    };

    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    // Settle at the deadline without waiting for 'close': a grandchild holding the pipes
    // open would otherwise keep the promise pending after the kill.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new ChildProcessError(command, 'timeout', null, text(stderr), `killed after its ${options.timeoutMs} ms deadline`));
    }, options.timeoutMs);

    child.on('error', (error) => finish(new ChildProcessError(command, 'spawn', null, '', error.message)));
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxBytes) { child.kill('SIGKILL'); finish(new ChildProcessError(command, 'output', null, text(stderr), `wrote more than ${maxBytes} bytes`)); return; }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errBytes += chunk.length;
      if (errBytes <= maxBytes) stderr.push(chunk);
    });
    child.on('close', (code, signal) => {
      if (code === 0) finish(undefined);
      else finish(new ChildProcessError(command, 'exit', code, text(stderr), signal ? `killed by ${signal}` : `exited with ${code}: ${text(stderr).trim().slice(0, 500)}`));
    });
    // A child that exits before reading its input makes the write fail (EPIPE): its exit says why.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
