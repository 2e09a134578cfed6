/**
 * The Asterisk modules Switchboard relies on, and what for. A PBX that disables
 * autoload, or noloads one of these, breaks a feature in a way the controller only
 * notices on a live call.
 */
export const REQUIRED_MODULES: ReadonlyArray<{ module: string; why: string }> = [
  { module: 'res_http_websocket.so', why: 'the ARI events websocket' },
  { module: 'res_ari.so', why: 'ARI itself' },
  { module: 'res_ari_asterisk.so', why: 'ARI /asterisk (ping, variables, modules)' },
  { module: 'res_ari_channels.so', why: 'ARI /channels: every call leg' },
  { module: 'res_ari_bridges.so', why: 'ARI /bridges: connecting callers' },
  { module: 'res_ari_playbacks.so', why: 'ARI /playbacks: prompts' },
  { module: 'res_ari_recordings.so', why: 'ARI /recordings: voicemail and greetings' },
  { module: 'res_ari_endpoints.so', why: 'ARI /endpoints: devices, users import' },
  { module: 'res_ari_device_states.so', why: 'ARI /deviceStates: busy lamps' },
  { module: 'res_ari_applications.so', why: 'ARI /applications: event subscriptions' },
  { module: 'res_ari_events.so', why: 'ARI /events' },
  { module: 'res_ari_sounds.so', why: 'ARI /sounds: checking the prompts' },
  { module: 'res_stasis.so', why: 'Stasis, where ARI applications run' },
  { module: 'app_stasis.so', why: 'the dialplan application Stasis()' },
  { module: 'res_stasis_answer.so', why: 'answering channels' },
  { module: 'res_stasis_playback.so', why: 'playing prompts' },
  { module: 'res_stasis_recording.so', why: 'recording voicemail' },
  { module: 'res_stasis_device_state.so', why: 'custom device states (busy lamps)' },
  { module: 'res_http_media_cache.so', why: 'playing media fetched over HTTP from the controller (voicemail greetings and messages)' },
  { module: 'chan_pjsip.so', why: 'the phones and trunks (PJSIP)' },
  { module: 'res_pjsip.so', why: 'PJSIP' },
  { module: 'bridge_simple.so', why: 'two-party bridges' },
  { module: 'bridge_softmix.so', why: 'bridges of three (barge-in)' },
  { module: 'app_dial.so', why: 'the fallback contexts (Dial)' },
  { module: 'app_playback.so', why: 'the fallback contexts (Playback)' },
  { module: 'format_wav.so', why: 'the prompts and recordings (WAV)' },
  { module: 'res_musiconhold.so', why: 'music on hold while a call is pushed or held' },
];

/** Required modules that are absent or not running, from ARI's `GET /asterisk/modules`. */
export function missingModules(loaded: ReadonlyArray<{ name: string; status: string }>): Array<{ module: string; why: string; status?: string }> {
  const byName = new Map(loaded.map((m) => [m.name, m.status]));
  return REQUIRED_MODULES.flatMap((r) => {
    const status = byName.get(r.module);
    if (status === 'Running') return [];
    return [{ ...r, status }];
  });
}
