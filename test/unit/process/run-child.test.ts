import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ChildProcessError, runChild } from '../../../src/process/run-child.js';
import { NamePrompts } from '../../../src/features/attendant/speech/name-prompts.js';
import { waitFor } from '../../support/wait-for.js';

const isAlive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('child processes: every child has a deadline and cannot wait on stdin', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'run-child-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('kills a child that never exits at its deadline and reports the timeout', async () => {
    const pidFile = join(dir, 'pid');
    const started = Date.now();

    const error = await runChild('sh', ['-c', `echo $$ > ${pidFile}; exec sleep 600`], { timeoutMs: 300 }).then(() => undefined, (e: unknown) => e);

    expect(error).to.be.instanceOf(ChildProcessError);
    expect((error as ChildProcessError).timedOut).to.equal(true);
    expect(Date.now() - started).to.be.below(2000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await waitFor('the child to be gone after the kill', () => !isAlive(pid), 2000);
  });

  it('gives a child that reads stdin an end of input instead of leaving it waiting', async () => {
    const { stdout } = await runChild('cat', [], { timeoutMs: 2000 });
    expect(stdout).to.equal('');
    const echoed = await runChild('cat', [], { timeoutMs: 2000, input: 'Mary Jones' });
    expect(echoed.stdout).to.equal('Mary Jones');
  });

  it('reports a failed exit with its status and what it wrote to stderr', async () => {
    const error = await runChild('sh', ['-c', 'echo no such file >&2; exit 3'], { timeoutMs: 2000 }).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(ChildProcessError);
    expect((error as ChildProcessError).exitCode).to.equal(3);
    expect((error as ChildProcessError).message).to.include('no such file');
  });

  it('reports a program that does not exist instead of throwing', async () => {
    const error = await runChild('no-such-program-here', [], { timeoutMs: 2000 }).then(() => undefined, (e: unknown) => e);
    expect((error as ChildProcessError).reason).to.equal('spawn');
  });
});

describe('names read to callers: a user named like an option', () => {
  let dir: string;
  let savedPath: string | undefined;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'names-')); savedPath = process.env.PATH; });
  afterEach(() => { process.env.PATH = savedPath; rmSync(dir, { recursive: true, force: true }); });

  for (const name of ['-m', '-q', '--stdin', '-w /tmp/x']) {
    it(`says a user named "${name}" within the deadline`, async function () {
      this.timeout(15_000);
      const prompts = new NamePrompts({ dir, mediaOf: (file) => `sound:/sounds/${file.replace(/\.wav$/, '')}` }, 5000);
      const started = Date.now();

      const media = await prompts.name(name);

      expect(Date.now() - started).to.be.below(5000);
      expect(media).to.match(/^sound:\/sounds\/name-[0-9a-f]{16}$/);
      const file = join(dir, `${media!.slice('sound:/sounds/'.length)}.wav`);
      expect(existsSync(file)).to.equal(true);
      expect(readFileSync(file).length).to.be.above(1000);
    });
  }

  it('gives up on a synthesiser that hangs, within the deadline, and tries again next time', async function () {
    this.timeout(15_000);
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'espeak-ng'), '#!/bin/sh\nexec sleep 600\n');
    chmodSync(join(bin, 'espeak-ng'), 0o755);
    const prompts = new NamePrompts({ dir: join(dir, 'sounds'), mediaOf: (file) => `sound:/sounds/${file.replace(/\.wav$/, '')}` }, 500);

    process.env.PATH = `${bin}:${savedPath}`;
    const started = Date.now();
    const hung = await prompts.name('Mary Jones');
    expect(hung, 'the caller hears the extension instead').to.equal(undefined);
    expect(Date.now() - started).to.be.below(2000);

    process.env.PATH = savedPath;
    const spoken = await prompts.name('Mary Jones');
    expect(spoken, 'the failure was not cached').to.match(/^sound:\/sounds\/name-/);
  });
});
