import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPcm, toWideband } from '../../../src/speech/wideband.js';

describe('speech front end: 8 kHz telephone audio to 16 kHz', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'wideband-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('zero-stuffs in process exactly as `sox … upsample 2` does', async () => {
    const input = join(dir, 'in.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', input, 'synth', '0.5', 'sine', '440', 'vol', '0.5']);
    const ours = join(dir, 'ours.wav');
    const soxs = join(dir, 'sox.wav');
    await toWideband(input, ours);
    execFileSync('sox', [input, '-r', '16000', '-b', '16', soxs, 'upsample', '2']);
    const a = readPcm(readFileSync(ours))!;
    const b = readPcm(readFileSync(soxs))!;
    expect(a.rate).to.equal(16_000);
    expect(a.data.length).to.equal(b.data.length);
    expect(a.data.equals(b.data)).to.equal(true);
  });

  it('resamples band-limited when asked (the bench\'s "before"), and any other rate to 16 kHz', async () => {
    const input = join(dir, 'in.wav');
    execFileSync('sox', ['-n', '-r', '22050', '-c', '1', '-b', '16', input, 'synth', '0.5', 'sine', '440']);
    await toWideband(input, join(dir, 'out.wav'), { frontEnd: 'resample' });
    expect(readPcm(readFileSync(join(dir, 'out.wav')))!.rate).to.equal(16_000);
  });
});
