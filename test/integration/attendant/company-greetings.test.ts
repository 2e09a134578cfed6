import { expect } from 'chai';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { heardTone, toneFile } from '../../support/audio.js';
import { execFileSync } from 'node:child_process';
import { AsteriskEvents } from '../../support/asterisk-events.js';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { untilHeard } from '../../support/phone-audio.js';
import { startPhones } from '../../support/phones.js';
import { clockAt, startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { written } from '../executive/call-control-support.js';
import { login } from '../voicemail/voicemail-support.js';

/** Tones of the two uploaded greetings, apart from the phones' own (440 Hz, 660 Hz). */
const BUSINESS_HZ = 800;
const AFTER_HOURS_HZ = 1400;
const REPLACED_HZ = 1100;

/**
 * Company greetings (PRODUCT.md 4): an administrator uploads the business-hours and
 * after-hours greetings; the next caller at the company number hears the one for the
 * time of the call. The controller's clock is a Sunday at 03:00 UTC; Acme is open Monday
 * to Friday, 09:00-17:00, so the call is after hours.
 */
describe('attendant: uploaded company greetings are what the next caller hears (real Asterisk, real phones)', function () {
  this.timeout(90_000);
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'caller'>>>;
  const events = new AsteriskEvents();
  let admin: Awaited<ReturnType<typeof login>>;

  before(async () => {
    await resetAsterisk();
    await events.start();
    sb = await startSwitchboard({ seed: true, clock: clockAt(new Date('2026-11-29T03:00:00Z')) });
    phones = await startPhones({ caller: '5550001' });
    admin = await login(sb, '1001');
    const weekdays = [1, 2, 3, 4, 5].map((dayOfWeek) => ({ dayOfWeek, opens: '09:00', closes: '17:00' }));
    expect((await admin.send('PUT', '/api/attendant/business-hours', { hours: weekdays })).status).to.equal(200);
  });
  after(async () => {
    events.stop();
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  const upload = async (kind: string, hz: number) => {
    const wav = readFileSync(toneFile(`${sb.dir}/company-${kind}`, hz, 3));
    expect((await admin.send('PUT', `/api/attendant/greetings/${kind}`, wav, 'audio/wav')).status, `${kind} greeting stored`).to.equal(204);
  };

  /** Seconds of audio a phone's call recording holds now (its header gives the byte rate). */
  const secondsRecorded = (wav: string) => {
    const header = Buffer.alloc(32);
    const fd = openSync(wav, 'r');
    try { readSync(fd, header, 0, 32, 0); } finally { closeSync(fd); }
    return (statSync(wav).size - 44) / header.readUInt32LE(28);
  };

  /**
   * The outside caller dials the company number, hears the greeting out, and hangs up:
   * what they heard up to the end of the greeting (the menu's speech after it is cut off,
   * so its voice is never taken for a tone).
   */
  async function callCompanyNumber(greetingMedia: string): Promise<string> {
    const { caller } = phones;
    const [m, since] = [caller.mark(), events.mark()];
    await caller.dial('5552000');
    await caller.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await events.waitForPlayback('PlaybackFinished', greetingMedia, since, { device: 'PJSIP/5550001', timeoutMs: 20_000 });
    const recording = caller.recordings().at(-1)!;
    const greetingEnd = secondsRecorded(recording);
    await untilHeard([caller], 0.5); // what was on its way to the phone when the greeting finished
    await caller.hangup();
    await caller.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
    const greeting = join(sb.dir, `greeting-heard-${m}.wav`);
    execFileSync('sox', [await written(recording), greeting, 'trim', '0', (greetingEnd + 0.3).toFixed(2)]);
    return greeting;
  }

  it('after hours: the caller hears the uploaded after-hours greeting, not the business-hours one', async () => {
    await upload('business-hours', BUSINESS_HZ);
    await upload('after-hours', AFTER_HOURS_HZ);
    expect(await (await admin.get('/api/attendant/greetings')).json()).to.deep.equal({ greetings: { 'business-hours': true, 'after-hours': true, holiday: false } });
    const heard = await callCompanyNumber('/api/attendant/media/greetings/');
    expect(heardTone(heard, AFTER_HOURS_HZ), 'the uploaded after-hours greeting').to.equal(true);
    expect(heardTone(heard, BUSINESS_HZ), 'not the business-hours one').to.equal(false);
  });

  it('a replaced greeting is heard at the next call; a removed one gives way to the prompt again', async () => {
    await upload('after-hours', REPLACED_HZ);
    const replaced = await callCompanyNumber('/api/attendant/media/greetings/');
    expect(heardTone(replaced, REPLACED_HZ), 'the new upload').to.equal(true);
    expect(heardTone(replaced, AFTER_HOURS_HZ), 'not the old one (no stale cache)').to.equal(false);

    expect((await admin.send('DELETE', '/api/attendant/greetings/after-hours')).status).to.equal(204);
    // The prompt's voice is no tone to listen for: what Asterisk played the caller says it.
    const since = events.mark();
    await callCompanyNumber('attendant-greeting-after-hours');
    expect(events.playbacks('PlaybackStarted', '/api/attendant/media/greetings/', since, 'PJSIP/5550001'), 'the removed greeting is not played').to.deep.equal([]);
  });

  it('refuses what is not a WAV, naming the body; a plain user may not upload', async () => {
    const bad = await admin.send('PUT', '/api/attendant/greetings/holiday', Buffer.from('not audio'), 'audio/wav');
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { detail: string }).detail).to.match(/^body: /);
    const bob = await login(sb, '1007');
    const refused = await bob.send('PUT', '/api/attendant/greetings/holiday', readFileSync(toneFile(`${sb.dir}/company-holiday`, BUSINESS_HZ, 3)), 'audio/wav');
    expect(refused.status).to.equal(403);
  });
});
