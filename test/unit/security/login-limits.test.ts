import { expect } from 'chai';
import { addressKey, LoginLimiter } from '../../../src/http/auth/login-limiter.js';
import { HashGate, HashQueueFull } from '../../../src/users/password.js';
import { SlidingWindowLimit } from '../../../src/http/rate-limit.js';
import { MEDIA_URL_TTL_MS, MediaSigner, redactMediaPath } from '../../../src/http/media-signature.js';

const limits = { perAccount: 5, perAddress: 20, global: 50, windowMs: 300_000 };

describe('sign-in attempts are reserved before they are evaluated', () => {
  it('counts the sixth attempt at one account as refused, whatever address it comes from', () => {
    const limiter = new LoginLimiter(limits);
    const outcomes = Array.from({ length: 8 }, (_, i) => limiter.reserveAddress(`10.0.0.${i}`, 1000) ?? limiter.reserveAccount('user:7', 1000));
    expect(outcomes.filter((o) => o === undefined)).to.have.length(5);
    expect(outcomes[5]).to.deep.include({ refused: 'account' });
  });

  it('forgets an account\'s attempts after the window, and a success starts it afresh', () => {
    const limiter = new LoginLimiter(limits);
    for (let i = 0; i < 5; i += 1) limiter.reserveAccount('user:7', 1000);
    expect(limiter.reserveAccount('user:7', 2000)).to.deep.include({ refused: 'account' });
    expect(limiter.reserveAccount('user:7', 1000 + 300_000)).to.equal(undefined);
    limiter.succeeded('user:7', '10.0.0.1');
    for (let i = 0; i < 5; i += 1) expect(limiter.reserveAccount('user:7', 400_000)).to.equal(undefined);
  });

  it('limits one address spraying many accounts, but gives an attempt back on success', () => {
    const limiter = new LoginLimiter(limits);
    for (let i = 0; i < 20; i += 1) expect(limiter.reserveAddress('192.0.2.9', 1000)).to.equal(undefined);
    expect(limiter.reserveAddress('192.0.2.9', 1000)).to.deep.include({ refused: 'address' });
    limiter.succeeded('user:1', '192.0.2.9');
    expect(limiter.reserveAddress('192.0.2.9', 1000)).to.equal(undefined);
  });

  it('refuses everyone past the global budget, so a distributed flood cannot queue unbounded hashing', () => {
    const limiter = new LoginLimiter(limits);
    for (let i = 0; i < 50; i += 1) expect(limiter.reserveAddress(`198.51.100.${i}`, 1000)).to.equal(undefined);
    expect(limiter.reserveAddress('203.0.113.1', 1000)).to.deep.include({ refused: 'global' });
  });

  it('sweeps keys whose attempts are all past the window', () => {
    const limiter = new LoginLimiter(limits);
    for (let i = 0; i < 30; i += 1) { limiter.reserveAddress(`198.51.100.${i}`, 1000); limiter.reserveAccount(`login:nobody${i}`, 1000); }
    expect(limiter.size).to.equal(61);
    limiter.reserveAddress('203.0.113.1', 1000 + 300_000);
    expect(limiter.size).to.equal(2);
  });

  it('counts a whole IPv6 /64 as one address, and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('2001:db8:1:2::1')).to.equal(addressKey('2001:db8:1:2:ffff:1:2:3'));
    expect(addressKey('2001:db8:1:2::1')).not.to.equal(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::ffff:192.0.2.1')).to.equal(addressKey('192.0.2.1'));
  });
});

describe('a cap on concurrent password hashes', () => {
  it('runs at most its number of hashes at once and queues the rest in order', async () => {
    const gate = new HashGate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const work = (n: number) => gate.run(async () => {
      running += 1; most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(n); running -= 1;
      return n;
    });
    expect(await Promise.all([1, 2, 3, 4, 5, 6].map(work))).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(most).to.equal(2);
    expect(order).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });

  it('refuses past the queue a caller allows, instead of waiting without end', async () => {
    const gate = new HashGate(1);
    let release!: () => void;
    const first = gate.run(() => new Promise<void>((resolve) => { release = resolve; }));
    const second = gate.run(async () => 'queued', 1);
    let refused: unknown;
    await gate.run(async () => 'too many', 1).catch((error: unknown) => { refused = error; });
    expect(refused).to.be.instanceOf(HashQueueFull);
    release();
    await first;
    expect(await second).to.equal('queued');
  });
});

describe('signed media URLs for Asterisk', () => {
  const signer = new MediaSigner(Buffer.from('a test secret of enough length'));
  const now = Date.UTC(2026, 11, 1, 12, 0, 0);
  const parts = (signed: string) => signed.split('/') as [string, string, string];

  it('verifies its own signature until it expires, not after', () => {
    const [expires, signature, name] = parts(signer.sign('greetings', '7-busy-ab12.wav', now));
    expect(name).to.equal('7-busy-ab12.wav');
    expect(signer.verify('greetings', name, expires, signature, now)).to.equal(true);
    expect(signer.verify('greetings', name, expires, signature, now + MEDIA_URL_TTL_MS - 1)).to.equal(true);
    expect(signer.verify('greetings', name, expires, signature, Number(expires) * 1000)).to.equal(false);
  });

  it('refuses another name, another kind, a changed expiry or another key', () => {
    const [expires, signature, name] = parts(signer.sign('greetings', '7-busy-ab12.wav', now));
    expect(signer.verify('greetings', '8-busy-ab12.wav', expires, signature, now)).to.equal(false);
    expect(signer.verify('messages', name, expires, signature, now)).to.equal(false);
    expect(signer.verify('greetings', name, String(Number(expires) + 3600), signature, now)).to.equal(false);
    expect(new MediaSigner(Buffer.from('another secret of enough length')).verify('greetings', name, expires, signature, now)).to.equal(false);
  });

  it('gives one greeting the same URL for a while, so Asterisk\'s media cache still works', () => {
    expect(signer.sign('greetings', 'a.wav', now + 1000)).to.equal(signer.sign('greetings', 'a.wav', now + 2000));
  });

  it('keeps the signature out of logged paths', () => {
    const path = `/api/voicemail/media/greetings/${signer.sign('greetings', 'a.wav', now)}`;
    expect(redactMediaPath(path)).to.match(/^\/api\/voicemail\/media\/greetings\/\d+\/\[signature\]\/a\.wav$/);
  });
});

describe('a per-user budget over a sliding window', () => {
  it('takes what fits, refuses what does not, and frees it after the window', () => {
    const limit = new SlidingWindowLimit(5, 3600_000);
    expect(limit.take('mary', 0, 4)).to.equal(true);
    expect(limit.take('mary', 10, 2)).to.equal(false);
    expect(limit.take('mary', 10, 1)).to.equal(true);
    expect(limit.take('mary', 20)).to.equal(false);
    expect(limit.take('bob', 20)).to.equal(true);
    expect(limit.take('mary', 3600_000)).to.equal(true);
  });
});
