import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] }

export interface ProfileSummary { totalMs: number; busyMs: number; top: Array<{ name: string; where: string; ms: number; share: number }>; byArea: Array<{ area: string; ms: number; share: number }> }

/** Which part of the process a function belongs to: ours, a dependency, Node itself, or V8's own work. */
function areaOf(node: ProfileNode, root: string): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8/native (program)';
  if (!url) return 'native';
  if (url.includes('/node_modules/')) return `dependency: ${/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? '?'}`;
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  if (url.includes(`${root}/dist/`) || url.includes(`${root}/src/`)) return `switchboard: ${url.replace(/^.*\/(?:dist|src)\//, '').split('/').slice(0, 1).join('/')}`;
  return 'other';
}

/**
 * The self time of a `node --cpu-prof` profile (the newest .cpuprofile in `dir`), by
 * function and by area, over its last `lastMs` (the step measured, not the start-up);
 * idle excluded from the shares.
 */
export function summariseCpuProfile(dir: string, root: string, lastMs: number, topN = 15): ProfileSummary {
  const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort().at(-1);
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  // Each sample's time is the delta to the next one; only samples in the window count.
  const from = profile.endTime - lastMs * 1000;
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i += 1) {
    at += deltas[i] ?? 0;
    const next = deltas[i + 1] ?? 0;
    if (at >= from) selfMs.set(samples[i]!, (selfMs.get(samples[i]!) ?? 0) + next / 1000);
  }
  const totalMs = Math.min(lastMs, (profile.endTime - profile.startTime) / 1000);
  const byFunction = new Map<string, { name: string; where: string; ms: number }>();
  const byArea = new Map<string, number>();
  let idleMs = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (!ms) continue;
    const area = areaOf(node, root);
    if (area === 'idle') { idleMs += ms; continue; }
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    const where = node.callFrame.url ? `${node.callFrame.url.replace(/^file:\/\//, '').replace(`${root}/`, '')}:${node.callFrame.lineNumber + 1}` : '';
    const name = node.callFrame.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const entry = byFunction.get(key) ?? { name, where, ms: 0 };
    entry.ms += ms;
    byFunction.set(key, entry);
  }
  const busyMs = totalMs - idleMs;
  return {
    totalMs, busyMs,
    top: [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, topN).map((x) => ({ ...x, share: x.ms / busyMs })),
    byArea: [...byArea.entries()].sort((a, b) => b[1] - a[1]).slice(0, topN).map(([area, ms]) => ({ area, ms, share: ms / busyMs })),
  };
}
