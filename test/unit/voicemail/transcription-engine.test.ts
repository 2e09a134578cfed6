import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { transcriptionEngine } from '../../../src/features/voicemail/transcribe/engine.js';

const base = { ARI_URL: 'http://127.0.0.1:8088', ARI_PASSWORD: 'x' };

/** The engine slot (docs: a site's whisper.cpp or Vosk): the setting, and the contract a program meets. */
describe('voicemail transcription: the engine slot', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'engine-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('pocketsphinx by default; a command needs {wav}, named in the error', () => {
    expect(loadConfig(base).transcription).to.deep.equal({ engine: 'pocketsphinx' });
    expect(() => loadConfig({ ...base, TRANSCRIPTION_ENGINE: 'command' })).to.throw(ConfigError, /TRANSCRIPTION_COMMAND/);
    expect(loadConfig({ ...base, TRANSCRIPTION_ENGINE: 'command', TRANSCRIPTION_COMMAND: 'whisper-cli -m m.bin -f {wav}' }).transcription)
      .to.deep.equal({ engine: 'command', command: ['whisper-cli', '-m', 'm.bin', '-f', '{wav}'] });
  });

  it('a command engine gets a 16 kHz WAV of the 8 kHz message and its standard output is the text', async () => {
    const program = join(dir, 'fake-engine');
    // Stands in for a site's recogniser: reports the rate of the file it was given.
    writeFileSync(program, '#!/bin/sh\necho "heard at $(soxi -r "$2") Hz"\n');
    chmodSync(program, 0o755);
    const message = join(dir, 'message.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', message, 'synth', '1', 'sine', '440']);
    const engine = transcriptionEngine({ engine: 'command', command: [program, '--in', '{wav}'] });
    expect(await engine.transcribe(message)).to.equal('heard at 16000 Hz');
  });
});
