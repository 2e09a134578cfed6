import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { registerMessage } from '../../src/features/voicemail/settings/message-repository.js';
import { apiAs, goTo, screenshot, signIn, startPortal, type PortalWorld } from './browser-support.js';

interface Message { id: number; callerName: string | null; status: string }

/** A message as the voicemail flow leaves it: a WAV in the recordings directory, registered in the store. */
async function leaveMessage(world: PortalWorld, mailboxUserId: number, callerName: string, callerNumber: string, receivedAt: string, seconds: number): Promise<void> {
  const dir = join(world.sb.dir, 'recordings', 'messages');
  mkdirSync(dir, { recursive: true });
  const file = `${callerNumber}-${Date.parse(receivedAt)}.wav`;
  execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', join(dir, file), 'synth', String(seconds), 'sine', '440']);
  await registerMessage(world.sb.app.db, {
    mailboxUserId, recordingName: file.replace('.wav', ''), callerName, callerNumber, reason: 'unavailable', receivedAt,
    durationSeconds: seconds, sizeBytes: statSync(join(dir, file)).size, audioFile: file,
  }, undefined, new Date());
}

describe('portal: a user in Chromium (out of office, voicemail, PIN)', () => {
  let world: PortalWorld;
  before(async () => { world = await startPortal(); });
  after(async () => { await world?.close(); });

  it('Bob sets out of office with a backup until a date, the API stores it, and he turns it off', async () => {
    const { page, context } = await signIn(world, '1007');
    const api = await apiAs(world.sb, '1007');
    const bob = (await api<{ user: { id: number } }>('GET', '/auth/me')).user;
    await goTo(page, 'Out of office');
    await page.getByRole('status').filter({ hasText: 'You are in the office' }).waitFor();
    await page.getByLabel('Back on').fill('2030-01-15T09:00');
    await page.getByLabel("Backup's extension").fill('1008');
    await page.getByRole('button', { name: 'Set out of office' }).click();
    await page.getByRole('status').filter({ hasText: 'You are out of office now' }).waitFor();
    await screenshot(page, 'out-of-office');
    const stored = await api<{ outOfOffice: { startsAt: string | null; endsAt: string; backupUserId: number }; activeNow: boolean }>('GET', `/attendant/users/${bob.id}/out-of-office`);
    expect(stored.activeNow).to.equal(true);
    expect(stored.outOfOffice.startsAt).to.equal(null);
    expect(new Date(stored.outOfOffice.endsAt).getFullYear()).to.equal(2030);
    const carol = (await (await apiAs(world.sb, '1001'))<{ users: Array<{ id: number }> }>('GET', '/users?search=Carol')).users[0]!;
    expect(stored.outOfOffice.backupUserId).to.equal(carol.id);

    // Another user's extension that nobody has is refused with a clear message.
    await page.getByLabel("Backup's extension").fill('1999');
    await page.getByRole('button', { name: 'Set out of office' }).click();
    expect(await page.getByRole('alert').textContent()).to.contain('nobody in the directory has extension 1999');

    await page.getByRole('button', { name: 'Turn off out of office' }).click();
    await page.getByRole('status').filter({ hasText: 'You are in the office' }).waitFor();
    expect((await api<{ outOfOffice: unknown }>('GET', `/attendant/users/${bob.id}/out-of-office`)).outOfOffice).to.equal(null);
    await context.close();
  });

  it('Bob, an agent, logs out and in with the toggle; the administrator\'s live view shows it without a reload', async () => {
    const admin = await signIn(world, '1001');
    await goTo(admin.page, 'Live view');
    const bobsAgentCell = admin.page.locator('tr[data-user="1007"] td[data-label="Agent"]');
    await bobsAgentCell.filter({ hasText: 'Logged in' }).waitFor();

    const { page, context } = await signIn(world, '1007');
    await goTo(page, 'Out of office');
    await page.getByRole('status').filter({ hasText: 'You are logged in' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('status').filter({ hasText: 'You are logged out' }).waitFor();
    const bob = await world.sb.app.db.selectFrom('users').select('logged_in').where('extension', '=', '1007').executeTakeFirstOrThrow();
    expect(bob.logged_in, 'stored: the attendant no longer rings Bob').to.equal(0);
    await bobsAgentCell.filter({ hasText: 'Logged out' }).waitFor();

    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('status').filter({ hasText: 'You are logged in' }).waitFor();
    await bobsAgentCell.filter({ hasText: 'Logged in' }).waitFor();
    await context.close();
    await admin.context.close();
  });

  it('Mary lists her voicemail, sorts and filters it, plays, downloads, saves and deletes a message, and sets notification', async () => {
    const mary = world.sb.demo!.directory.find((u) => u.extension === '1005')!;
    await leaveMessage(world, mary.id, 'Bob Smith', '1007', '2026-11-20T09:00:00.000Z', 2);
    await leaveMessage(world, mary.id, 'Carol White', '1008', '2026-11-21T09:00:00.000Z', 4);
    await leaveMessage(world, mary.id, 'Acme Supplier', '5550003', '2026-11-22T09:00:00.000Z', 3);
    const { page, context } = await signIn(world, '1005');
    const api = await apiAs(world.sb, '1005');
    await goTo(page, 'Voicemail');
    const table = page.getByRole('table', { name: 'Voicemail messages' });
    const firstCaller = async () => (await table.locator('tbody tr').first().locator('td').first().textContent())!;
    await table.getByText('Acme Supplier').waitFor();
    expect(await firstCaller(), 'newest first').to.equal('Acme Supplier');

    await table.getByRole('button', { name: 'Length' }).click();
    await page.waitForFunction(() => document.querySelector('tbody tr td')?.textContent === 'Bob Smith');
    await table.getByRole('button', { name: /Length/ }).click();
    await page.waitForFunction(() => document.querySelector('tbody tr td')?.textContent === 'Carol White');

    await page.getByLabel('Filter by from').fill('carol');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    expect(await firstCaller()).to.equal('Carol White');
    await page.getByLabel('Filter by from').fill('');
    await page.getByLabel('Filter by number').fill('555');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1 && document.querySelector('tbody tr td')?.textContent === 'Acme Supplier');
    await page.getByLabel('Filter by number').fill('');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 3);
    await screenshot(page, 'voicemail');

    // The browser really plays the audio (it loads and has a duration).
    const row = table.locator('tbody tr').filter({ hasText: 'Carol White' });
    const audio = row.getByLabel('Play the message from Carol White');
    await audio.evaluate((el: HTMLAudioElement) => el.play().catch(() => undefined));
    await page.waitForFunction(() => [...document.querySelectorAll('audio')].some((a) => a.duration > 3.5 && a.duration < 4.5));

    const downloading = page.waitForEvent('download');
    await row.getByRole('link', { name: 'Download' }).click();
    const download = await downloading;
    const saved = await download.path();
    expect(readFileSync(saved).subarray(0, 4).toString()).to.equal('RIFF');

    await row.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Message saved.' }).waitFor();
    let messages = (await api<{ messages: Message[] }>('GET', '/voicemail/messages')).messages;
    expect(messages.find((m) => m.callerName === 'Carol White')!.status).to.equal('saved');
    await page.getByLabel('Filter by status').selectOption('saved');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    await page.getByLabel('Filter by status').selectOption('');

    page.once('dialog', (d) => void d.accept());
    await table.locator('tbody tr').filter({ hasText: 'Bob Smith' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').filter({ hasText: 'Message deleted.' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 2);
    messages = (await api<{ messages: Message[] }>('GET', '/voicemail/messages')).messages;
    expect(messages.map((m) => m.callerName).sort()).to.deep.equal(['Acme Supplier', 'Carol White']);

    await page.getByLabel('When a message arrives').selectOption('email');
    await page.getByRole('button', { name: 'Save notification' }).click();
    await page.getByRole('status').filter({ hasText: 'Notification saved.' }).waitFor();
    expect((await api<{ notify: string }>('GET', '/voicemail/settings')).notify).to.equal('email');

    const greeting = join(world.sb.dir, 'greeting.wav');
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', greeting, 'synth', '1.5', 'sine', '300']);
    await page.getByLabel('Upload the busy greeting').setInputFiles(greeting);
    await page.getByRole('status').filter({ hasText: 'Greeting saved.' }).waitFor();
    expect((await api<{ greetings: Record<string, boolean> }>('GET', '/voicemail/settings')).greetings.busy).to.equal(true);

    // Recorded in the browser (Chromium's synthetic microphone), sent as WAV.
    await page.getByRole('button', { name: 'Record Unavailable greeting' }).click();
    await page.getByRole('status').filter({ hasText: 'Recording…' }).waitFor();
    await page.waitForTimeout(1500); // a greeting needs some length: this is the person speaking
    await page.getByRole('button', { name: 'Stop and save Unavailable greeting' }).click();
    await page.getByRole('status').filter({ hasText: 'Greeting saved.' }).waitFor();
    expect((await api<{ greetings: Record<string, boolean> }>('GET', '/voicemail/settings')).greetings.unavailable).to.equal(true);

    // Forward to Carol and e-mail: each answered by the API.
    page.once('dialog', (d) => void d.accept('1008'));
    await table.locator('tbody tr').filter({ hasText: 'Acme Supplier' }).getByRole('button', { name: 'Forward' }).click();
    await page.getByRole('status').filter({ hasText: 'Forwarded to 1008.' }).waitFor();
    const carolApi = await apiAs(world.sb, '1008');
    expect((await carolApi<{ messages: Message[] }>('GET', '/voicemail/messages')).messages.map((m) => m.callerName)).to.include('Acme Supplier');
    // Mark is no attendant user and hidden from the directory; he has a mailbox, so Forward reaches him.
    const mark = await world.sb.app.db.selectFrom('users').select('id').where('extension', '=', '1006').executeTakeFirstOrThrow();
    await world.sb.app.db.updateTable('users').set({ hidden_from_directory: 1 }).where('id', '=', mark.id).execute();
    await world.sb.app.db.deleteFrom('user_services').where('user_id', '=', mark.id).where('service', '=', 'attendant').execute();
    page.once('dialog', (d) => void d.accept('1006'));
    await table.locator('tbody tr').filter({ hasText: 'Acme Supplier' }).getByRole('button', { name: 'Forward' }).click();
    await page.getByRole('status').filter({ hasText: 'Forwarded to 1006.' }).waitFor();
    const markApi = await apiAs(world.sb, '1006');
    expect((await markApi<{ messages: Message[] }>('GET', '/voicemail/messages')).messages.map((m) => m.callerName)).to.include('Acme Supplier');
    page.once('dialog', (d) => void d.accept('mary.home@example.org'));
    await table.locator('tbody tr').filter({ hasText: 'Acme Supplier' }).getByRole('button', { name: 'E-mail' }).click();
    await page.getByRole('status').filter({ hasText: 'Sending to mary.home@example.org.' }).waitFor();
    await context.close();
  });
});
