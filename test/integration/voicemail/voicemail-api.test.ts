import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { signedMediaUrl, startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { TEST_STORES } from '../../support/test-store.js';
import { waitFor } from '../../support/wait-for.js';
import { login, messagesIn, mimeParts, seedMessage, startSmtp } from './voicemail-support.js';

for (const store of TEST_STORES) describe(`voicemail API: a user sees only their own mailbox, on ${store}`, () => {
  let sb: RunningSwitchboard;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let bob: Awaited<ReturnType<typeof login>>;
  let carol: Awaited<ReturnType<typeof login>>;
  let olivia: Awaited<ReturnType<typeof login>>;

  before(async () => {
    smtp = await startSmtp();
    sb = await startSwitchboard({ store, seed: true, env: { SMTP_URL: smtp.url } });
    [bob, carol, olivia] = await Promise.all([login(sb, '1007'), login(sb, '1008'), login(sb, '1001')]);
  });
  after(async () => {
    await sb?.stop();
    await smtp?.stop();
  });

  it("lists, sorts and filters Bob's messages; Carol cannot list, play, change or delete them", async () => {
    const early = await seedMessage(sb, '1007', { callerName: 'Mary Jones', callerNumber: '1005', receivedAt: '2026-11-20T09:00:00.000Z' });
    const late = await seedMessage(sb, '1007', { callerName: 'Erin Executive', callerNumber: '1002', receivedAt: '2026-11-22T09:00:00.000Z' });
    const list = await (await bob.get('/api/voicemail/messages?sort=received_at&order=asc')).json() as { messages: Array<{ id: number }> };
    expect(list.messages.map((m) => m.id)).to.deep.equal([early.id, late.id]);
    const filtered = await (await bob.get('/api/voicemail/messages?q_caller_name=erin')).json() as { messages: Array<{ id: number }> };
    expect(filtered.messages.map((m) => m.id)).to.deep.equal([late.id]);
    const byNumber = await (await bob.get('/api/voicemail/messages?caller_number=1005&status=new')).json() as { messages: Array<{ id: number }> };
    expect(byNumber.messages.map((m) => m.id)).to.deep.equal([early.id]);
    const bad = await bob.get('/api/voicemail/messages?sort=password');
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { detail: string }).detail).to.match(/^sort:/);

    const audio = await bob.get(`/api/voicemail/messages/${early.id}/audio`);
    expect(audio.status).to.equal(200);
    expect(audio.headers.get('content-type')).to.contain('audio/wav');
    const range = await fetch(`${sb.baseUrl}/api/voicemail/messages/${early.id}/audio`, { headers: { authorization: (await bobHeader()), range: 'bytes=0-99' } });
    expect(range.status, 'HTTP range for seeking in the browser').to.equal(206);

    expect(((await (await carol.get('/api/voicemail/messages')).json()) as { messages: unknown[] }).messages).to.have.length(0);
    expect((await carol.get(`/api/voicemail/messages/${early.id}`)).status).to.equal(404);
    expect((await carol.get(`/api/voicemail/messages/${early.id}/audio`)).status).to.equal(404);
    expect((await carol.send('PATCH', `/api/voicemail/messages/${early.id}`, { read: true })).status).to.equal(404);
    expect((await carol.send('DELETE', `/api/voicemail/messages/${early.id}`)).status).to.equal(404);
    expect((await carol.send('POST', `/api/voicemail/messages/${early.id}/forward`, { userIds: [sb.demo!.directory[3]!.id] })).status).to.equal(404);
    expect((await fetch(`${sb.baseUrl}/api/voicemail/messages`)).status, 'no session').to.equal(401);

    expect((await bob.send('PATCH', `/api/voicemail/messages/${early.id}`, { read: true })).status).to.equal(200);
    expect((await messagesIn(sb, '1007')).find((m) => m.id === early.id)!.read_at).to.be.a('string');
    expect((await bob.send('DELETE', `/api/voicemail/messages/${late.id}`)).status).to.equal(204);
    expect((await messagesIn(sb, '1007')).map((m) => m.id)).to.deep.equal([early.id]);

    async function bobHeader() {
      const r = await fetch(`${sb.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: '1007', password: 'switchboard' }) });
      return `Bearer ${((await r.json()) as { token: string }).token}`;
    }
  });

  it('forwards to other users when the organisation allows it, and sends a message to an e-mail address', async () => {
    const message = await seedMessage(sb, '1005');
    const mary = await login(sb, '1005');
    const carolId = sb.demo!.directory[3]!.id;
    const forwarded = await mary.send('POST', `/api/voicemail/messages/${message.id}/forward`, { userIds: [carolId] });
    expect(forwarded.status).to.equal(201);
    expect((await messagesIn(sb, '1008')).some((m) => m.forwarded_by_user_id === sb.demo!.directory[0]!.id)).to.equal(true);
    expect((await mary.send('POST', `/api/voicemail/messages/${message.id}/forward`, { userIds: [999_999] })).status).to.equal(400);
    // By extension (the portal's Forward button): Mark is hidden from the attendant directory and still gets it.
    await sb.app.db.updateTable('users').set({ hidden_from_directory: 1 }).where('extension', '=', '1006').execute();
    expect((await mary.send('POST', `/api/voicemail/messages/${message.id}/forward`, { extensions: ['1006'] })).status).to.equal(201);
    expect((await messagesIn(sb, '1006')).length, 'Mark got the copy').to.equal(1);
    const nobody = await mary.send('POST', `/api/voicemail/messages/${message.id}/forward`, { extensions: ['1999'] });
    expect(nobody.status).to.equal(400);
    expect(JSON.stringify(await nobody.json())).to.contain('extensions.0');

    expect((await carol.send('PUT', '/api/voicemail/organisation-settings', { allowForwardToUsers: false })).status, 'administrators only').to.equal(403);
    expect((await olivia.send('PUT', '/api/voicemail/organisation-settings', { allowForwardToUsers: false })).status).to.equal(200);
    expect((await mary.send('POST', `/api/voicemail/messages/${message.id}/forward`, { userIds: [carolId] })).status).to.equal(403);
    await olivia.send('PUT', '/api/voicemail/organisation-settings', { allowForwardToUsers: true });

    const before = smtp.mails.length;
    expect((await mary.send('POST', `/api/voicemail/messages/${message.id}/email`, { to: 'not-an-address' })).status).to.equal(400);
    expect((await mary.send('POST', `/api/voicemail/messages/${message.id}/email`, { to: 'mary.home@example.org', attachAudio: true })).status).to.equal(202);
    await waitFor('the e-mail to the address', () => smtp.mails.some((m, i) => i >= before && m.to.includes('mary.home@example.org')), 20_000);
    const mail = smtp.mails.find((m) => m.to.includes('mary.home@example.org'))!;
    expect(mimeParts(mail.raw).some((p) => p.contentType === 'audio/wav' && p.body.length > 1000)).to.equal(true);
    expect(mimeParts(mail.raw).find((p) => p.contentType === 'text/plain')!.body.toString()).to.contain('call me back');
  });

  it('uploads a greeting, sets notification, reports storage and the retention period', async () => {
    const wav = join(sb.dir, 'greeting.wav');
    execFileSync('sox', ['-n', '-r', '44100', '-c', '2', '-b', '16', wav, 'synth', '2', 'sine', '500']);
    expect((await bob.send('PUT', '/api/voicemail/greetings/busy', readFileSync(wav), 'audio/wav')).status).to.equal(204);
    expect((await bob.send('PUT', '/api/voicemail/greetings/lunch', readFileSync(wav), 'audio/wav')).status).to.equal(400);
    expect((await bob.send('PUT', '/api/voicemail/greetings/busy', Buffer.from('not audio'), 'audio/wav')).status).to.equal(400);
    expect((await bob.send('PUT', '/api/voicemail/greetings/out_of_office', readFileSync(wav), 'audio/wav')).status).to.equal(204);
    const settings = await (await bob.get('/api/voicemail/settings')).json() as { greetings: Record<string, boolean> };
    expect(settings.greetings.busy).to.equal(true);
    // What Asterisk fetches to play it: 8 kHz mono, under a signed name that expires, no session needed.
    const box = await sb.app.db.selectFrom('voicemail_boxes').selectAll().where('user_id', '=', sb.demo!.directory[2]!.id).executeTakeFirstOrThrow();
    const media = await fetch(signedMediaUrl(sb, 'greetings', box.greeting_out_of_office!));
    expect(media.status).to.equal(200);
    // The bare name, or a forged or expired signature, is no longer enough.
    const signed = signedMediaUrl(sb, 'greetings', box.greeting_out_of_office!);
    const expires = /\/greetings\/(\d+)\//.exec(signed)![1]!;
    expect((await fetch(signed.replace(/\/greetings\/\d+\/[^/]+\//, `/greetings/${expires}/${'A'.repeat(32)}/`))).status).to.equal(404);
    expect((await fetch(signed.replace(`/greetings/${expires}/`, `/greetings/${Math.floor(Date.now() / 1000) - 1}/`))).status).to.equal(404);
    expect((await fetch(`${sb.baseUrl}/api/voicemail/media/greetings/${box.greeting_out_of_office}`)).status).to.equal(404);
    const played = join(sb.dir, 'played.wav');
    (await import('node:fs')).writeFileSync(played, Buffer.from(await media.arrayBuffer()));
    expect(execFileSync('soxi', ['-r', played]).toString().trim()).to.equal('8000');
    expect((await fetch(`${sb.baseUrl}/api/voicemail/media/greetings/${expires}/x/..%2Fmessages%2Fx.wav`)).status).to.equal(400);
    const bad = await bob.send('PUT', '/api/voicemail/settings', { notify: 'pigeon' });
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { detail: string }).detail).to.match(/^notify:/);
    expect((await bob.send('PUT', '/api/voicemail/settings', { notify: 'none' })).status).to.equal(200);
    await seedMessage(sb, '1007', { seconds: 2 });
    const storage = await (await bob.get('/api/voicemail/storage')).json() as { messages: number; bytes: number; retentionDays: number };
    expect(storage.messages).to.be.greaterThan(0);
    expect(storage.bytes).to.be.greaterThan(0);
    expect(storage.retentionDays).to.equal(30);
  });

  it('messages past the retention period are found for clean-up; 0 keeps them forever', async () => {
    const { expiredMessages } = await import('../../../src/features/voicemail/settings/message-repository.js');
    const old = await seedMessage(sb, '1006', { receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() });
    const recent = await seedMessage(sb, '1006', { receivedAt: new Date(Date.now() - 5 * 86_400_000).toISOString() });
    const expired = (await expiredMessages(sb.app.db, new Date())).map((m) => m.id);
    expect(expired).to.include(old.id).and.not.include(recent.id);
    await olivia.send('PUT', '/api/voicemail/organisation-settings', { retentionDays: 0 });
    expect((await expiredMessages(sb.app.db, new Date())).map((m) => m.id)).to.not.include(old.id);
  });
});
