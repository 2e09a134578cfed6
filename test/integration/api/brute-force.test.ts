import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { silentWav } from '../../../src/http/media-probe.js';
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { ApiClient } from '../../support/api-client.js';
import { ControllerProcess } from '../../../bench/lib/controller.js';
import { signedMediaUrl, startSwitchboard, TEST_MEDIA_URL_SECRET, type RunningSwitchboard } from '../../support/switchboard.js';

const login = (sb: RunningSwitchboard, body: { login: string; password: string }, headers: Record<string, string> = {}) =>
  new ApiClient(sb.baseUrl).request('POST', '/api/auth/login', body, headers);

/** One second of 8 kHz mono 16-bit silence: what a greeting looks like on disk. */
const wav = () => silentWav(1);

describe('brute force against sign-in is bounded', () => {
  let sb: RunningSwitchboard;
  afterEach(() => sb?.stop());

  it('40 parallel wrong passwords for Mary, by e-mail and by extension, get at most 5 evaluated; then even the right one waits', async () => {
    sb = await startSwitchboard({ seed: true, asterisk: false });
    const guesses = Array.from({ length: 40 }, (_, i) => login(sb, { login: i % 2 ? 'mary@acme.example' : '1005', password: `guess-${i}` }));
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401), 'guesses evaluated').to.have.length.at.most(5);
    expect(statuses.filter((s) => s === 429), 'guesses refused').to.have.length.at.least(35);
    expect(statuses.every((s) => s === 401 || s === 429)).to.equal(true);

    const right = await login(sb, { login: 'MARY@acme.example'.toLowerCase(), password: DEMO_PASSWORD });
    expect(right.status).to.equal(429);
    expect(right.body).to.include({ code: 'too-many-attempts' });
    expect(Number(right.headers.get('retry-after'))).to.be.greaterThan(0);
    // Another account from the same address is not locked out by Mary's.
    expect((await login(sb, { login: '1007', password: DEMO_PASSWORD })).status).to.equal(200);
  });

  it('a rotating X-Forwarded-For does not reset the address count when no proxy is trusted', async () => {
    sb = await startSwitchboard({ seed: true, asterisk: false });
    // Unknown logins, each a different one: only the address budget (50) can stop them.
    const statuses: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      statuses.push((await login(sb, { login: `nobody${i}@example.org`, password: 'x' }, { 'x-forwarded-for': `198.51.100.${i}` })).status);
    }
    expect(statuses.slice(0, 50).every((s) => s === 401)).to.equal(true);
    expect(statuses.slice(50)).to.deep.equal(Array(10).fill(429));
  });

  it('a flood of 120 sign-ins from as many addresses does not slow the greeting Asterisk fetches past 200 ms', async () => {
    // The controller in its own process, as in production: what is timed is its answer, not
    // this process putting 120 requests on the wire. Through a trusted proxy each flood
    // request comes from its own address: only the hash cap protects the media route.
    const controller = new ControllerProcess('http://127.0.0.1:9', { TRUST_PROXY: 'loopback', MEDIA_URL_SECRET: TEST_MEDIA_URL_SECRET }, { withoutAri: true });
    try {
      await controller.start();
      const file = '999-busy-flood.wav';
      mkdirSync(join(controller.recordingsDir, 'greetings'), { recursive: true });
      writeFileSync(join(controller.recordingsDir, 'greetings', file), wav());
      const url = signedMediaUrl(controller, 'greetings', file);
      expect((await fetch(url)).status).to.equal(200);

      const client = new ApiClient(controller.baseUrl);
      const flood = Array.from({ length: 120 }, (_, i) =>
        client.request('POST', '/api/auth/login', { login: `intruder${i}@example.org`, password: 'guess' }, { 'x-forwarded-for': `203.0.113.${i}` }));
      // The fetches start once the controller answers the first attempt: hashing is then in full swing.
      await Promise.race(flood);
      const timings: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        const started = performance.now();
        const response = await fetch(url);
        await response.arrayBuffer();
        timings.push(performance.now() - started);
        expect(response.status).to.equal(200);
      }
      const statuses = (await Promise.all(flood)).map((r) => r.status);
      const seen = `greeting fetch times during the flood: ${timings.map((t) => t.toFixed(0)).join(', ')} ms`;
      expect(timings.filter((t) => t >= 200), seen).to.deep.equal([]);
      // Every attempt was answered: evaluated (401) or turned away while hashing was full (503), never hung.
      expect(statuses.every((s) => s === 401 || s === 503), statuses.join(',')).to.equal(true);
      expect(statuses.filter((s) => s === 401).length).to.be.greaterThan(0);
    } finally {
      await controller.stop();
    }
  });
});
