/** One line of `switchboard doctor`'s checklist. */
export interface CheckResult {
  name: string;
  status: 'ok' | 'fail' | 'warn' | 'skip';
  /** What was found (a version, what is missing, where a probe call went). */
  detail?: string;
  /** What to change, for a failure or a warning. */
  fix?: string;
}

const MARK: Record<CheckResult['status'], string> = { ok: '[ok]  ', fail: '[FAIL]', warn: '[warn]', skip: '[skip]' };

/** The checklist as the administrator reads it; failures and warnings say how to fix them. */
export function formatChecklist(heading: string, results: ReadonlyArray<CheckResult>): string[] {
  const lines = [heading];
  for (const r of results) {
    lines.push(`${MARK[r.status]} ${r.name}${r.detail ? `: ${r.detail}` : ''}`);
    if (r.fix && (r.status === 'fail' || r.status === 'warn')) lines.push(`       fix: ${r.fix}`);
  }
  const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
  lines.push(`${count('ok')} passed, ${count('fail')} failed, ${count('warn')} warnings, ${count('skip')} skipped`);
  return lines;
}

export const passed = (results: ReadonlyArray<CheckResult>): boolean => results.every((r) => r.status !== 'fail');
