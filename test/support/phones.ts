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
  const started = await Promise.allSettled(all.map((p) => p.start()));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    // The test never gets these phones to stop: a baresip left running would keep the
    // test process alive after the last test (CI saw mocha hang so).
    await Promise.all(all.map((p) => p.stop()));
    rmSync(dir, { recursive: true, force: true });
    throw failed.reason;
  }
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
