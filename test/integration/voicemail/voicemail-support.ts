import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { RunningSwitchboard } from '../../support/switchboard.js';
import { waitFor } from '../../support/wait-for.js';

export interface ReceivedMail { from: string; to: string[]; raw: string }

/** A real SMTP server on a free loopback port: what Switchboard's e-mails actually look like on the wire. */
export async function startSmtp(options: { refuseFirst?: number } = {}): Promise<{ url: string; mails: ReceivedMail[]; refused: number; stop(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const state = { refused: 0 };
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.refused < (options.refuseFirst ?? 0)) {
          state.refused += 1;
          callback(Object.assign(new Error('mailbox temporarily unavailable'), { responseCode: 451 }));
          return;
        }
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`, mails, get refused() { return state.refused; },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The MIME parts of a mail: headers and decoded body (base64 and quoted-printable). */
export function mimeParts(raw: string): Array<{ contentType: string; filename?: string; body: Buffer }> {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const sections = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
  return sections.map((section) => {
    const split = section.indexOf('\r\n\r\n');
    const headers = section.slice(0, split);
    const body = section.slice(split + 4);
    const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(headers)?.[1]?.toLowerCase();
    const decoded = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable' ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1')
        : Buffer.from(body);
    return { contentType: /content-type:\s*([^;\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'text/plain', filename: /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1], body: decoded };
  });
}


export async function messagesIn(sb: RunningSwitchboard, extension: string) {
  const user = await sb.app.db.selectFrom('users').select('id').where('extension', '=', extension).executeTakeFirstOrThrow();
  return sb.app.db.selectFrom('voicemail_messages').selectAll().where('mailbox_user_id', '=', user.id).orderBy('id').execute();
}

/** Waits until a recording into `extension`'s mailbox has begun (the caller heard the beep). */
export async function recordingStarted(sb: RunningSwitchboard, extension: string, timeoutMs = 20_000): Promise<string> {
  const user = await sb.app.db.selectFrom('users').select('id').where('extension', '=', extension).executeTakeFirstOrThrow();
  let name = '';
  await waitFor(`a voicemail recording for ${extension}`, async () => {
    const row = await sb.app.db.selectFrom('voicemail_pending').select('recording_name').where('mailbox_user_id', '=', user.id).executeTakeFirst();
    name = row?.recording_name ?? '';
    return !!row;
  }, timeoutMs);
  return name;
}

export async function login(sb: RunningSwitchboard, extension: string): Promise<{ get(path: string): Promise<Response>; send(method: string, path: string, body?: unknown, type?: string): Promise<Response> }> {
  const response = await fetch(`${sb.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: extension, password: 'switchboard' }) });
  if (!response.ok) throw new Error(`login ${extension}: ${response.status}`);
  const { token } = await response.json() as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  return {
    get: (path) => fetch(`${sb.baseUrl}${path}`, { headers: auth }),
    send: (method, path, body, type = 'application/json') => fetch(`${sb.baseUrl}${path}`, {
      method, headers: { ...auth, 'content-type': type },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
    }),
  };
}

/** A message already in a mailbox (for the tests of listening to it): `seconds` of a tone from `callerNumber`. */
export async function seedMessage(sb: RunningSwitchboard, extension: string, options: { toneHz?: number; seconds?: number; callerNumber?: string; callerName?: string; receivedAt?: string } = {}) {
  const { registerMessage } = await import('../../../src/features/voicemail/settings/message-repository.js');
  const { randomBytes } = await import('node:crypto');
  const { mkdirSync, statSync } = await import('node:fs');
  const user = await sb.app.db.selectFrom('users').select('id').where('extension', '=', extension).executeTakeFirstOrThrow();
  const name = `vm-msg-${user.id}-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const dir = join(sb.config.recordingsDir, 'messages');
  mkdirSync(dir, { recursive: true });
  const seconds = options.seconds ?? 3;
  execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', join(dir, `${name}.wav`), 'synth', String(seconds), 'sine', String(options.toneHz ?? 1000), 'vol', '0.5']);
  const { message } = await registerMessage(sb.app.db, {
    mailboxUserId: user.id, recordingName: name, callerName: options.callerName ?? 'Mary Jones', callerNumber: options.callerNumber ?? '1005',
    reason: 'noanswer', receivedAt: options.receivedAt ?? new Date().toISOString(), durationSeconds: seconds,
    sizeBytes: statSync(join(dir, `${name}.wav`)).size, audioFile: `${name}.wav`,
  }, undefined, new Date());
  await sb.app.db.updateTable('voicemail_messages').set({ transcription: 'call me back', transcription_status: 'done' }).where('id', '=', message.id).execute();
  return message;
}

/** Names of recordings Asterisk started, as the app's own ARI connection reports them. */
export function watchRecordings(sb: RunningSwitchboard): { started: string[]; waitForNext(prefix: string, timeoutMs?: number): Promise<string>; stop(): void } {
  const started: string[] = [];
  const stop = sb.app.ari.on('RecordingStarted', (event) => { started.push(event.recording.name); });
  return {
    started, stop,
    async waitForNext(prefix, timeoutMs = 20_000) {
      const from = started.length;
      let found = '';
      await waitFor(`a recording ${prefix}… to start`, () => {
        found = started.slice(from).find((n) => n.startsWith(prefix)) ?? '';
        return found !== '';
      }, timeoutMs, () => `started: ${started.join(', ') || 'none'}`);
      return found;
    },
  };
}

/** What the controller plays (each PlaybackStarted's media), to wait for a prompt a caller hears. */
export function watchPlaybacks(sb: RunningSwitchboard): { played: string[]; waitFor(media: string, timeoutMs?: number): Promise<void>; stop(): void } {
  const played: string[] = [];
  const stop = sb.app.ari.on('PlaybackStarted', (event) => { played.push(String((event as { playback: { media_uri: string } }).playback.media_uri)); });
  return {
    played, stop,
    async waitFor(media, timeoutMs = 20_000) {
      await waitFor(`${media} played`, () => played.includes(media), timeoutMs, () => `played: ${played.join(', ') || 'nothing'}`);
    },
  };
}
