/**
 * Bounds password guessing (issue 12). Every sign-in attempt is *reserved* — counted —
 * before anything is awaited, so parallel attempts cannot all pass a check made before
 * their results are known. Attempts count against three budgets per window:
 *   - the account: every spelling of one account (e-mail, extension) shares one key,
 *     an unknown login is keyed by its normalised text;
 *   - the client address (the socket's, or what a configured trusted proxy says), so one
 *     machine cannot spray many accounts; a success gives its attempt back, so an office
 *     behind one NAT address can still sign in all morning;
 *   - the whole controller, so a distributed flood cannot queue unbounded hashing.
 * Time is passed in: testable without sleeping.
 */
export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  global: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 50, global: 1000, windowMs: 5 * 60_000 };

export type LoginRefusal = { refused: 'account' | 'address' | 'global'; retryAfterMs: number };

export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Counts an attempt from this address (and globally), or says why not. Synchronous: no other attempt interleaves. */
  reserveAddress(address: string, now: number): LoginRefusal | undefined {
    this.sweep(now);
    const global = this.refusal(GLOBAL_KEY, this.limits.global, now);
    if (global) return { ...global, refused: 'global' };
    const byAddress = this.refusal(addressKey(address), this.limits.perAddress, now);
    if (byAddress) return { ...byAddress, refused: 'address' };
    this.count(GLOBAL_KEY, now);
    this.count(addressKey(address), now);
    return undefined;
  }

  /** Counts an attempt at this account, or refuses it; call before the password is hashed. */
  reserveAccount(account: string, now: number): LoginRefusal | undefined {
    const refusal = this.refusal(accountKey(account), this.limits.perAccount, now);
    if (refusal) return { ...refusal, refused: 'account' };
    this.count(accountKey(account), now);
    return undefined;
  }

  /** The right password: the account starts afresh and the address gets its attempt back. */
  succeeded(account: string, address: string): void {
    this.attempts.delete(accountKey(account));
    this.uncount(addressKey(address));
  }

  /** The attempt was never evaluated (the controller was too busy to hash it): give it back. */
  cancel(account: string | undefined, address: string): void {
    if (account !== undefined) this.uncount(accountKey(account));
    this.uncount(addressKey(address));
    this.uncount(GLOBAL_KEY);
  }

  /** How many keys are tracked (for tests of the sweep). */
  get size(): number { return this.attempts.size; }

  private refusal(key: string, limit: number, now: number): { retryAfterMs: number } | undefined {
    const recent = this.recent(key, now);
    if (recent.length < limit) return undefined;
    return { retryAfterMs: Math.max(1000, recent[recent.length - limit]! + this.limits.windowMs - now) };
  }

  private count(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    this.attempts.set(key, list);
  }

  private uncount(key: string): void {
    const list = this.attempts.get(key);
    list?.pop();
    if (list && list.length === 0) this.attempts.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const list = this.attempts.get(key);
    if (!list) return [];
    while (list.length && now - list[0]! >= this.limits.windowMs) list.shift();
    return list;
  }

  /** Drops every key whose attempts are all older than the window, at most once a window. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.limits.windowMs) return;
    this.lastSweep = now;
    for (const key of [...this.attempts.keys()]) {
      if (this.recent(key, now).length === 0) this.attempts.delete(key);
    }
  }
}

const GLOBAL_KEY = 'global';
const accountKey = (account: string) => `account:${account}`;

/**
 * An IPv6 client can use a whole /64 (its subnet), so it is counted as one address;
 * IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the IPv4 address.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return `address:${mapped[1]}`;
  if (!address.includes(':')) return `address:${address}`;
  return `address:${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head, tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...fill, ...right].map((part) => part.toLowerCase().replace(/^0+(?=.)/, ''));
}
