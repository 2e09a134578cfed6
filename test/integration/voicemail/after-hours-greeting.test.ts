import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { heardTone, toneFile } from '../../support/audio.js';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { clockAt, startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { written } from '../executive/call-control-support.js';
import { login, recordingStarted } from './voicemail-support.js';

/** Tones of Bob's two greetings, apart from the phones' own (440 Hz, 660 Hz). */
const AFTER_HOURS_HZ = 1400;
const UNAVAILABLE_HZ = 1000;

/**
 * Mailbox greetings follow the organisation's schedule (PRODUCT.md 5): while it is closed
 * (after its weekly hours, or a holiday), a caller nobody answers hears the mailbox's
 * after-hours greeting. The controller's clock is set to a Sunday at 03:00 UTC; Acme is
 * open Monday to Friday, 09:00-17:00 UTC.
 */
describe('voicemail: the after-hours greeting follows the organisation\'s schedule (real Asterisk, real phones)', function () {
  this.timeout(90_000);
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'bob'>>>;
  const sundayNight = new Date('2026-11-29T03:00:00Z');

  before(async () => {
    await resetAsterisk();
    sb = await startSwitchboard({ seed: true, clock: clockAt(sundayNight) });
    phones = await startPhones({ mary: '1005', bob: '1007' });
    await sb.app.db.updateTable('users').set({ no_answer_seconds: 5 }).where('extension', '=', '1007').execute();
    const bob = await login(sb, '1007');
    for (const [kind, hz] of [['after_hours', AFTER_HOURS_HZ], ['unavailable', UNAVAILABLE_HZ]] as const) {
      const wav = readFileSync(toneFile(`${sb.dir}/greetings-${kind}`, hz, 3));
      expect((await bob.send('PUT', `/api/voicemail/greetings/${kind}`, wav, 'audio/wav')).status, `Bob's ${kind} greeting stored`).to.equal(204);
    }
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });
  beforeEach(resetAsterisk);

  async function maryHearsBobsGreeting(): Promise<string> {
    const { mary, bob } = phones;
    const [m, b] = [mary.mark(), bob.mark()];
    await mary.dial('1007');
    await bob.waitForEvent('CALL_INCOMING', 10_000, b);
    await mary.waitForEvent('CALL_ESTABLISHED', 20_000, m);
    await recordingStarted(sb, '1007', 30_000); // the greeting is over: the beep
    await mary.hangup();
    await mary.waitForEvent('CALL_CLOSED', 10_000, m);
    await expectNothingLeft();
    return written(mary.recordings().at(-1)!);
  }

  it('Sunday 03:00, Acme open weekdays 09-17: Mary hears Bob\'s after-hours greeting, not his unavailable one', async () => {
    const admin = await login(sb, '1001');
    const weekdays = [1, 2, 3, 4, 5].map((dayOfWeek) => ({ dayOfWeek, opens: '09:00', closes: '17:00' }));
    expect((await admin.send('PUT', '/api/attendant/business-hours', { hours: weekdays })).status).to.equal(200);
    const heard = await maryHearsBobsGreeting();
    expect(heardTone(heard, AFTER_HOURS_HZ), 'the after-hours greeting').to.equal(true);
    expect(heardTone(heard, UNAVAILABLE_HZ), 'not the unavailable greeting').to.equal(false);
  });

  it('the same hour with Acme open on Sundays at night: Mary hears the unavailable greeting', async () => {
    const admin = await login(sb, '1001');
    expect((await admin.send('PUT', '/api/attendant/business-hours', { hours: [{ dayOfWeek: 0, opens: '00:00', closes: '06:00' }] })).status).to.equal(200);
    const heard = await maryHearsBobsGreeting();
    expect(heardTone(heard, UNAVAILABLE_HZ), 'the unavailable greeting').to.equal(true);
    expect(heardTone(heard, AFTER_HOURS_HZ), 'not the after-hours greeting').to.equal(false);
  });

  it('a holiday on an open day closes the office: the after-hours greeting', async () => {
    const admin = await login(sb, '1001');
    expect((await admin.send('PUT', '/api/attendant/business-hours', { hours: [{ dayOfWeek: 0, opens: '00:00', closes: '06:00' }] })).status).to.equal(200);
    expect((await admin.send('POST', '/api/attendant/holidays', { name: 'Founders\' day', startsOn: '2026-11-29' })).status).to.equal(201);
    const heard = await maryHearsBobsGreeting();
    expect(heardTone(heard, AFTER_HOURS_HZ), 'the after-hours greeting').to.equal(true);
  });
});
