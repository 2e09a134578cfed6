/**
 * Voicemail transcription benchmark: the word error rate of the offline recogniser
 * (PocketSphinx, src/features/voicemail/transcribe) on voicemail-like sentences
 * synthesised with espeak-ng, passed through the telephone path a real message takes
 * (8 kHz mono 16-bit, as Asterisk records it), and the time it takes per second of audio.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transcribe, wordErrorRate } from '../../src/features/voicemail/transcribe/pocketsphinx.js';
import { wavDurationSeconds } from '../../src/features/voicemail/policy/recording-name.js';
import { readFileSync } from 'node:fs';

export const SPOKEN_MESSAGES = [
  'Hi Bob, this is Mary. Please call me back about the budget meeting tomorrow.',
  'Hello, this is the dentist office calling to confirm your appointment on Friday at ten.',
  'This is Mark from accounts. The invoice you sent last week is missing a purchase order number.',
  'Good morning, I am calling about the job posting. You can reach me at my office all afternoon.',
  'Hey, it is Carol. I am running late, so please start the meeting without me.',
  'This is a message for the sales team. We would like a quote for two hundred chairs.',
  'Hi, it is your sister. Call me when you get a chance, nothing urgent.',
  'The delivery is ready for pickup at the front desk. Please bring your order number.',
];

interface Result { text: string; heard: string; wer: number; words: number; seconds: number; ms: number }

async function measure(dir: string, text: string, index: number, telephone: boolean): Promise<Result> {
  const raw = join(dir, `m${index}.raw.wav`);
  const wav = join(dir, `m${index}.${telephone ? 'tel' : 'wide'}.wav`);
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', raw, text]);
  execFileSync('sox', [raw, '-r', telephone ? '8000' : '16000', '-c', '1', '-b', '16', wav, 'norm', '-3']);
  const started = Date.now();
  const heard = await transcribe(wav);
  const words = text.split(/\s+/).length;
  return { text, heard, wer: wordErrorRate(text, heard), words, seconds: wavDurationSeconds(readFileSync(wav)), ms: Date.now() - started };
}

export async function runVoicemailBenchmarks(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vm-bench-'));
  try {
    const lines = ['## Voicemail transcription (PocketSphinx en-us, offline; espeak-ng voice)', ''];
    for (const telephone of [true, false]) {
      const results: Result[] = [];
      for (const [i, text] of SPOKEN_MESSAGES.entries()) results.push(await measure(dir, text, i, telephone));
      const words = results.reduce((n, r) => n + r.words, 0);
      const errors = results.reduce((n, r) => n + r.wer * r.words, 0);
      const audio = results.reduce((n, r) => n + r.seconds, 0);
      const ms = results.reduce((n, r) => n + r.ms, 0);
      lines.push(`${telephone ? 'telephone path (8 kHz, as recorded by Asterisk)' : 'wideband reference (16 kHz synthesis)'}: ` +
        `WER ${(100 * errors / words).toFixed(1)}% over ${results.length} messages / ${words} words; ` +
        `${(ms / 1000).toFixed(1)} s to transcribe ${audio.toFixed(1)} s of audio (real-time factor ${(ms / 1000 / audio).toFixed(2)})`);
      if (telephone) {
        for (const r of results) lines.push(`  WER ${(100 * r.wer).toFixed(0).padStart(3)}%  "${r.text}" -> "${r.heard}"`);
      }
    }
    return lines.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runVoicemailBenchmarks());
}
