import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  if (!isAlive(pid)) return NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100; // USER_HZ is 100 on Linux
}

export function isAlive(pid: number): boolean {
  try { readFileSync(`/proc/${pid}/stat`); return true; } catch { return false; }
}

/** Resident memory in MiB. */
export function rssMiB(pid: number): number {
  if (!isAlive(pid)) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU use of several processes between two calls of `sample()`, as a share of one core. */
export class CpuMeter {
  private last: Map<number, number> = new Map();
  private lastAt = process.hrtime.bigint();
  constructor(private readonly pids: number[]) { this.reset(); }
  reset(): void {
    this.last = new Map(this.pids.map((pid) => [pid, cpuSeconds(pid)]));
    this.lastAt = process.hrtime.bigint();
  }
  /** CPU seconds used by each pid since the last reset, and the wall time. */
  sample(): { wallSeconds: number; cpu: Map<number, number> } {
    const now = process.hrtime.bigint();
    const cpu = new Map(this.pids.map((pid) => [pid, cpuSeconds(pid) - (this.last.get(pid) ?? 0)]));
    return { wallSeconds: Number(now - this.lastAt) / 1e9, cpu };
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Busy and total CPU ticks of the whole machine (/proc/stat), other people's work included. */
export function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** The local test Asterisk's pid (scripts/asterisk.sh instance), if it runs on this machine. */
export function findAsteriskPid(): number | undefined {
  try {
    const paths = execFileSync('bash', ['scripts/asterisk.sh', 'paths'], { encoding: 'utf8' });
    const instance = /instance=(\S+)/.exec(paths)?.[1];
    const pid = Number(readFileSync(`${instance}/run/controller.pid`, 'utf8').trim());
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'asterisk' ? pid : undefined;
  } catch { return undefined; }
}
