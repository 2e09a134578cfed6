import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const child = fileURLToPath(new URL('./last-resort-child.ts', import.meta.url));

describe('the last net: a bug in one call does not stop the controller', () => {
  it('logs and counts an unhandled rejection and an uncaught exception, and the process keeps running', async function () {
    this.timeout(20_000);
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const proc = execFile(process.execPath, ['--import', 'tsx', child], { timeout: 15_000 }, (error, out) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: out });
      });
      proc.stdin?.end();
    });

    expect(code).to.equal(0);
    expect(stdout).to.include('still serving');
    expect(stdout).to.match(/switchboard_errors_total\{where="unhandledRejection"\} 1/);
    expect(stdout).to.match(/switchboard_errors_total\{where="uncaughtException"\} 1/);
  });
});
