import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `npm run build` (tsc to dist/), once per bench process: the bench measures the
 * controller as production runs it, compiled, never a dist/ older than the sources.
 */
let built = false;
export function buildController(): void {
  if (built || process.env.BENCH_NO_BUILD) return;
  const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.error?.message ?? `exit ${result.status}`})`);
  built = true;
}
