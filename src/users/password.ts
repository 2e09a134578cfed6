import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

// scrypt with N=2^15: ~50 ms a guess on these machines, deliberately slow for offline attacks.
const PARAMS: ScryptOptions = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

/** A stored hash with the real parameters: verifying against it costs what a real account costs. */
export const UNKNOWN_ACCOUNT_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;

/** More hashes are waiting than the caller allows: the login route answers 503 rather than queue without end. */
export class HashQueueFull extends Error {
  constructor() { super('too many password checks waiting'); this.name = 'HashQueueFull'; }
}

/**
 * Bounds how many scrypt derivations run at once. scrypt runs on libuv's thread pool
 * (4 threads by default), the same threads that read files for `sendFile`: a flood of
 * logins occupying all four made Asterisk's greeting fetches wait 29 s (issue 12). With
 * at most two running (processHashGate: one on two cores), the others stay free for file
 * and DNS work, and the rest wait here.
 */
export class HashGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(readonly maxConcurrent = 2) {}

  get queued(): number { return this.waiting.length; }

  async run<T>(work: () => Promise<T>, maxQueue = Number.POSITIVE_INFINITY): Promise<T> {
    if (this.running >= this.maxConcurrent) {
      if (this.waiting.length >= maxQueue) throw new HashQueueFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, so `running` never drops below what runs.
      const next = this.waiting.shift();
      if (next) next(); else this.running -= 1;
    }
  }
}

/**
 * One gate for the process: the thread pool it protects is the process's, shared by every
 * app a test starts in it. Each running hash keeps a core busy for its ~50 ms; at most one
 * per core beyond the first, so the event loop (the calls, the media Asterisk fetches)
 * always has a core of its own: on two cores a login flood with two hashes at once made a
 * greeting fetch take 160 ms, with one under 70 ms. Ten logins a second are plenty for a portal.
 */
export const processHashGate = new HashGate(Math.max(1, Math.min(2, availableParallelism() - 1)));

function derive(secret: string, salt: Buffer, params: ScryptOptions, gate: HashGate, maxQueue?: number): Promise<Buffer> {
  return gate.run(() => new Promise<Buffer>((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, params, (error, key) => (error ? reject(error) : resolve(key)));
  }), maxQueue);
}

export interface HashOptions {
  gate?: HashGate;
  /** Refuse (HashQueueFull) rather than wait behind this many others. */
  maxQueue?: number;
}

/** `scrypt$N$r$p$salt$hash`, all the parameters kept so they can be raised later. */
export async function hashSecret(secret: string, options: HashOptions = {}): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, PARAMS, options.gate ?? processHashGate, options.maxQueue);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifySecret(secret: string, stored: string | null, options: HashOptions = {}): Promise<boolean> {
  if (!stored) return false;
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(secret, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem }, options.gate ?? processHashGate, options.maxQueue);
  return key.length === expected.length && timingSafeEqual(key, expected);
}
