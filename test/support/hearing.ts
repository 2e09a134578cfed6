import { closeSync, existsSync, fstatSync, openSync, readSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Phone } from './phone.js';

/** What a phone heard in one slice of wall-clock time, read from its own recording as it grows. */
export interface HeardSlice {
  /** Wall-clock end of the slice (ms since epoch). */
  at: number;
  /** Samples the phone received in the slice (8 kHz): 0 when no RTP arrived at all. */
  samples: number;
  /** RMS of those samples, 0..1. */
  rms: number;
  /** Rough frequency from zero crossings, Hz (a tone's pitch; meaningless for speech). */
  roughHz: number;
}

/** Loud enough to be a prompt, music, a tone or a person (a test phone's tone is 0.5). */
export const HEARD_RMS = 0.004;
/** Asterisk's record beep (measured: 700 Hz, 0.43 s): a caller waits for it before speaking. */
export const BEEP_HZ = 700;
/**
 * In-band ringback (asterisk-conf/indications.conf: `ring = 440+480/2000,0/4000`): two
 * seconds of tone, then four of silence that are part of the ringing, not dead air. The
 * 440+480 Hz pair reads about 460-475 Hz by zero crossings (a test phone's 440 Hz tone
 * reads 435-440).
 */
const RING_TONE_HZ: readonly [number, number] = [452, 495];
const RING_OFF_MS = 4000 + 300;
const isRingTone = (slice: HeardSlice) => slice.samples > 0 && slice.rms >= HEARD_RMS && slice.roughHz >= RING_TONE_HZ[0] && slice.roughHz <= RING_TONE_HZ[1];

/**
 * The loud slices just after a ring burst's last tone slice are the burst's end (seen in
 * chaos runs: `rrrrrrrrrrrrrrr#rr##` and `rrrrrrrrrrrrrrrrr###`, then the 4 s off time), not
 * something else heard: part tone, part silence, their zero crossings read below the
 * tone's pitch. The off time counts from the last of them; a loud slice later than this
 * is no ringback. Slices are timed when they are read, a few milliseconds late: three
 * tail slices can end 300 ms and a little after the last tone slice (the storm of seed
 * 563522650 counted 3.9 s of such an off time as dead air).
 */
const RING_TAIL_MS = 450;

const isBeep = (slice: HeardSlice) => slice.samples > 0 && slice.rms > 0.05 && Math.abs(slice.roughHz - BEEP_HZ) <= 80;
/** A slice's length and a little: the one loud slice right after the beep is its end. */
const BEEP_TAIL_MS = 150;

const WAV_HEADER_BYTES = 44;
const POLL_MS = 100;

/**
 * Follows what a phone hears, in real time, from baresip's `dump-*-dec.wav` of the call:
 * every 100 ms it reads what was appended since and notes how many samples arrived and how
 * loud they were. Asterisk sends no RTP at all to an idle channel (no prompt, no bridge,
 * no music), so a file that stops growing is dead air as surely as a file of silence; the
 * dump has no timing of its own, hence the wall-clock slices.
 */
export class HearingMonitor {
  readonly slices: HeardSlice[] = [];
  private readonly offsets = new Map<string, number>();
  private readonly knownBefore: Set<string>;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly phone: Phone) {
    this.knownBefore = new Set(this.dumps());
  }

  start(): this {
    this.timer = setInterval(() => this.poll(), POLL_MS);
    return this;
  }

  stop(): HeardSlice[] {
    clearInterval(this.timer);
    this.poll();
    return this.slices;
  }

  /** Whether the phone heard `frequencyHz` (± 80 Hz, loud) in a slice after `since`. */
  heardToneSince(since: number, frequencyHz: number): boolean {
    return this.slices.some((s) => s.at > since && s.rms > 0.05 && Math.abs(s.roughHz - frequencyHz) <= 80);
  }

  private dumps(): string[] {
    if (!existsSync(this.phone.dir)) return [];
    return readdirSync(this.phone.dir).filter((f) => /-dec\.wav$/.test(f));
  }

  private poll(): void {
    const now = Date.now();
    let samples = 0;
    let sumSquares = 0;
    let crossings = 0;
    // A call's dump is new since the monitor began; a re-negotiated stream may open another.
    for (const name of this.dumps().filter((f) => !this.knownBefore.has(f))) {
      const path = join(this.phone.dir, name);
      const fd = openSync(path, 'r');
      try {
        const size = fstatSync(fd).size;
        const from = this.offsets.get(name) ?? WAV_HEADER_BYTES;
        const length = (size - from) - ((size - from) % 2);
        if (length <= 0) continue;
        const buffer = Buffer.alloc(length);
        readSync(fd, buffer, 0, length, from);
        this.offsets.set(name, from + length);
        let previous = 0;
        for (let i = 0; i < length; i += 2) {
          const value = buffer.readInt16LE(i) / 32768;
          sumSquares += value * value;
          if ((value >= 0) !== (previous >= 0)) crossings += 1;
          previous = value;
        }
        samples += length / 2;
      } finally {
        closeSync(fd);
      }
    }
    const seconds = samples / 8000;
    this.slices.push({
      at: now, samples,
      rms: samples ? Math.sqrt(sumSquares / samples) : 0,
      roughHz: seconds > 0 ? crossings / 2 / seconds : 0,
    });
  }
}

