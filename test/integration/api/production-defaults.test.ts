import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../../src/config.js';

/** Runs the controller as production would (`src/main.ts`) and returns how it ended; killed after 20 s. */
function runController(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-prod-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, RECORDINGS_DIR: join(dir, 'rec'), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', (code) => { clearTimeout(deadline); rmSync(dir, { recursive: true, force: true }); resolve({ code, stderr }); });
  });
}

describe('production refuses the shipped defaults', function () {
  this.timeout(30_000);

  it('a controller on 0.0.0.0 with the default ARI password, the demo seed and plain cookies does not start, and says which settings', async () => {
    const { code, stderr } = await runController({ NODE_ENV: 'production', HTTP_HOST: '0.0.0.0', HTTP_PORT: '0', SEED_DEMO: '1' });
    expect(code).to.equal(2);
    expect(stderr).to.contain('HTTP_HOST=0.0.0.0').and.contain('ARI_PASSWORD').and.contain('SEED_DEMO').and.contain('SECURE_COOKIES').and.contain('ALLOW_INSECURE_DEFAULTS=1');
    expect(stderr, 'the message does not repeat the password').not.to.match(/ARI_PASSWORD=switchboard/);
  });

  it('each setting alone is enough to refuse', () => {
    const exposed = { HTTP_HOST: '192.0.2.10', ARI_PASSWORD: 'a-real-secret', SECURE_COOKIES: '1' };
    expect(() => loadConfig(exposed)).not.to.throw();
    expect(() => loadConfig({ ...exposed, ARI_PASSWORD: 'switchboard' })).to.throw(/ARI_PASSWORD/);
    expect(() => loadConfig({ ...exposed, SEED_DEMO: 'true' })).to.throw(/SEED_DEMO/);
    expect(() => loadConfig({ ...exposed, SECURE_COOKIES: '0' })).to.throw(/SECURE_COOKIES/);
    expect(() => loadConfig({ ...exposed, HTTP_HOST: '::' , SECURE_COOKIES: '0' })).to.throw(/SECURE_COOKIES/);
  });

  it('loopback keeps the developer defaults, and the explicit override starts a lab anyway (and says what it let through)', () => {
    expect(() => loadConfig({ SEED_DEMO: '1' })).not.to.throw();
    expect(() => loadConfig({ HTTP_HOST: '127.0.0.1' })).not.to.throw();
    const lab = loadConfig({ HTTP_HOST: '0.0.0.0', ALLOW_INSECURE_DEFAULTS: '1' });
    expect(lab.insecureDefaultsAllowed.join(' ')).to.contain('ARI_PASSWORD').and.contain('SECURE_COOKIES');
  });
});
