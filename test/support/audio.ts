import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An 8 kHz mono 16-bit WAV of a sine tone: a phone's microphone, recognisable by frequency. */
export function toneFile(dir: string, frequencyHz: number, seconds = 60): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `tone-${frequencyHz}.wav`);
  if (!existsSync(path)) {
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', path, 'synth', String(seconds), 'sine', String(frequencyHz), 'vol', '0.5']);
  }
  return path;
}

export interface AudioStats { rms: number; roughFrequency: number; seconds: number }

/** sox's `stat` of a WAV: how loud, which rough frequency, how long. */
export function audioStats(path: string): AudioStats {
  // sox writes `stat` to stderr.
  const stats = spawnSync('sox', [path, '-n', 'stat'], { encoding: 'utf8' }).stderr;
  const value = (label: string) => Number(new RegExp(`${label}:\\s+(-?[\\d.]+)`).exec(stats)?.[1] ?? NaN);
  return { rms: value('RMS\\s+amplitude'), roughFrequency: value('Rough\\s+frequency'), seconds: value('Length \\(seconds\\)') };
}

/** Keeps only the last `seconds` of a WAV (what was heard once a call was bridged). */
export function tail(path: string, seconds: number, out: string): string {
  execFileSync('sox', [path, out, 'reverse', 'trim', '0', String(seconds), 'reverse']);
  return out;
}

/**
 * Whether a recording holds `frequencyHz` loud enough in some window of `windowSeconds`:
 * a warning tone, a party's voice (the test phones play tones) or a message's audio,
 * wherever it fell in the call. sox's "rough frequency" counts zero crossings and reads a
 * 1400 Hz tone at 8 kHz as about 1330 Hz, hence the tolerance.
 */
export function heardTone(wav: string, frequencyHz: number, options: { windowSeconds?: number; toleranceHz?: number } = {}): boolean {
  const windowSeconds = options.windowSeconds ?? 0.3;
  const toleranceHz = options.toleranceHz ?? 120;
  const length = audioStats(wav).seconds;
  const dir = mkdtempSync(join(tmpdir(), 'heard-'));
  try {
    for (let start = 0; start + windowSeconds <= length; start += windowSeconds / 2) {
      const out = join(dir, 'window.wav');
      execFileSync('sox', [wav, out, 'trim', start.toFixed(2), String(windowSeconds)], { timeout: 10_000 });
      const stats = audioStats(out);
      if (stats.rms > 0.05 && Math.abs(stats.roughFrequency - frequencyHz) <= toleranceHz) return true;
    }
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
