/**
 * Voicemail transcription benchmark: the word error rate of the offline recogniser
 * (PocketSphinx's general English model, src/features/voicemail/transcribe) per voice
 * (test/support/voices.ts) on voicemail-like sentences, and on real human speech
 * (pocketsphinx-testdata's LibriVox clips), all passed through the telephone path a real
 * message takes (8 kHz G.711 µ-law, as Asterisk records it), with each front end
 * (src/speech/wideband.ts), and the time it takes per second of audio.
 * BENCH_VOICES narrows the voices; BENCH_FRONT_ENDS the front ends (both by default);
 * BENCH_VM_MESSAGES the messages per voice.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wavDurationSeconds } from '../../src/features/voicemail/policy/recording-name.js';
import { transcribe, wordErrorRate } from '../../src/features/voicemail/transcribe/pocketsphinx.js';
import type { FrontEnd } from '../../src/speech/wideband.js';
import { humanClips, telephoneClip, telephoneSpeech, VOICES, type Voice } from '../../test/support/voices.js';

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

/** BENCH_VM_MESSAGES: how many of the messages each voice says (all by default). */
const messages = () => SPOKEN_MESSAGES.slice(0, Number(process.env.BENCH_VM_MESSAGES ?? SPOKEN_MESSAGES.length));

export interface TranscriptionFigures { source: string; frontEnd: FrontEnd; wer: number; words: number; realTimeFactor: number }

async function measure(source: string, items: Array<{ wav: string; text: string }>, frontEnd: FrontEnd): Promise<TranscriptionFigures> {
  let words = 0; let errors = 0; let audio = 0; let ms = 0;
  for (const item of items) {
    const started = Date.now();
    const heard = await transcribe(item.wav, 120_000, frontEnd).catch(() => '');
    ms += Date.now() - started;
    const n = item.text.split(/\s+/).length;
    words += n; errors += wordErrorRate(item.text, heard) * n; audio += wavDurationSeconds(readFileSync(item.wav));
  }
  return { source, frontEnd, wer: errors / words, words, realTimeFactor: ms / 1000 / audio };
}

export async function measureTranscription(voices: Voice[], frontEnds: FrontEnd[], log?: (line: string) => void): Promise<TranscriptionFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vm-bench-'));
  const results: TranscriptionFigures[] = [];
  try {
    const sources: Array<[string, Array<{ wav: string; text: string }>]> = [
      ...voices.map((voice): [string, Array<{ wav: string; text: string }>] => [voice, messages().map((text) => ({ text, wav: telephoneSpeech(dir, voice, text) }))]),
      ['human (LibriVox)', humanClips().map((clip) => ({ text: clip.text, wav: telephoneClip(dir, clip.wav) }))],
    ];
    for (const [source, items] of sources) {
      if (items.length === 0) continue;
      for (const frontEnd of frontEnds) {
        const figures = await measure(source, items, frontEnd);
        results.push(figures);
        log?.(`  ${source} ${frontEnd}: WER ${(100 * figures.wer).toFixed(1)} % over ${figures.words} words, real-time factor ${figures.realTimeFactor.toFixed(2)}`);
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runVoicemailBenchmarks(): Promise<string> {
  const wanted = (process.env.BENCH_VOICES ?? '').split(',').filter(Boolean);
  const voices = wanted.length ? VOICES.filter((v) => wanted.includes(v)) : [...VOICES];
  const frontEnds = ((process.env.BENCH_FRONT_ENDS ?? 'resample,upsample').split(',').filter(Boolean)) as FrontEnd[];
  const results = await measureTranscription(voices, frontEnds, (line) => process.stdout.write(`${line}\n`));
  const sources = [...new Set(results.map((r) => r.source))];
  const cell = (source: string, frontEnd: FrontEnd) => {
    const r = results.find((x) => x.source === source && x.frontEnd === frontEnd);
    return r ? `${(100 * r.wer).toFixed(1)} %` : '-';
  };
  return [
    `Voicemail transcription, PocketSphinx en-us general model, 8 kHz G.711: word error rate per voice (${messages().length} voicemail-like messages per voice; the human clips are ${humanClips().length} LibriVox readings from pocketsphinx-testdata), by front end. Target ≤ 40 % on the natural voices and the human clips.`,
    '',
    `| source | ${frontEnds.map((f) => (f === 'upsample' ? '`upsample 2` (chosen)' : 'band-limited resampling (before)')).join(' | ')} | real-time factor |`,
    `|---|${frontEnds.map(() => '---|').join('')}---|`,
    ...sources.map((s) => `| ${s} | ${frontEnds.map((f) => cell(s, f)).join(' | ')} | ${results.find((r) => r.source === s)!.realTimeFactor.toFixed(2)} |`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runVoicemailBenchmarks());
}
