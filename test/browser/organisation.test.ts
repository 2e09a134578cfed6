import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { apiAs, goTo, screenshot, signIn, startPortal, type PortalWorld } from './browser-support.js';

interface User { id: number; extension: string; name: string; type: string; services: string[]; hiddenFromDirectory: boolean }

describe('portal: an administrator runs the organisation (bulk edit, CSV, company number, schedules)', () => {
  let world: PortalWorld;
  before(async () => { world = await startPortal(); });
  after(async () => { await world?.close(); });

  it('selects three users and changes their type and services at once, then exports and imports CSV', async () => {
    const { page, context } = await signIn(world, 'olivia@acme.example');
    const api = await apiAs(world.sb, '1001');
    await goTo(page, 'Users');
    for (const name of ['Mary Jones', 'Mark Jones', 'Bob Smith']) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    await page.getByRole('heading', { name: 'Change 3 selected users' }).waitFor();
    await page.getByLabel('Set type').selectOption('floating_agent');
    await page.getByRole('checkbox', { name: 'Add executive' }).check();
    await page.getByRole('checkbox', { name: 'Remove voicemail' }).check();
    await page.getByLabel('Hidden from the directory').selectOption('yes');
    await page.getByRole('button', { name: 'Apply to 3 selected' }).click();
    await page.getByRole('status').filter({ hasText: 'Updated 3 users.' }).waitFor();
    await screenshot(page, 'users-bulk');
    const users = (await api<{ users: User[] }>('GET', '/users')).users;
    for (const ext of ['1005', '1006', '1007']) {
      const u = users.find((x) => x.extension === ext)!;
      expect(u.type, ext).to.equal('floating_agent');
      expect(u.services, ext).to.include('executive').and.not.include('voicemail');
      expect(u.hiddenFromDirectory, ext).to.equal(true);
    }
    expect(users.find((x) => x.extension === '1008')!.type, 'Carol was not selected').to.equal('agent');

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export users as CSV' }).click();
    const csv = readFileSync(await (await downloading).path(), 'utf8');
    expect(csv.split('\n')[0]).to.contain('extension').and.contain('name');
    expect(csv).to.contain('Carol White');

    const file = join(world.sb.dir, 'import.csv');
    writeFileSync(file, 'extension,name,email,type,services\n1011,Ivy Import,ivy@acme.example,agent,voicemail\n1008,Carol Whyte,,,\n');
    await page.getByLabel('Import users from CSV').setInputFiles(file);
    await page.getByRole('status').filter({ hasText: 'Imported: 1 created, 1 updated.' }).waitFor();
    await page.getByRole('link', { name: 'Ivy Import', exact: true }).waitFor();
    const after = (await api<{ users: User[] }>('GET', '/users')).users;
    expect(after.find((u) => u.extension === '1011')).to.deep.include({ name: 'Ivy Import', services: ['voicemail'] });
    expect(after.find((u) => u.extension === '1008')!.name).to.equal('Carol Whyte');

    // A CSV without the required columns is refused with the API's reason.
    writeFileSync(file, 'name\nNobody\n');
    await page.getByLabel('Import users from CSV').setInputFiles(file);
    expect(await page.getByRole('alert').textContent()).to.contain('header.extension');
    await context.close();
  });

  it('turns voicemail e-mail off and unlocks the mailboxes of two selected users: Alice sees it on her Voicemail page, the audit log shows old → new', async () => {
    const [alice, aaron] = world.sb.demo!.assistants;
    // Alice locked her mailbox with wrong PINs by phone.
    await world.sb.app.db.insertInto('voicemail_boxes').values({ user_id: alice.id, notify: 'email', pin_failures: 3, locked_at: new Date().toISOString(), greeting_unavailable: null, greeting_busy: null, greeting_out_of_office: null, greeting_after_hours: null, greeting_name: null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ pin_failures: 3, locked_at: new Date().toISOString() })).execute();
    const mine = await signIn(world, 'alice@acme.example');
    await goTo(mine.page, 'Voicemail');
    await mine.page.getByText('Your mailbox is locked after too many wrong PINs').waitFor();

    const { page, context } = await signIn(world, 'olivia@acme.example');
    await goTo(page, 'Users');
    for (const name of [alice.name, aaron.name]) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
    const bulk = page.getByRole('form', { name: 'Change 2 selected users' });
    // A PIN the phone would refuse is refused here too, naming the field, and nothing changes.
    await bulk.getByLabel('Voicemail notification').selectOption({ label: 'No e-mail' });
    await bulk.getByLabel('New voicemail PIN').fill('0000');
    await bulk.getByRole('button', { name: 'Apply to 2 selected' }).click();
    expect(await bulk.getByRole('alert').textContent()).to.contain('set.voicemailPin').and.contain('not all the same digit');
    await bulk.getByLabel('New voicemail PIN').fill('');
    await bulk.getByRole('checkbox', { name: 'Unlock mailboxes locked by wrong PINs' }).check();
    await bulk.getByRole('button', { name: 'Apply to 2 selected' }).click();
    await page.getByRole('status').filter({ hasText: 'Updated 2 users.' }).waitFor();

    await mine.page.reload();
    await mine.page.getByRole('heading', { name: 'Notification' }).waitFor();
    expect(await mine.page.getByLabel('When a message arrives').inputValue()).to.equal('none');
    expect(await mine.page.getByText('Your mailbox is locked').count(), 'unlocked').to.equal(0);

    await goTo(page, 'Audit log');
    await page.getByLabel('Search the audit log').fill('bulk');
    const rows = page.getByRole('table').getByRole('row');
    await rows.filter({ hasText: 'Alice Assistant (1003) (bulk edit): Voicemail notify: email → none; Mailbox locked: true → false' }).waitFor();
    await rows.filter({ hasText: 'Aaron Assistant (1004) (bulk edit): Voicemail notify: email → none' }).waitFor();
    await mine.context.close();
    await context.close();
  });

  it('sets the company number, operator, business hours, a holiday and voicemail retention', async () => {
    const { page, context } = await signIn(world, 'olivia@acme.example');
    const api = await apiAs(world.sb, '1001');
    await goTo(page, 'Organisation');
    await page.getByLabel('Company DID').fill('5552999');
    await page.getByLabel('Operator', { exact: true }).fill('1008');
    await page.getByRole('button', { name: 'Save attendant' }).click();
    await page.getByRole('status').filter({ hasText: 'Attendant saved.' }).waitFor();
    expect(await api('GET', '/attendant/settings')).to.deep.include({ companyDid: '5552999', operatorDestination: '1008' });

    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save attendant' }).click();
    expect(await page.getByRole('alert').first().textContent()).to.contain('timezone');
    await page.getByLabel('Time zone').fill('Europe/London');
    await page.getByRole('button', { name: 'Save attendant' }).click();
    await page.getByRole('status').filter({ hasText: 'Attendant saved.' }).waitFor();
    expect(await api('GET', '/attendant/settings')).to.deep.include({ timezone: 'Europe/London' });

    await page.getByRole('checkbox', { name: 'Saturday' }).check();
    await page.getByLabel('Saturday closes').fill('12:00');
    await page.getByRole('button', { name: 'Save business hours' }).click();
    await page.getByRole('status').filter({ hasText: 'Business hours saved.' }).waitFor();
    const hours = (await api<{ hours: Array<{ dayOfWeek: number; opens: string; closes: string }> }>('GET', '/attendant/business-hours')).hours;
    expect(hours.find((h) => h.dayOfWeek === 6)).to.deep.equal({ dayOfWeek: 6, opens: '09:00', closes: '12:00' });

    await page.getByLabel('Holiday name').fill('Company day');
    await page.getByLabel('First day').fill('2026-12-28');
    await page.getByLabel('Last day').fill('2026-12-29');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByText('2026-12-28 – 2026-12-29').waitFor();
    const holidays = (await api<{ holidays: Array<{ name: string; startsOn: string; endsOn: string }> }>('GET', '/attendant/holidays')).holidays;
    expect(holidays.find((h) => h.name === 'Company day')).to.deep.include({ startsOn: '2026-12-28', endsOn: '2026-12-29' });

    await page.getByLabel('Keep messages for (days)').fill('90');
    await page.getByRole('checkbox', { name: 'Users may forward messages to other users' }).uncheck();
    await page.getByRole('button', { name: 'Save voicemail rules' }).click();
    await page.getByRole('status').filter({ hasText: 'Voicemail rules saved.' }).waitFor();
    expect(await api('GET', '/voicemail/organisation-settings')).to.deep.include({ retentionDays: 90, allowForwardToUsers: false });
    await screenshot(page, 'organisation');
    await context.close();
  });

  it('sets the outside-line prefix and caller ID; a dial string or a number the organisation does not own is refused saying why', async () => {
    const { page, context } = await signIn(world, 'olivia@acme.example');
    const api = await apiAs(world.sb, '1001');
    await goTo(page, 'Organisation');
    const outside = page.getByRole('form', { name: 'Outside calls' });
    expect(await outside.getByLabel('Outside line prefix').inputValue(), 'the default route').to.equal('9');

    // A dial string to any host typed as the prefix: refused, naming the field and saying why.
    await outside.getByLabel('Outside line prefix').fill('PJSIP/trunk/sip:0900@203.0.113.5');
    await outside.getByRole('button', { name: 'Save outside calls' }).click();
    const refusal = await outside.getByRole('alert').textContent();
    expect(refusal).to.contain('outboundPrefix').and.contain('not a dial string').and.contain('outbound trunk');

    // Someone else's number as caller ID: refused, the field named.
    await outside.getByLabel('Outside line prefix').fill('8');
    await outside.getByLabel('Caller ID for outside calls').fill('5550009');
    await outside.getByRole('button', { name: 'Save outside calls' }).click();
    await outside.getByRole('alert').filter({ hasText: 'outboundCallerId' }).waitFor();
    expect(await outside.getByRole('alert').textContent()).to.contain('DID of one of the organisation');
    expect(await api('GET', '/attendant/settings'), 'nothing saved by a refusal').to.deep.include({ outboundPrefix: '9', outboundCallerId: null });

    // Mary's DID is the organisation's: saved, and shown again after a reload.
    await outside.getByLabel('Caller ID for outside calls').fill('5552005');
    await outside.getByRole('button', { name: 'Save outside calls' }).click();
    await outside.getByRole('status').filter({ hasText: 'Outside calls saved.' }).waitFor();
    expect(await api('GET', '/attendant/settings')).to.deep.include({ outboundPrefix: '8', outboundCallerId: '5552005' });
    // Saving the attendant form next to it leaves the route alone.
    await page.getByRole('button', { name: 'Save attendant' }).click();
    await page.getByRole('status').filter({ hasText: 'Attendant saved.' }).waitFor();
    await page.reload();
    expect(await outside.getByLabel('Outside line prefix').inputValue()).to.equal('8');
    expect(await outside.getByLabel('Caller ID for outside calls').inputValue()).to.equal('5552005');
    await screenshot(page, 'organisation-outside-calls');

    // No outside calls from phones at all: the prefix is cleared and its box greyed out.
    await outside.getByRole('checkbox', { name: 'Phones may call outside numbers' }).uncheck();
    expect(await outside.getByLabel('Outside line prefix').isDisabled()).to.equal(true);
    await outside.getByRole('button', { name: 'Save outside calls' }).click();
    await outside.getByRole('status').filter({ hasText: 'Outside calls saved.' }).waitFor();
    expect(await api('GET', '/attendant/settings')).to.deep.include({ outboundPrefix: null });
    await api('PATCH', '/attendant/settings', { outboundPrefix: '9', outboundCallerId: null });
    await context.close();
  });

  it('uploads the after-hours company greeting and records the holiday one in the browser; removes one again', async () => {
    const { page, context } = await signIn(world, 'olivia@acme.example');
    const api = await apiAs(world.sb, '1001');
    await goTo(page, 'Organisation');
    const card = page.getByRole('region', { name: 'Company greetings' });
    const file = join(world.sb.dir, 'company-after-hours.wav');
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', file, 'synth', '1.5', 'sine', '300']);
    await card.getByLabel('Upload the after hours company greeting').setInputFiles(file);
    await card.getByRole('status').filter({ hasText: 'Greeting saved.' }).waitFor();
    await card.getByRole('listitem').filter({ hasText: 'After hours' }).getByText('Recorded').waitFor();

    // Recorded with Chromium's synthetic microphone, sent as WAV.
    await card.getByRole('button', { name: 'Record Holiday company greeting' }).click();
    await card.getByRole('status').filter({ hasText: 'Recording…' }).waitFor();
    await page.waitForTimeout(1500); // a greeting needs some length: this is the administrator speaking
    await card.getByRole('button', { name: 'Stop and save Holiday company greeting' }).click();
    await card.getByRole('status').filter({ hasText: 'Greeting saved.' }).waitFor();
    expect(await api('GET', '/attendant/greetings')).to.deep.equal({ greetings: { 'business-hours': false, 'after-hours': true, holiday: true } });

    await card.getByRole('button', { name: 'Remove Holiday company greeting' }).click();
    await card.getByRole('status').filter({ hasText: 'Greeting removed.' }).waitFor();
    await card.getByRole('listitem').filter({ hasText: 'Holiday' }).getByText('Prompt').waitFor();
    expect(await api('GET', '/attendant/greetings')).to.deep.equal({ greetings: { 'business-hours': false, 'after-hours': true, holiday: false } });
    await context.close();
  });

  it('manages Erin\'s executive settings from her user page: adds Mark to her pool after he gets the assistant service', async () => {
    const { page, context } = await signIn(world, 'olivia@acme.example');
    const api = await apiAs(world.sb, '1001');
    const mark = (await api<{ users: User[] }>('GET', '/users?search=Mark')).users[0]!;
    await api('PATCH', `/users/${mark.id}`, { services: [...new Set([...mark.services, 'assistant'])] });
    await goTo(page, 'Users');
    await page.getByRole('link', { name: 'Erin Executive', exact: true }).click();
    await page.getByRole('link', { name: 'Executive settings' }).click();
    await page.getByRole('heading', { name: 'Executive settings for Erin Executive' }).waitFor();
    await page.getByLabel('Add an assistant by extension').selectOption('1006');
    await page.getByRole('button', { name: 'Add assistant' }).click();
    await page.getByRole('list', { name: 'Assistants in alerting order' }).getByText('3. Mark Jones').waitFor();
    const pool = await api<{ assistants: Array<{ extension: string }> }>('GET', `/executives/${world.sb.demo!.executive.id}/assistants`);
    expect(pool.assistants.map((a) => a.extension)).to.deep.equal(['1003', '1004', '1006']);
    await context.close();
  });
});
