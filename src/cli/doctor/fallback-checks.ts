import { ASTDB_CONTEXT, ASTDB_FAMILY } from '../../ari/astdb.js';
import { SAFETY_MUSIC_CLASSES } from '../../ari/safety-music.js';
import type { CheckResult } from './checklist.js';
import type { ProbeApp } from './probe-app.js';

/**
 * What keeps callers hearing someone when the controller is gone (issue 11), which a
 * call would otherwise only find out at the worst moment: the dialplan context through
 * which the controller keeps Asterisk's database (AstDB) up to date for the fallback
 * contexts, and the music classes queued behind every prompt.
 */

const PROBE_MS = 4000;

/**
 * A probe batch through `[switchboard-astdb]`, as the controller writes one: it puts a key
 * of the doctor's own, enters the doctor's app to say so, and the key is read back
 * (DB_KEYS) and removed by a second batch.
 */
export async function checkAstDbContext(probe: ProbeApp): Promise<CheckResult> {
  const name = `dialplan context ${ASTDB_CONTEXT} (the controller keeps the fallback directory in AstDB)`;
  const fix = `copy the [${ASTDB_CONTEXT}] context from asterisk-conf/extensions.conf into your extensions.conf, then \`dialplan reload\`: without it the fallback contexts ring only PJSIP/<extension>, never a user's own devices or an executive's DID`;
  const key = `doctor/${probe.name.replace(/[^A-Za-z0-9._-]/g, '-')}`;
  const written = await runBatch(probe, { SB_PUTS: '1', SB_PUT_0: `${key}=ok`, SB_DELETES: '0' }, `DB_KEYS(${ASTDB_FAMILY}/doctor)`);
  try {
    if (written.error) return { name, status: 'fail', detail: `the probe could not be placed: ${written.error}`, fix };
    if (!written.entered) {
      const steps = written.steps;
      return {
        name, status: 'fail', fix,
        detail: steps.length === 0 ? `Local/apply@${ASTDB_CONTEXT} found nothing to run: no such context, or no extension apply in it`
          : `Local/apply@${ASTDB_CONTEXT} ran ${steps.join(', ')} and never came back to the app`,
      };
    }
    const keys = (written.read ?? '').split(',').map((k) => k.trim());
    if (!keys.includes(key.slice('doctor/'.length))) {
      return { name, status: 'fail', detail: `the context ran, but the key it was given is not in AstDB (DB_KEYS(${ASTDB_FAMILY}/doctor) = "${written.read ?? ''}")`, fix };
    }
    return { name, status: 'ok', detail: `a probe key was written through Local/apply@${ASTDB_CONTEXT} and read back` };
  } finally {
    if (written.entered) await runBatch(probe, { SB_PUTS: '0', SB_DELETES: '1', SB_DELETE_0: key });
  }
}

interface BatchOutcome { entered: boolean; steps: string[]; read?: string; error?: string }

async function runBatch(probe: ProbeApp, variables: Record<string, string>, read?: string): Promise<BatchOutcome> {
  const first = probe.channelId();
  const writer = probe.channelId();
  try {
    await probe.rest.request('POST', '/channels/create', {
      endpoint: `Local/apply@${ASTDB_CONTEXT}`, app: probe.name, channelId: first, otherChannelId: writer,
    }, { variables: { ...variables, SB_APP: probe.name } });
    // Subscribe before dialling: the dialplan half runs only once dialled, so no step is missed.
    await probe.rest.request('POST', `/applications/${encodeURIComponent(probe.name)}/subscription`, { eventSource: `channel:${writer}` });
    await probe.dial(first);
  } catch (error) {
    await probe.rest.hangup(first).catch(() => undefined);
    return { entered: false, steps: [], error: (error as Error).message };
  }
  const ofWriter = (e: { channel?: { id: string } }) => e.channel?.id === writer;
  const end = await probe.waitFor((e) => (ofWriter(e) && ['StasisStart', 'ChannelDestroyed', 'ChannelHangupRequest'].includes(e.type))
    || (e.channel?.id === first && e.type === 'ChannelDestroyed'), PROBE_MS);
  const entered = end !== undefined && ofWriter(end) && end.type === 'StasisStart' && (end.args ?? [])[0] === 'astdb-applied';
  let value: string | undefined;
  if (entered && read) {
    value = await probe.rest.request<{ value: string }>('GET', `/channels/${encodeURIComponent(writer)}/variable`, { variable: read })
      .then((v) => v.value, () => undefined);
  }
  await probe.rest.hangup(first).catch(() => undefined);
  const steps = probe.events.filter((e) => ofWriter(e) && e.type === 'ChannelDialplan').map((e) => `${e.dialplan_app}(${e.dialplan_app_data ?? ''})`);
  return { entered, steps: steps.slice(0, 3), read: value };
}

