import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toneFile } from './audio.js';
import { Phone, type PhoneOptions } from './phone.js';

/**
 * Starts one real phone per endpoint, each playing its own tone (440 Hz, 660 Hz, ...) as
 * its microphone so a test can tell whose voice another phone heard.
 */
export async function startPhones<K extends string>(endpoints: Record<K, string>, options: Partial<Record<K, Omit<PhoneOptions, 'endpoint' | 'microphone' | 'workDir'>>> = {}): Promise<Record<K, Phone> & { stopAll(): Promise<void>; idle(): Promise<void>; toneOf(p: Phone): number }> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-phones-'));
  const phones = {} as Record<K, Phone>;
  const tones = new Map<Phone, number>();
  let frequency = 440;
  for (const [key, endpoint] of Object.entries(endpoints) as Array<[K, string]>) {
    const phone = new Phone({ endpoint, microphone: toneFile(dir, frequency), workDir: dir, ...options[key] });
    tones.set(phone, frequency);
    frequency += 220;
    phones[key] = phone;
  }
  const all = Object.values<Phone>(phones);
  await Promise.all(all.map((p) => p.start()));
  return Object.assign(phones, {
    async stopAll() {
      await Promise.all(all.map((p) => p.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
    /** Every phone has seen its last call close (Asterisk can be empty a moment before). */
    async idle() { await Promise.all(all.map((p) => p.idle())); },
    toneOf(p: Phone) { return tones.get(p) ?? 0; },
  });
}
