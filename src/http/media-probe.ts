import type { Express } from 'express';

/** Where `switchboard doctor` asks Asterisk to fetch media from the controller. */
export const MEDIA_PROBE_PATH = '/api/media-probe.wav';

/** `seconds` of 8 kHz 16-bit mono silence, as Asterisk plays and records it. */
export function silentWav(seconds: number): Buffer {
  const samples = Math.round(8000 * seconds);
  const data = Buffer.alloc(samples * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0); header.writeUInt32LE(36 + data.length, 4); header.write('WAVE', 8);
  header.write('fmt ', 12); header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24); header.writeUInt32LE(16000, 28); header.writeUInt16LE(2, 32); header.writeUInt16LE(16, 34);
  header.write('data', 36); header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * Served without a session, like the voicemail media Asterisk fetches: if Asterisk can play
 * this through res_http_media_cache, it can play greetings and messages from MEDIA_BASE_URL.
 * Not cached, so every doctor run really fetches it.
 */
export function mediaProbeRoute(app: Express): void {
  // A fifth of a second: the smallest WAV Asterisk plays.
  const wav = silentWav(0.2);
  app.get(MEDIA_PROBE_PATH, (_req, res) => {
    res.set('cache-control', 'no-store').type('audio/wav').send(wav);
  });
}
