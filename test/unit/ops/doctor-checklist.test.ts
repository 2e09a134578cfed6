import { expect } from 'chai';
import { formatChecklist, passed } from '../../../src/cli/doctor/checklist.js';
import { missingModules, REQUIRED_MODULES } from '../../../src/cli/doctor/required-modules.js';

describe('switchboard doctor: the checklist', () => {
  it('prints a line per check, the fix under each failure, and a count', () => {
    const lines = formatChecklist('doctor', [
      { name: 'ARI reachable', status: 'ok', detail: 'Asterisk 22' },
      { name: 'modules', status: 'fail', detail: 'res_http_media_cache.so is not loaded', fix: 'module load res_http_media_cache.so' },
      { name: 'trunk', status: 'skip', detail: 'no number', fix: 'give --trunk-number' },
    ]);
    expect(lines).to.deep.equal([
      'doctor',
      '[ok]   ARI reachable: Asterisk 22',
      '[FAIL] modules: res_http_media_cache.so is not loaded',
      '       fix: module load res_http_media_cache.so',
      '[skip] trunk: no number',
      '1 passed, 1 failed, 0 warnings, 1 skipped',
    ]);
  });
  it('passes with warnings and skips, fails with any failure', () => {
    expect(passed([{ name: 'a', status: 'ok' }, { name: 'b', status: 'warn' }, { name: 'c', status: 'skip' }])).to.equal(true);
    expect(passed([{ name: 'a', status: 'ok' }, { name: 'b', status: 'fail' }])).to.equal(false);
  });
  it('names each required module that is missing or not running, with what it is for', () => {
    const loaded = REQUIRED_MODULES.map((m) => ({ name: m.module, status: 'Running' }))
      .filter((m) => m.name !== 'res_http_media_cache.so')
      .map((m) => (m.name === 'res_stasis_recording.so' ? { ...m, status: 'Declined' } : m));
    expect(missingModules(loaded).map((m) => [m.module, m.status])).to.deep.equal([['res_stasis_recording.so', 'Declined'], ['res_http_media_cache.so', undefined]]);
    expect(missingModules(loaded)[1]!.why).to.contain('media');
  });
});
