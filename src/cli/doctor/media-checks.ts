import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MEDIA_PROBE_PATH } from '../../http/media-probe.js';
import type { CheckResult } from './checklist.js';
import type { ProbeApp } from './probe-app.js';

/** The prompts the project ships (sounds/), installed as `<sounds>/en/switchboard/`. */
export const SHIPPED_PROMPTS_DIR = fileURLToPath(new URL('../../../sounds', import.meta.url));

const PLAY_MS = 8000;

/**
 * Plays media on a bridge of the doctor's own app and reports how the playback ended:
 * Asterisk reports `failed` for a sound it cannot find or a URL it cannot fetch. A bridge
 * needs no channel and no dialplan, so this works on any PBX.
 */
async function play(probe: ProbeApp, bridgeId: string, media: string): Promise<'done' | 'failed' | 'no answer' | string> {
  const playbackId = `${probe.name}-${randomUUID().slice(0, 8)}`;
  try {
    await probe.rest.request('POST', `/bridges/${encodeURIComponent(bridgeId)}/play/${encodeURIComponent(playbackId)}`, { media });
  } catch (error) {
    return (error as Error).message;
  }
  const finished = await probe.waitFor((e) => e.type === 'PlaybackFinished' && e.playback?.id === playbackId, PLAY_MS);
  return finished?.playback?.state ?? 'no answer';
}

/** A mixing bridge the probe app hears playback events from. */
export async function probeBridge(probe: ProbeApp): Promise<string> {
  const bridgeId = probe.bridgeId();
  await probe.rest.request('POST', `/bridges/${encodeURIComponent(bridgeId)}`, { type: 'mixing' });
  await probe.rest.request('POST', `/applications/${encodeURIComponent(probe.name)}/subscription`, { eventSource: `bridge:${bridgeId}` });
  return bridgeId;
}

/** Asterisk fetches and plays a file from the controller at MEDIA_BASE_URL (res_http_media_cache). */
export async function checkMediaFetch(probe: ProbeApp, bridgeId: string, mediaBaseUrl: string): Promise<CheckResult> {
  const url = `${mediaBaseUrl}${MEDIA_PROBE_PATH}`;
  const name = `Asterisk fetches media from the controller (MEDIA_BASE_URL ${mediaBaseUrl})`;
  const outcome = await play(probe, bridgeId, `sound:${url}`);
  if (outcome === 'done') return { name, status: 'ok', detail: `played ${url}` };
  // Tell "nothing there" from "there, but not for Asterisk".
  const here = await fetch(url, { signal: AbortSignal.timeout(3000) }).then((r) => (r.ok ? 'ok' : `HTTP ${r.status}`), (error: Error) => error.message);
  if (here !== 'ok') {
    return { name, status: 'fail', detail: `nothing serves ${url} (${here}); Asterisk's playback ${outcome}`, fix: 'start the controller, and set MEDIA_BASE_URL to its HTTP address as Asterisk reaches it (default http://127.0.0.1:<HTTP_PORT>, right only when both run on one host)' };
  }
  return { name, status: 'fail', detail: `the doctor fetches ${url}, Asterisk does not (playback ${outcome})`, fix: 'set MEDIA_BASE_URL to the controller\'s address as seen from the Asterisk host (not 127.0.0.1 when they run apart), open that port to Asterisk, and load res_http_media_cache.so' };
}

/** Every prompt the project ships is installed where Asterisk finds `sound:switchboard/<name>`, and one plays. */
export async function checkPrompts(probe: ProbeApp, bridgeId: string, promptsDir = SHIPPED_PROMPTS_DIR): Promise<CheckResult> {
  const name = 'Switchboard prompts installed (sound:switchboard/...)';
  let shipped: string[];
  try {
    shipped = readdirSync(promptsDir).filter((f) => f.endsWith('.wav')).map((f) => f.replace(/\.wav$/, '')).sort();
  } catch (error) {
    return { name, status: 'skip', detail: `cannot read the shipped prompts in ${promptsDir}: ${(error as Error).message}` };
  }
  const sounds = await probe.rest.request<Array<{ id: string }>>('GET', '/sounds');
  const installed = new Set(sounds.filter((s) => s.id.startsWith('switchboard/')).map((s) => s.id.slice('switchboard/'.length)));
  const missing = shipped.filter((p) => !installed.has(p));
  const fix = 'copy the project\'s sounds/ to <astdatadir>/sounds/en/switchboard/ (Debian: /usr/share/asterisk/sounds/en/switchboard/), readable by Asterisk';
  if (missing.length) {
    return { name, status: 'fail', detail: `${missing.length} of ${shipped.length} missing: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}`, fix };
  }
  const sample = shipped.includes('core-goodbye') ? 'core-goodbye' : shipped[0];
  if (!sample) return { name, status: 'skip', detail: `no prompts in ${promptsDir}` };
  const outcome = await play(probe, bridgeId, `sound:switchboard/${sample}`);
  if (outcome !== 'done') return { name, status: 'fail', detail: `the files are there but switchboard/${sample} did not play (${outcome})`, fix: `${fix}; the WAV files are 8 kHz 16-bit mono (npm run sounds makes them)` };
  return { name, status: 'ok', detail: `${shipped.length} prompts; switchboard/${sample} played` };
}
