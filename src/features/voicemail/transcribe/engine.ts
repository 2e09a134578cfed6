import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from '../../../process/run-child.js';
import { toWideband } from '../../../speech/wideband.js';
import { transcribe } from './pocketsphinx.js';

/** A minute of voicemail takes pocketsphinx well under a minute; a site's engine gets the same bound. */
const ENGINE_DEADLINE_MS = 120_000;

/** What turns a voicemail recording (8 kHz WAV, as Asterisk records it) into draft text. */
export interface TranscriptionEngine {
  readonly name: string;
  transcribe(wavPath: string): Promise<string>;
}

/** TRANSCRIPTION_ENGINE: `pocketsphinx` (the default, the one shipped and tested) or `command` (TRANSCRIPTION_COMMAND). */
export type TranscriptionSetting = { engine: 'pocketsphinx' } | { engine: 'command'; command: string[] };

export const pocketsphinxEngine: TranscriptionEngine = { name: 'pocketsphinx', transcribe: (wav) => transcribe(wav) };

/**
 * A site's own recogniser (whisper.cpp, Vosk…) as a program: TRANSCRIPTION_COMMAND is its
 * command line, run without a shell, with `{wav}` replaced by a 16 kHz mono WAV of the
 * message (the same front end as pocketsphinx); its standard output is the text. Not
 * shipped nor tested with a real model here: no such model comes in a Debian or npm
 * package this project may use.
 */
export function commandEngine(command: string[]): TranscriptionEngine {
  return {
    name: `command:${command[0]}`,
    async transcribe(wavPath) {
      const dir = mkdtempSync(join(tmpdir(), 'vm-stt-'));
      try {
        const wide = join(dir, 'in16k.wav');
        await toWideband(wavPath, wide);
        const [program, ...args] = command.map((part) => part.replaceAll('{wav}', wide));
        const { stdout } = await runChild(program!, args, { timeoutMs: ENGINE_DEADLINE_MS, maxOutputBytes: 4 * 1024 * 1024 });
        return stdout.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The engine the setting names. */
export function transcriptionEngine(setting: TranscriptionSetting): TranscriptionEngine {
  return setting.engine === 'command' ? commandEngine(setting.command) : pocketsphinxEngine;
}
