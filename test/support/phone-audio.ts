import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Phone } from './phone.js';
import { waitFor } from './wait-for.js';

/**
 * Waits until each phone has recorded `seconds` more of what it hears (baresip writes its
 * WAV as the call goes): enough of the conversation to measure, however slow the machine.
 */
export async function untilHeard(phones: Phone[], seconds: number): Promise<void> {
  // The call's recording may not exist yet when it was just answered: a newer file counts from its start.
  const initial = phones.map((p) => { const file = p.recordings().at(-1); return { file, size: file ? statSync(file).size : 0 }; });
  const enough = (phone: Phone, i: number): boolean => {
    const file = phone.recordings().at(-1);
    if (!file) return false;
    const from = file === initial[i]!.file ? initial[i]!.size : 44;
    return statSync(file).size - from >= seconds * readWavByteRate(file);
  };
  await waitFor(`${seconds} s more heard by ${phones.map((p) => p.endpoint).join(', ')}`,
    () => phones.every(enough), 10_000 + seconds * 3000);
}

/** Bytes per second of a WAV, from its header (written when the file is opened). */
function readWavByteRate(wav: string): number {
  const header = Buffer.alloc(32);
  const fd = openSync(wav, 'r');
  try { readSync(fd, header, 0, 32, 0); } finally { closeSync(fd); }
  return header.readUInt32LE(28);
}
