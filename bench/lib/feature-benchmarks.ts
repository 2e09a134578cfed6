import type { Row } from './report.js';

export interface FeatureBenchContext { ariUrl: string; sipPort: number; ariUser: string; ariPassword: string }
export interface FeatureBenchResults { rows: Row[]; sections: string[]; notes: string[] }

/**
 * The attendant's and voicemail's own benchmarks (bench/<feature>/index.ts), when their
 * engineers ship them: each may return table rows or a markdown section. Bounded in time;
 * a missing or failing one is a note, never the end of the run.
 */
export async function runFeatureBenchmarks(context: FeatureBenchContext, limitMinutes: number, out: (line: string) => void): Promise<FeatureBenchResults> {
  const results: FeatureBenchResults = { rows: [], sections: [], notes: [] };
  const features = [
    { name: 'attendant', module: '../attendant/index.js', fn: 'runAttendantBenchmarks' },
    { name: 'voicemail', module: '../voicemail/index.js', fn: 'runVoicemailBenchmarks' },
  ];
  for (const feature of features) {
    let mod: Record<string, unknown>;
    try { mod = await import(feature.module) as Record<string, unknown>; } catch (error) {
      const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
      results.notes.push(`${feature.name} benchmarks: ${missing ? `not present (bench/${feature.name}/index.ts), skipped` : `failed to load: ${(error as Error).message}`}`);
      continue;
    }
    const run = mod[feature.fn];
    if (typeof run !== 'function') { results.notes.push(`${feature.name} benchmarks: bench/${feature.name}/index.ts has no ${feature.fn}(), skipped`); continue; }
    try {
      const limitMs = limitMinutes * 60_000;
      const result = await Promise.race([
        (run as (ctx: FeatureBenchContext) => Promise<unknown>)(context),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`did not finish within ${limitMinutes} min`)), limitMs).unref()),
      ]);
      if (Array.isArray(result)) results.rows.push(...(result as Row[]));
      else if (typeof result === 'string' && result.trim()) results.sections.push(result.trim());
      out(`${feature.name} benchmarks done`);
    } catch (error) {
      results.notes.push(`${feature.name} benchmarks failed: ${(error as Error).message}`);
    }
  }
  return results;
}
