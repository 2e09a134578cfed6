import { expect } from 'chai';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { TEST_STORES } from '../../support/test-store.js';
import { login, seedMessage, startSmtp } from '../voicemail/voicemail-support.js';

for (const store of TEST_STORES) describe(`voicemail e-mail and forwarding cannot be used to spam, on ${store}`, () => {
  let sb: RunningSwitchboard;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeEach(async () => {
    smtp = await startSmtp();
    sb = await startSwitchboard({ store, seed: true, asterisk: false, env: { SMTP_URL: smtp.url } });
  });
  afterEach(async () => {
    await sb?.stop();
    await smtp?.stop();
  });

  it('Mary may e-mail a message to five outside addresses an hour; the sixth is refused, a colleague\'s address still works', async () => {
    const mary = await login(sb, '1005');
    const message = await seedMessage(sb, '1005', { seconds: 1 });
    const email = (to: string) => mary.send('POST', `/api/voicemail/messages/${message.id}/email`, { to, attachAudio: false });
    for (let i = 0; i < 5; i += 1) expect((await email(`victim${i}@example.org`)).status).to.equal(202);
    const sixth = await email('victim5@example.org');
    expect(sixth.status).to.equal(429);
    expect(((await sixth.json()) as { code: string; detail: string })).to.deep.include({ code: 'too-many-emails' });
    expect((await email('BOB@acme.example'.toLowerCase())).status).to.equal(202);
  });

  it('a forward copies to at most ten users a request and fifty an hour', async () => {
    const mary = await login(sb, '1005');
    const message = await seedMessage(sb, '1005', { seconds: 1 });
    const carolId = sb.demo!.directory.find((u) => u.extension === '1008')!.id;
    const forward = (count: number) => mary.send('POST', `/api/voicemail/messages/${message.id}/forward`, { userIds: Array(count).fill(carolId) });
    const tooMany = await forward(11);
    expect(tooMany.status).to.equal(400);
    expect(((await tooMany.json()) as { detail: string }).detail).to.match(/^userIds:/);
    for (let i = 0; i < 5; i += 1) expect((await forward(10)).status).to.equal(201);
    const over = await forward(1);
    expect(over.status).to.equal(429);
    const copies = await sb.app.db.selectFrom('voicemail_messages').select('id').where('mailbox_user_id', '=', carolId).execute();
    expect(copies).to.have.length(50);
  });
});
