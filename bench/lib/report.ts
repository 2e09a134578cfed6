import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';

export interface Row { measure: string; switchboard: string; native: string; ratio: string; note?: string }

/** One plain-text table, the way a terminal shows it. */
export function table(rows: Row[]): string {
  const head: Row = { measure: 'measure', switchboard: 'Switchboard', native: 'native dialplan', ratio: 'ratio', note: 'note' };
  const all = [head, ...rows];
  const keys = ['measure', 'switchboard', 'native', 'ratio', 'note'] as const;
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...all.map((r) => (r[k] ?? '').length))])) as Record<(typeof keys)[number], number>;
  const line = (r: Row) => keys.map((k) => (r[k] ?? '').padEnd(width[k])).join(' | ').trimEnd();
  return [line(head), keys.map((k) => '-'.repeat(width[k])).join('-|-'), ...rows.map(line)].join('\n');
}

export function markdownTable(rows: Row[]): string {
  return ['| measure | Switchboard | native dialplan | ratio | note |', '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.measure} | ${r.switchboard} | ${r.native} | ${r.ratio} | ${r.note ?? ''} |`)].join('\n');
}

export function machine(asteriskVersion: string): string {
  const cpu = cpus();
  let os = '';
  try { os = readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="([^"]+)"/)?.[1] ?? ''; } catch { /* not Linux */ }
  let load = '';
  try { load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '); } catch { /* not Linux */ }
  let kernel = '';
  try { kernel = execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim(); } catch { /* no uname */ }
  return `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${os} (kernel ${kernel}), Node ${process.version}, Asterisk ${asteriskVersion}; load average before the run: ${load}`;
}

/** Replaces the generated part of docs/benchmarks.md (between `bench:<section>` markers), keeping the hand-written text around it. */
export function writeResults(path: string, generated: string, section = 'results'): void {
  const START = `<!-- bench:${section}:start -->`;
  const END = `<!-- bench:${section}:end -->`;
  const block = `${START}\n${generated}\n${END}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const next = current.includes(START) && current.includes(END)
    ? current.slice(0, current.indexOf(START)) + block + current.slice(current.indexOf(END) + END.length)
    : `${current}\n${block}\n`;
  writeFileSync(path, next);
}
