import { expect } from 'chai';
import { apiAs, goTo, screenshot, signIn, startPortal, type PortalWorld } from './browser-support.js';

interface Pool { allowOptInOut: boolean; assistants: Array<{ assistantId: number; extension: string; optedIn: boolean }> }
interface Filtering { enabled: boolean; mode: string; criteria: Array<{ name: string; action: string; callers: { kind: string; numbers: string[] }; timeSchedule: unknown; holidaySchedule: unknown }> }

describe('portal: an executive and an assistant in Chromium', () => {
  let world: PortalWorld;
  before(async () => { world = await startPortal(); });
  after(async () => { await world?.close(); });

  it('Erin reorders her assistants with the buttons, adds none twice, and turns filtering to a criterion', async () => {
    const { page, context } = await signIn(world, 'erin@acme.example');
    const api = await apiAs(world.sb, '1002');
    const erinId = world.sb.demo!.executive.id;
    await goTo(page, 'Executive');
    const pool = page.getByRole('list', { name: 'Assistants in alerting order' });
    await pool.getByText('1. Alice Assistant').waitFor();
    await page.getByRole('button', { name: 'Move Aaron Assistant up' }).click();
    expect(await pool.getByRole('listitem').first().textContent()).to.contain('1. Aaron Assistant');
    await page.getByRole('checkbox', { name: 'Assistants may opt in and out' }).uncheck();
    await page.getByRole('button', { name: 'Save assistants' }).click();
    await page.getByRole('status').filter({ hasText: 'Assistants saved.' }).waitFor();
    const stored = await api<Pool>('GET', `/executives/${erinId}/assistants`);
    expect(stored.assistants.map((a) => a.extension)).to.deep.equal(['1004', '1003']);
    expect(stored.allowOptInOut).to.equal(false);

    // Dragging works as well as the buttons.
    await pool.getByRole('listitem').filter({ hasText: 'Alice Assistant' }).dragTo(pool.getByRole('listitem').filter({ hasText: 'Aaron Assistant' }));
    expect(await pool.getByRole('listitem').first().textContent()).to.contain('1. Alice Assistant');
    await page.getByRole('button', { name: 'Save assistants' }).click();
    await page.getByRole('status').filter({ hasText: 'Assistants saved.' }).waitFor();
    expect((await api<Pool>('GET', `/executives/${erinId}/assistants`)).assistants.map((a) => a.extension)).to.deep.equal(['1003', '1004']);

    // Someone who is no assistant is refused with the API's reason.
    await page.getByLabel('Add an assistant by extension').fill('1007');
    await page.getByRole('button', { name: 'Add assistant' }).click();
    await page.getByRole('alert').filter({ hasText: /assistant/ }).waitFor();

    await page.getByLabel('Calls to filter').selectOption('criteria');
    await page.getByRole('button', { name: 'Add a criterion' }).click();
    await page.getByLabel('Criterion 1 name').fill('Board members');
    await page.getByLabel('Criterion 1 action').selectOption('let-through');
    await page.getByLabel('Criterion 1 callers').selectOption('listed');
    await page.getByLabel('Criterion 1 caller numbers').fill('5550001, 555009*');
    await page.getByRole('checkbox', { name: 'Only at these times' }).check();
    await page.getByRole('button', { name: 'Add times to criterion 1' }).click();
    await page.getByLabel('Criterion 1 slot 2 until').fill('13:00');
    await page.getByRole('checkbox', { name: 'Only on holidays' }).check();
    await page.getByLabel('Criterion 1 holiday name').fill('Year end');
    await page.getByLabel('Criterion 1 holiday from').fill('2026-12-24');
    await page.getByLabel('Criterion 1 holiday to').fill('2026-12-20');
    await page.getByRole('button', { name: 'Save filtering' }).click();
    expect(await page.getByRole('alert').filter({ hasText: 'holidaySchedule' }).textContent()).to.contain('from must not be after to');
    await page.getByLabel('Criterion 1 holiday to').fill('2026-12-31');
    await page.getByRole('button', { name: 'Save filtering' }).click();
    await page.getByRole('status').filter({ hasText: 'Filtering saved.' }).waitFor();
    const filtering = await api<Filtering>('GET', `/executives/${erinId}/filtering`);
    expect(filtering.mode).to.equal('criteria');
    expect(filtering.criteria).to.have.length(1);
    expect(filtering.criteria[0]).to.deep.include({ name: 'Board members', action: 'let-through', timeSchedule: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }, { days: [6], start: '10:00', end: '13:00' }],
      holidaySchedule: [{ name: 'Year end', from: '2026-12-24', to: '2026-12-31' }] });
    expect(filtering.criteria[0]!.callers).to.deep.include({ kind: 'listed', numbers: ['5550001', '555009*'] });

    await page.getByLabel('Alerting mode').selectOption('sequential');
    await page.getByLabel('Rings before the next assistant').fill('3');
    await page.getByLabel('Caller ID name shown to assistants').selectOption('custom');
    await page.getByLabel('Custom caller ID name').fill('Erin line');
    await page.getByLabel('Rollover action').selectOption('forward');
    await page.getByLabel('Forward to').fill('');
    await page.getByRole('button', { name: 'Save alerting' }).click();
    expect(await page.getByRole('alert').filter({ hasText: 'forwardNumber' }).textContent()).to.contain('required to forward');
    await page.getByLabel('Forward to').fill('5550002');
    await page.getByRole('button', { name: 'Save alerting' }).click();
    await page.getByRole('status').filter({ hasText: 'Alerting saved.' }).waitFor();
    const alerting = await api<{ mode: string; ringsToAdvance: number; callerIdName: { mode: string; custom: string }; rollover: { action: string; forwardNumber: string } }>('GET', `/executives/${erinId}/alerting`);
    expect(alerting).to.deep.include({ mode: 'sequential', ringsToAdvance: 3 });
    expect(alerting.callerIdName).to.deep.equal({ mode: 'custom', custom: 'Erin line' });
    expect(alerting.rollover).to.include({ action: 'forward', forwardNumber: '5550002' });

    await page.getByRole('checkbox', { name: 'Screening on' }).check();
    await page.getByLabel('Alert type').selectOption('ring-splash');
    await page.getByRole('button', { name: 'Save screening' }).click();
    await page.getByRole('status').filter({ hasText: 'Screening saved.' }).waitFor();
    expect(await api<{ enabled: boolean; alertType: string }>('GET', `/executives/${erinId}/screening`)).to.include({ enabled: true, alertType: 'ring-splash' });
    await screenshot(page, 'executive-settings');
    await context.close();
  });

  it('Alice diverts, changes Erin\'s filtering but never sees the pool; opting out is refused while Erin forbids it', async () => {
    const erinId = world.sb.demo!.executive.id;
    const alice = world.sb.demo!.assistants[0]!;
    const erinApi = await apiAs(world.sb, '1002');
    await erinApi('PUT', `/executives/${erinId}/assistants`, { allowOptInOut: false });
    const { page, context } = await signIn(world, 'alice@acme.example');
    const api = await apiAs(world.sb, '1003');
    await goTo(page, 'My executives');
    const optIn = page.getByRole('checkbox', { name: 'Opted in to Erin Executive' });
    expect(await optIn.isChecked()).to.equal(true);
    // The box follows what the server stored, so a refusal leaves it ticked.
    await optIn.click();
    expect(await page.getByRole('alert').textContent()).to.contain('does not allow assistants to opt in or out');
    expect(await optIn.isChecked()).to.equal(true);

    await erinApi('PUT', `/executives/${erinId}/assistants`, { allowOptInOut: true });
    await page.reload();
    await page.getByRole('checkbox', { name: 'Opted in to Erin Executive' }).click();
    await page.getByRole('status').filter({ hasText: "Opted out of Erin Executive's calls." }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Opted in to Erin Executive' }).isChecked()).to.equal(false);
    const pool = await erinApi<Pool>('GET', `/executives/${erinId}/assistants`);
    expect(pool.assistants.find((a) => a.assistantId === alice.id)!.optedIn).to.equal(false);

    await page.getByRole('checkbox', { name: 'Divert filtered calls' }).check();
    await page.getByLabel('Divert to').fill('5550004');
    await page.getByRole('button', { name: 'Save divert' }).click();
    await page.getByRole('status').filter({ hasText: 'Divert saved.' }).waitFor();
    expect((await api<{ divert: unknown }>('GET', `/assistants/${alice.id}/settings`)).divert).to.deep.equal({ enabled: true, number: '5550004' });
    await screenshot(page, 'assistant');

    await page.getByRole('link', { name: 'Settings of Erin Executive' }).click();
    await page.getByRole('heading', { name: 'Executive settings for Erin Executive' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Assistants' }).count(), 'no pool for an assistant').to.equal(0);
    await page.getByRole('checkbox', { name: /Filtering on/ }).uncheck();
    await page.getByRole('button', { name: 'Save filtering' }).click();
    await page.getByRole('status').filter({ hasText: 'Filtering saved.' }).waitFor();
    expect((await erinApi<Filtering>('GET', `/executives/${erinId}/filtering`)).enabled).to.equal(false);
    await context.close();
  });
});
