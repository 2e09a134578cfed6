import { expect } from 'chai';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';
import { login, mimeParts, seedMessage, startSmtp } from './voicemail-support.js';

describe('voicemail e-mail: a failed delivery is retried, the message stays', () => {
  let sb: RunningSwitchboard;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  before(async () => {
    smtp = await startSmtp({ refuseFirst: 1 });
    sb = await startSwitchboard({ seed: true, env: { SMTP_URL: smtp.url } });
  });
  after(async () => {
    await sb?.stop();
    await smtp?.stop();
  });

  it('the SMTP server refuses the first attempt (451); the e-mail goes on the retry', async () => {
    const message = await seedMessage(sb, '1007');
    const bob = await login(sb, '1007');
    expect((await bob.send('POST', `/api/voicemail/messages/${message.id}/email`, { to: 'bob.home@example.org', attachAudio: false })).status).to.equal(202);
    await waitFor('the refused attempt', () => smtp.refused === 1, 10_000);
    await waitFor('the retried e-mail delivered', () => smtp.mails.length === 1, 20_000);
    const [row] = await sb.app.db.selectFrom('voicemail_outbox').selectAll().where('message_id', '=', message.id).execute();
    expect(row!.attempts).to.equal(2);
    expect(row!.sent_at).to.be.a('string');
    expect(mimeParts(smtp.mails[0]!.raw).some((p) => p.contentType === 'audio/wav'), 'no attachment asked for').to.equal(false);
    expect((await bob.get(`/api/voicemail/messages/${message.id}`)).status, 'the message is still there').to.equal(200);
  });
});
