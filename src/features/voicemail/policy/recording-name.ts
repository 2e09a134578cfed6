/**
 * Asterisk names a recording's file after us, and that name is what survives a
 * controller crash: `vm-msg-<mailbox user id>-<epoch ms>-<random>` lets a start-up scan
 * find every message recording and know whose mailbox it belongs to and when it began.
 */
const MESSAGE = /^vm-msg-(\d+)-(\d+)-[0-9a-z]+$/;

export function messageRecordingName(mailboxUserId: number, at: Date, random: string): string {
  return `vm-msg-${mailboxUserId}-${at.getTime()}-${random}`;
}

export function parseMessageRecordingName(name: string): { mailboxUserId: number; startedAt: Date } | undefined {
  const m = MESSAGE.exec(name);
  return m ? { mailboxUserId: Number(m[1]), startedAt: new Date(Number(m[2])) } : undefined;
}

/** Greeting and forward-introduction recordings: temporary, fetched at once, never messages. */
export const scratchRecordingName = (purpose: 'greet' | 'intro', userId: number, random: string) => `vm-${purpose}-${userId}-${random}`;

/** Duration of a PCM WAV from its header: the data chunk's size over the byte rate. */
export function wavDurationSeconds(wav: Buffer): number {
  if (wav.length < 44 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') return 0;
  let offset = 12;
  let byteRate = 0;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') byteRate = wav.readUInt32LE(offset + 16);
    if (id === 'data') {
      const dataBytes = Math.min(size, wav.length - offset - 8);
      return byteRate > 0 ? Math.round((dataBytes / byteRate) * 10) / 10 : 0;
    }
    offset += 8 + size + (size % 2);
  }
  return 0;
}
