import { expect } from 'chai';
import type { Kysely } from 'kysely';
import { runCli } from '../../../src/cli/cli.js';
import type { CliIo } from '../../../src/cli/io.js';
import { openStore } from '../../../src/cli/store.js';
import { loadConfig } from '../../../src/config.js';
import type { Database } from '../../../src/store/schema.js';
import { verifySecret } from '../../../src/users/password.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('switchboard init', () => {
  let dir: string;
  let env: Record<string, string>;
  let db: Kysely<Database>;
  const flags = ['--organisation', 'Northwind Traders', '--timezone', 'Europe/London', '--company-did', '5552000',
    '--admin-name', 'Ada Admin', '--admin-email', 'ada@northwind.example', '--admin-extension', '1001'];

  /** Runs the command as a non-interactive shell would (no terminal to ask on). */
  async function run(args: string[], extraEnv: Record<string, string> = {}, ask?: CliIo['ask']) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { env: { ...env, ...extraEnv }, out: (l) => { out.push(l); }, err: (l) => { err.push(l); }, ask });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'init-test-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'store.db')}` };
    db = await openStore(loadConfig(env));
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the organisation and an administrator who can sign in with the password', async () => {
    const { code, out } = await run(['init', ...flags, '--admin-password', 'Harbour-Lights-7']);
    expect(code).to.equal(0);
    expect(out).to.contain('created organisation Northwind Traders (time zone Europe/London, company number 0 / 5552000, operator 1001)');
    const admin = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(admin).to.include({ name: 'Ada Admin', email: 'ada@northwind.example', extension: '1001', role: 'admin' });
    expect(await verifySecret('Harbour-Lights-7', admin.password_hash)).to.equal(true);
  });

  it('run again: changes nothing; with a new time zone: updates only that', async () => {
    await run(['init', ...flags, '--admin-password', 'Harbour-Lights-7']);
    const again = await run(['init', ...flags, '--admin-password', 'Harbour-Lights-7']);
    expect(again.out).to.contain('organisation Northwind Traders already set up: unchanged');
    expect(again.out).to.contain('administrator Ada Admin (1001, ada@northwind.example) already exists: unchanged');
    const moved = await run(['init', ...flags.map((f) => (f === 'Europe/London' ? 'Europe/Dublin' : f)), '--admin-password', 'Harbour-Lights-7']);
    expect(moved.out).to.contain('updated organisation Northwind Traders: timezone Europe/Dublin');
    expect(await db.selectFrom('organisations').select('id').execute()).to.have.length(1);
    expect(await db.selectFrom('users').select('id').execute()).to.have.length(1);
  });

  it('refuses a weak password, saying why, and creates nothing', async () => {
    const { code, err } = await run(['init', ...flags, '--admin-password', 'northwind2026']);
    expect(code).to.equal(1);
    expect(err).to.contain('--admin-password: too weak');
    expect(await db.selectFrom('organisations').select('id').execute()).to.have.length(0);
  });

  it('with no terminal, names the missing flags; bad values name their flag', async () => {
    const missing = await run(['init', '--organisation', 'Northwind']);
    expect(missing.code).to.equal(2);
    expect(missing.err).to.contain('missing --admin-name, --admin-email, --admin-extension, --admin-password');
    const badZone = await run(['init', ...flags.map((f) => (f === 'Europe/London' ? 'Mars/Olympus' : f)), '--admin-password', 'Harbour-Lights-7']);
    expect(badZone.err).to.contain('--timezone: must be an IANA time zone');
  });

  it('takes the password from SWITCHBOARD_ADMIN_PASSWORD, and asks on a terminal for what is missing', async () => {
    const fromEnv = await run(['init', ...flags], { SWITCHBOARD_ADMIN_PASSWORD: 'Harbour-Lights-7' });
    expect(fromEnv.code, fromEnv.err).to.equal(0);
    const asked: string[] = [];
    const answers: Record<string, string> = { 'Administrator: full name': 'Bo Boss', 'Administrator: e-mail (signs in with it)': 'bo@northwind.example', 'Administrator: extension': '1002', 'Administrator: password': 'Quiet-Meadow-42' };
    const viaTerminal = await run(['init', '--organisation', 'Northwind Traders', '--timezone', 'Europe/London', '--company-did', '5552000', '--operator', '1001'], {}, async (question) => { asked.push(question); return answers[question] ?? ''; });
    expect(viaTerminal.code, viaTerminal.err).to.equal(0);
    expect(asked).to.deep.equal(['Company number: internal extension', 'Administrator: full name', 'Administrator: e-mail (signs in with it)', 'Administrator: extension', 'Administrator: password']);
    expect(viaTerminal.out).to.contain('created administrator Bo Boss (extension 1002');
  });
});
