import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { ApiClient } from '../../support/api-client.js';
import { audioStats, tail } from '../../support/audio.js';
import { bridgedDevices, expectNothingLeft, resetAsterisk } from '../../support/asterisk-state.js';
import { startPhones } from '../../support/phones.js';
import { startSwitchboard, type RunningSwitchboard } from '../../support/switchboard.js';
import { asteriskEnv } from './ops-support.js';

/** The `switchboard` command as an administrator types it: the real bin, in a child process with a deadline. */
function switchboard(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/switchboard.js', ...args], { env: { ...process.env, ...asteriskEnv(), ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout, err: stderr });
    });
  });
}

describe("a PBX administrator's first day: empty store, init, import from Asterisk, sign in, a call", () => {
  let sb: RunningSwitchboard;
  let phones: Awaited<ReturnType<typeof startPhones<'nadia' | 'tomas'>>> | undefined;

  before(resetAsterisk);
  after(async () => {
    await phones?.stopAll();
    await sb?.stop();
  });

  it('Ada sets Switchboard up on the PBX and Nadia calls Tomas through it', async () => {
    // The controller starts against the local Asterisk with nothing in its store.
    sb = await startSwitchboard({ seed: false });
    const env = { DATABASE_URL: sb.config.database.url, HTTP_PORT: String(sb.app.httpPort) };
    expect((await fetch(`${sb.baseUrl}/api/health`)).status).to.equal(200);
    expect(await sb.app.db.selectFrom('users').select('id').execute()).to.have.length(0);

    // A weak password is refused, then init with flags creates the organisation and Ada.
    const initFlags = ['--organisation', 'Northwind Traders', '--timezone', 'Europe/London', '--company-extension', '0', '--company-did', '5552000',
      '--admin-name', 'Ada Admin', '--admin-email', 'ada@northwind.example', '--admin-extension', '1001'];
    const weak = await switchboard(['init', ...initFlags, '--admin-password', 'password1'], env);
    expect(weak.code).to.equal(1);
    expect(weak.err).to.contain('--admin-password: too weak');
    const init = await switchboard(['init', ...initFlags, '--admin-password', 'Harbour-Lights-7'], env);
    expect(init.code, init.err).to.equal(0);
    expect(init.out).to.contain('created organisation Northwind Traders (time zone Europe/London, company number 0 / 5552000, operator 1001)');
    expect(init.out).to.contain('created administrator Ada Admin (extension 1001, device PJSIP/1001); sign in to the portal as ada@northwind.example');
    const again = await switchboard(['init', ...initFlags, '--admin-password', 'Harbour-Lights-7'], env);
    expect(again.out).to.contain('organisation Northwind Traders already set up: unchanged');

    // The dry run shows what the import would do and changes nothing; then the import.
    const dryRun = await switchboard(['users', 'import', '--from-asterisk', '--dry-run'], env);
    expect(dryRun.code, dryRun.err).to.equal(0);
    expect(dryRun.out).to.contain('would create 1019 Nadia Novak (device PJSIP/1019, name from caller ID)');
    expect(dryRun.out).to.contain('unchanged 1001 Ada Admin (already a user)');
    expect(dryRun.out).to.match(/skipped PJSIP\/5550001: its calls start in context switchboard-inbound/);
    expect(dryRun.out).to.contain('nothing was changed');
    expect(await sb.app.db.selectFrom('users').select('id').execute()).to.have.length(1);
    const imported = await switchboard(['users', 'import', '--from-asterisk'], env);
    expect(imported.code, imported.err).to.equal(0);
    expect(imported.out).to.contain('created 1019 Nadia Novak (device PJSIP/1019, name from caller ID)');
    expect(imported.out).to.contain('created 1020 Tomas Berg (device PJSIP/1020, name from caller ID)');
    expect(imported.out).to.contain('created 1002 Extension 1002 (device PJSIP/1002, no caller ID name)');

    // Ada signs in to the portal's API and finds the imported users with their phones.
    const ada = await ApiClient.signIn(sb.baseUrl, 'ada@northwind.example', 'Harbour-Lights-7');
    const me = await ada.get<{ user: { name: string; role: string } }>('/api/auth/me');
    expect(me.status).to.equal(200);
    expect(me.body.user).to.include({ name: 'Ada Admin', role: 'admin' });
    const found = await ada.get<{ users: Array<{ extension: string; name: string; locations: Array<{ kind: string; address: string }> }> }>('/api/users?search=Nadia');
    expect(found.body.users.map((u) => [u.extension, u.name, u.locations[0]?.address])).to.deep.equal([['1019', 'Nadia Novak', 'PJSIP/1019']]);

    // Nadia calls Tomas on real phones: Tomas rings showing Nadia, answers, and hears her.
    phones = await startPhones({ nadia: '1019', tomas: '1020' });
    const { nadia, tomas } = phones;
    const [n, t] = [nadia.mark(), tomas.mark()];
    await nadia.dial('1020');
    const incoming = await tomas.waitForEvent('CALL_INCOMING', 10_000, t);
    expect(String(incoming.peeruri)).to.contain('1019');
    await tomas.answer();
    await nadia.waitForEvent('CALL_ESTABLISHED', 10_000, n);
    expect(await bridgedDevices()).to.deep.equal([['PJSIP/1019', 'PJSIP/1020']]);
    // Let them talk for three seconds: what Tomas heard is then long enough to measure.
    await new Promise((r) => setTimeout(r, 3000));
    await nadia.hangup();
    await tomas.waitForEvent('CALL_CLOSED', 10_000, t);
    const heard = tomas.recordings().at(-1);
    expect(heard, 'Tomas recorded the call').to.be.a('string');
    const stats = audioStats(tail(heard!, 2, `${heard}.tail.wav`));
    expect(stats.rms, 'Tomas heard sound, not silence').to.be.greaterThan(0.05);
    expect(stats.roughFrequency, "Tomas heard Nadia's tone").to.be.within(phones.toneOf(nadia) - 60, phones.toneOf(nadia) + 60);
    await expectNothingLeft();
  });
});
