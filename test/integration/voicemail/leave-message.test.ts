import { expect } from 'chai';
import { audioStats } from '../../support/audio.js';
import { expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { login, messagesIn, mimeParts, recordingStarted, startSmtp } from './voicemail-support.js';

describe('voicemail: leaving a message (real Asterisk, real phones, real SMTP)', () => {
  let sb: RunningSwitchboard;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let phones: Awaited<ReturnType<typeof startPhones<'mary' | 'bob'>>>;

  before(async () => {
    await resetAsterisk();
    smtp = await startSmtp();
    sb = await startSwitchboard({ seed: true, env: { SMTP_URL: smtp.url } });
    phones = await startPhones({ mary: '1005', bob: '1007' });
    await sb.app.db.updateTable('users').set({ no_answer_seconds: 2 }).where('extension', '=', '1007').execute();
  });
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
    await smtp?.stop();
  });
  beforeEach(resetAsterisk);

  it("Bob does not answer: Mary hears his greeting, leaves a message ended by #, and Bob gets it by e-mail with the audio", async () => {
    const { mary, bob } = phones;
    const bobApi = await login(sb, '1007');
    expect((await bobApi.send('PUT', '/api/voicemail/settings', { notify: 'email-attachment' })).status).to.equal(200);
    const [m, b] = [mary.mark(), bob.mark()];
    await mary.dial('1007');
    await bob.waitForEvent('CALL_INCOMING', 10_000, b);
    await mary.waitForEvent('CALL_ESTABLISHED', 15_000, m);
    await recordingStarted(sb, '1007');
    await new Promise((r) => setTimeout(r, 3000)); // Mary speaks for three seconds
    await mary.press('#');
    await waitFor('the message in Bob\'s mailbox', async () => (await messagesIn(sb, '1007')).length === 1, 10_000);
    await mary.waitForEvent('CALL_CLOSED', 15_000, m);

    const [message] = await messagesIn(sb, '1007');
    expect(message!.caller_number).to.equal('1005');
    expect(message!.duration_seconds).to.be.within(2, 5);
    const stats = audioStats(`${sb.config.recordingsDir}/messages/${message!.audio_file}`);
    expect(stats.rms, 'the message holds sound, not silence').to.be.greaterThan(0.05);
    expect(stats.roughFrequency, "the message holds Mary's voice (her tone)").to.be.within(phones.toneOf(mary) - 60, phones.toneOf(mary) + 60);
    const heard = mary.recordings().at(-1)!;
    expect(audioStats(heard).rms, 'Mary heard the greeting').to.be.greaterThan(0.01);

    await waitFor('the notification e-mail', () => smtp.mails.length === 1, 60_000);
    const mail = smtp.mails[0]!;
    expect(mail.to).to.deep.equal(['bob@acme.example']);
    const parts = mimeParts(mail.raw);
    const text = parts.find((p) => p.contentType === 'text/plain')!.body.toString('utf8');
    expect(text).to.contain('From: Mary Jones <1005>').and.to.contain('Duration:').and.to.contain('Transcription');
    const attachment = parts.find((p) => p.contentType === 'audio/wav');
    expect(attachment, 'the audio is attached').to.not.equal(undefined);
    const attached = `${sb.dir}/attached.wav`;
    (await import('node:fs')).writeFileSync(attached, attachment!.body);
    expect(audioStats(attached).roughFrequency, 'the attachment is the message').to.be.within(phones.toneOf(mary) - 60, phones.toneOf(mary) + 60);
    await expectNothingLeft();
  });

  it('Mary hangs up while recording: the message is kept', async () => {
    const { mary } = phones;
    const before = (await messagesIn(sb, '1007')).length;
    const m = mary.mark();
    await mary.dial('1007');
    await mary.waitForEvent('CALL_ESTABLISHED', 15_000, m);
    await recordingStarted(sb, '1007');
    await new Promise((r) => setTimeout(r, 2500));
    await mary.hangup();
    await waitFor('the message kept after the hang-up', async () => (await messagesIn(sb, '1007')).length === before + 1, 10_000);
    const message = (await messagesIn(sb, '1007')).at(-1)!;
    expect(audioStats(`${sb.config.recordingsDir}/messages/${message.audio_file}`).rms).to.be.greaterThan(0.05);
    await expectNothingLeft();
  });

  it('the general mailbox (Sales, 1009) takes a message directly; # ends it', async () => {
    const { mary } = phones;
    const m = mary.mark();
    await mary.dial('1009');
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await recordingStarted(sb, '1009');
    await new Promise((r) => setTimeout(r, 2000)); // Mary speaks
    await mary.press('#');
    await mary.waitForEvent('CALL_CLOSED', 20_000, m);
    const [message] = await messagesIn(sb, '1009');
    expect(message!.caller_name).to.equal('Mary Jones');
    expect(audioStats(`${sb.config.recordingsDir}/messages/${message!.audio_file}`).rms).to.be.greaterThan(0.05);
    await expectNothingLeft();
  });

  it('a message stops at the maximum length, is kept, and the caller is told and released', async () => {
    const { mary } = phones;
    await sb.app.db.insertInto('voicemail_org_settings').values({ organisation_id: sb.demo!.organisationId, max_pin_attempts: 3, allow_forward_to_users: 1, retention_days: 30, max_message_seconds: 10, max_silence_seconds: 5 })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ max_message_seconds: 10 })).execute();
    const before = (await messagesIn(sb, '1009')).length;
    const m = mary.mark();
    await mary.dial('1009');
    await mary.waitForEvent('CALL_ESTABLISHED', 10_000, m);
    await recordingStarted(sb, '1009');
    // Mary keeps talking; Asterisk stops the recording by itself.
    await mary.waitForEvent('CALL_CLOSED', 30_000, m);
    const messages = await messagesIn(sb, '1009');
    expect(messages).to.have.length(before + 1);
    expect(messages.at(-1)!.duration_seconds).to.be.within(8, 12);
    await expectNothingLeft();
  });
});