/** Loud enough to be music (RMS, 0..1). */
const LOUD_RMS = 0.01;
/** The lead-in is digital silence (its samples are 0 or 1): a fade-in is not. */
const SILENT_PEAK = 64 / 32768;
/** The lead-in is a second long: a class silent for less is not the safety music. */
const LEAD_IN_AT_LEAST_S = 0.6;
const RECORD_S = 3;

/**
 * Each safety music class plays on a bridge of the doctor's app while the bridge is
 * recorded; the recording must begin with the class's silent lead-in and then music.
 * ARI cannot list music classes, and Asterisk plays its default class in place of one it
 * does not have, with no lead-in: the lead-in is what tells them apart.
 */
export async function checkSafetyMusic(probe: ProbeApp, classes: readonly string[] = SAFETY_MUSIC_CLASSES): Promise<CheckResult> {
  const name = `safety music classes ${classes.join(', ')} (what a caller hears when the controller dies)`;
  const fix = `add the [${classes.join('] and [')}] classes from asterisk-conf/musiconhold.conf to your musiconhold.conf (music files, announcement = switchboard/safety-music-lead-in), then \`moh reload\``;
  const outcomes = await Promise.all(classes.map((mohClass) => listenToClass(probe, mohClass)));
  const problems: string[] = [];
  for (const [i, heard] of outcomes.entries()) {
    const mohClass = classes[i]!;
    if (typeof heard === 'string') problems.push(`${mohClass}: ${heard}`);
    else if (heard.silentFor < LEAD_IN_AT_LEAST_S) problems.push(`${mohClass}: sound from ${heard.silentFor.toFixed(1)} s, without the silent lead-in (Asterisk has no such class and played its default)`);
    else if (heard.loudAt === undefined) problems.push(`${mohClass}: no music in ${RECORD_S} s (no music files?)`);
  }
  if (problems.length) return { name, status: 'fail', detail: problems.join('; '), fix };
  return { name, status: 'ok', detail: outcomes.map((h, i) => `${classes[i]}: music after a ${(h as Heard).silentFor.toFixed(1)} s lead-in`).join(', ') };
}

/** What a recording held: seconds of digital silence from its start, and when it got loud. */
export interface Heard { silentFor: number; loudAt?: number }

/** Records a bridge playing `mohClass`; a string when the probe itself failed. */
async function listenToClass(probe: ProbeApp, mohClass: string): Promise<Heard | string> {
  const bridgeId = probe.bridgeId();
  const recording = `${probe.name}-${mohClass}`;
  const bridgePath = `/bridges/${encodeURIComponent(bridgeId)}`;
  try {
    await probe.rest.request('POST', bridgePath, { type: 'mixing' });
    await probe.rest.request('POST', `/applications/${encodeURIComponent(probe.name)}/subscription`, { eventSource: `bridge:${bridgeId}` });
    // Recording first: the music's start is then measured from the recording's.
    await probe.rest.request('POST', `${bridgePath}/record`, { name: recording, format: 'wav', maxDurationSeconds: RECORD_S, ifExists: 'overwrite' });
    await probe.rest.request('POST', `${bridgePath}/moh`, { mohClass });
    const finished = await probe.waitFor((e) => ['RecordingFinished', 'RecordingFailed'].includes(e.type) && (e.recording as { name?: string } | undefined)?.name === recording, (RECORD_S + 4) * 1000);
    if (finished?.type !== 'RecordingFinished') return `the probe recording ${finished ? 'failed' : 'did not finish'}`;
    return hearWav(await probe.rest.requestBytes(`/recordings/stored/${encodeURIComponent(recording)}/file`));
  } catch (error) {
    return (error as Error).message;
  } finally {
    await probe.rest.request('DELETE', `${bridgePath}/moh`).catch(() => undefined);
    await probe.rest.request('DELETE', `/recordings/stored/${encodeURIComponent(recording)}`).catch(() => undefined);
  }
}

/** Reads an 8 kHz 16-bit mono WAV in 100 ms windows. */
export function hearWav(wav: Buffer): Heard {
  let offset = 12;
  let data: Buffer = Buffer.alloc(0);
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'data') { data = wav.subarray(offset + 8, Math.min(wav.length, offset + 8 + size)); break; }
    offset += 8 + size + (size % 2);
  }
  const windowBytes = 800 * 2;
  let silentFor: number | undefined;
  for (let start = 0; start + windowBytes <= data.length; start += windowBytes) {
    let sum = 0;
    let peak = 0;
    for (let i = start; i < start + windowBytes; i += 2) { const v = data.readInt16LE(i) / 32768; sum += v * v; peak = Math.max(peak, Math.abs(v)); }
    const at = start / 2 / 8000;
    if (peak > SILENT_PEAK) silentFor ??= at;
    if (Math.sqrt(sum / 800) >= LOUD_RMS) return { silentFor: silentFor ?? at, loudAt: at };
  }
  return { silentFor: silentFor ?? data.length / 2 / 8000 };
}