/** What a caller's call looked like, for judging its silences. */
export interface CallHearing {
  /** When the caller dialled (or, for a called party, answered). */
  from: number;
  /** When the call ended for this phone. */
  to: number;
  slices: HeardSlice[];
  /** Until the phone got an answer: it plays its own ringback from the first 180 Ringing on. */
  ringingFrom?: number;
  answeredAt?: number;
}

/**
 * The longest stretch, in seconds, in which the phone heard nothing it should: no prompt,
 * tone, music or person (audio above HEARD_RMS), no ringback (a 180 before the answer, or
 * the off time of in-band ringback's cadence after its tone), and no recording in progress
 * (after the record beep, while Asterisk still sends its transmit_silence frames: the
 * caller is speaking). A stretch where no RTP arrived at all counts as silence even after
 * a beep: nothing is listening then.
 */
export function longestDeadAir(call: CallHearing): { seconds: number; at: number } {
  let worst = { seconds: 0, at: call.from };
  let silentSince: number | undefined;
  let recording = false;
  let lastBeepAt: number | undefined;
  let ringToneAt: number | undefined;
  let ringEndAt: number | undefined;
  let previousAt = call.from;
  const close = (at: number) => {
    if (silentSince !== undefined && (at - silentSince) / 1000 > worst.seconds) worst = { seconds: (at - silentSince) / 1000, at: silentSince };
    silentSince = undefined;
  };
  for (const slice of call.slices) {
    if (slice.at <= call.from) { previousAt = slice.at; continue; }
    if (slice.at > call.to) break;
    const loud = slice.samples > 0 && slice.rms >= HEARD_RMS;
    // A loud slice that is the beep starts a recording; any other loud slice ends it, but
    // for the slice the beep ends in: part tone, part silence, its zero crossings read as
    // no tone at all (seen: "bbbb#" then the caller speaking, counted as 3 s of dead air).
    if (isBeep(slice)) { lastBeepAt = slice.at; recording = true; }
    else if (loud && !(lastBeepAt !== undefined && slice.at - lastBeepAt <= BEEP_TAIL_MS)) recording = false;
    if (loud && isRingTone(slice)) ringToneAt = ringEndAt = slice.at;
    else if (loud && ringToneAt !== undefined) {
      if (slice.at - ringToneAt <= RING_TAIL_MS) ringEndAt = slice.at;
      else ringToneAt = ringEndAt = undefined;
    }
    const ringback = (call.ringingFrom !== undefined && slice.at >= call.ringingFrom && (call.answeredAt === undefined || slice.at <= call.answeredAt))
      || (ringEndAt !== undefined && slice.at - ringEndAt <= RING_OFF_MS);
    const ok = loud || ringback || (recording && slice.samples > 0);
    if (ok) close(previousAt);
    else silentSince ??= previousAt;
    previousAt = slice.at;
  }
  close(Math.min(previousAt, call.to));
  return worst;
}

/**
 * What a phone heard between `from` and `to`, a character per slice (100 ms), for a
 * report that must say what a silence was: `_` no RTP at all (Asterisk sent nothing),
 * `.` RTP of silence (a lead-in, a quiet stretch), `#` loud, `b` the record beep, `r`
 * in-band ringback; `R`
 * where the phone was told it rings (a 180), `A` where the call was answered.
 */
export function hearingTimeline(call: CallHearing, from: number, to: number): string {
  let line = '';
  let ringMarked = false;
  let answerMarked = false;
  for (const slice of call.slices) {
    if (slice.at <= from || slice.at > to) continue;
    if (!ringMarked && call.ringingFrom !== undefined && slice.at >= call.ringingFrom) { line += 'R'; ringMarked = true; }
    if (!answerMarked && call.answeredAt !== undefined && slice.at >= call.answeredAt) { line += 'A'; answerMarked = true; }
    if (slice.samples === 0) line += '_';
    else if (slice.rms < HEARD_RMS) line += '.';
    else line += isBeep(slice) ? 'b' : isRingTone(slice) ? 'r' : '#';
  }
  return line;
}
