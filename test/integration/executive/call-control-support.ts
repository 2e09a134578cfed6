import { setPool, saveExecutiveSettings, getExecutiveSettings } from '../../../src/features/executive/settings/executive-repository.js';
import type { Phone, PhoneEvent } from '../../support/phone.js';
import { expect } from 'chai';
import { audioStats, heardTone, tail } from '../../support/audio.js';
import type { RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

/** Erin (1002) has Alice (1003) and Aaron (1004) in her pool; push recall after `recallRings` rings of `secondsPerRing`. */
export async function erinWithAssistants(sb: RunningSwitchboard, recall: { rings: number; secondsPerRing: number } = { rings: 2, secondsPerRing: 3 }): Promise<void> {
  const demo = sb.demo!;
  await setPool(sb.app.db, demo.executive.id, demo.assistants.map((a) => a.id));
  const current = await getExecutiveSettings(sb.app.db, demo.executive.id);
  await saveExecutiveSettings(sb.app.db, demo.executive.id, {
    pushRecallRings: recall.rings,
    alerting: { ...current.alerting, secondsPerRing: recall.secondsPerRing },
  });
}

/** The CALL_* events of one call of a phone (a phone with a held line has two). */
export const ofCall = (id: unknown) => (e: PhoneEvent) => e.id === id;

/** Waits for the next incoming call after `since` and answers it; returns its event. */
export async function answerNext(phone: Phone, since: number, timeoutMs = 15_000): Promise<PhoneEvent> {
  const incoming = await phone.waitForEvent('CALL_INCOMING', timeoutMs, since);
  await phone.answer();
  await phone.waitForEvent('CALL_ESTABLISHED', 10_000, since, ofCall(incoming.id));
  return incoming;
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));


/** How loud a whole recording is (sox RMS; silence is near 0), once baresip has finished writing it. */
export async function loudness(wav: string): Promise<number> {
  await written(wav);
  return audioStats(wav).rms;
}

/** baresip writes the WAV a moment after the call closed: wait until its size stops changing. */
export async function written(wav: string): Promise<string> {
  let last = -1;
  await waitFor(`${wav} written`, async () => {
    const size = statSync(wav).size;
    if (size === last) return true;
    last = size;
    await new Promise((r) => setTimeout(r, 300));
    return false;
  }, 5000);
  return wav;
}

/**
 * Whether `device` is bridged with the outside phone `number`, reached through the
 * trunk's Local channel: [device, Local/<number>@…] in our bridge and the Local
 * channel's other half with PJSIP/<number> in the dialplan's bridge.
 */
export function bridgedWithOutside(bridged: string[][], device: string, number: string): boolean {
  // The trunk is dialled with the number as given, with or without a leading + (*14).
  const isLocal = (d: string) => d.startsWith(`Local/${number}@switchboard-pstn`) || d.startsWith(`Local/+${number}@switchboard-pstn`);
  const ours = bridged.find((b) => b.includes(device));
  if (!ours) return false;
  if (ours.includes(`PJSIP/${number}`)) return true;
  return ours.some(isLocal) && bridged.some((b) => b.includes(`PJSIP/${number}`) && b.some(isLocal));
}

/** `seconds` of a WAV from `from` s on (what a party heard during one stretch of the call). */
export function trim(wav: string, from: number, seconds: number, out: string): string {
  execFileSync('sox', [wav, out, 'trim', from.toFixed(2), seconds.toFixed(2)]);
  return out;
}

/**
 * After a call: no call session left in Switchboard (every timer, leg and bridge dies
 * with its session) and no executive call left registered.
 */
export async function expectNoSessionLeft(sb: RunningSwitchboard): Promise<void> {
  const executive = sb.app.features.find((f) => f.name === 'executive') as { calls?: { all(): unknown[] } } | undefined;
  await waitFor('no call session and no executive call left', () =>
    sb.app.tracker.size === 0 && (executive?.calls?.all().length ?? 0) === 0, 5000,
  () => `sessions: ${sb.app.tracker.all().map((s) => `${s.id}(${s.state})`).join(', ') || 'none'}; executive calls: ${executive?.calls?.all().length ?? 0}`);
}

/** The barge-in warning (BRIDGE_WARNING_TONE): 1400 Hz beeps. */
export const WARNING_HZ = 1400;

/**
 * Every phone's last call held the *15 warning tone, and at its end the voices (the
 * phones' own tones mixed), not silence and not the tone: the same for every party
 * whichever way the call started.
 */
export async function expectWarningHeardThenVoices(phones: Record<string, Phone>): Promise<void> {
  for (const [who, phone] of Object.entries(phones)) {
    const heard = await written(phone.recordings().at(-1)!);
    expect(heardTone(heard, WARNING_HZ), `${who} heard the warning tone`).to.equal(true);
    const end = audioStats(tail(heard, 1, `${heard}.tail.wav`));
    expect(end.rms, `${who} hears the others after the tone`).to.be.greaterThan(0.05);
    expect(Math.abs(end.roughFrequency - WARNING_HZ), `${who} no longer hears the tone`).to.be.greaterThan(150);
  }
}
