import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { runDoctor } from './doctor/doctor.js';
import { collectInitInput, initialise, INIT_FIELDS, type InitFlag } from './init.js';
import { CliError, UsageError, type CliIo } from './io.js';
import { openStore, theOrganisation } from './store.js';
import { importFromAsterisk, importFromCsv } from './users-import.js';

const USAGE = `usage: switchboard <command> [options]

  init                          create the organisation and its first administrator
      ${INIT_FIELDS.map((f) => `--${f.flag} <value>`).join('\n      ')}
                                (missing values are asked for on a terminal; the password
                                may come from SWITCHBOARD_ADMIN_PASSWORD instead of the flag)
  users import <file.csv>       create or update users from the portal's CSV format
  users import --from-asterisk  make users of the PJSIP endpoints in the internal context
      --dry-run                 show what would change, change nothing
      --organisation <id>       when the store holds several organisations
  doctor                        check the Asterisk this controller is configured for
      --trunk-number <number>   also place a test call out through the outbound trunk

Configuration is the controller's own: ARI_URL, ARI_USER, ARI_PASSWORD, ARI_APP,
DATABASE_URL, MEDIA_BASE_URL, OUTBOUND_DIAL_STRING, ... (README, "Configuration").`;

/** Runs one command; resolves to the exit status (0 ok, 1 failed, 2 wrong usage or configuration). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'init': return await init(rest, io);
      case 'users': return await users(rest, io);
      case 'doctor': return await doctor(rest, io);
      case undefined: case 'help': case '--help': case '-h': io.out(USAGE); return command === undefined ? 2 : 0;
      default: throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) { io.err(`switchboard: ${error.message}`); io.err(USAGE); return 2; }
    if (error instanceof ConfigError) { io.err(`switchboard: ${error.message}`); return 2; }
    if (error instanceof CliError) { io.err(`switchboard: ${error.message}`); return 1; }
    throw error;
  }
}

function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function withStore<T>(config: Config, fn: (db: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const db = await openStore(config);
  try { return await fn(db); } finally { await db.destroy(); }
}

async function init(args: string[], io: CliIo): Promise<number> {
  const options = Object.fromEntries(INIT_FIELDS.map((f) => [f.flag, { type: 'string' as const }]));
  const { values } = parse(args, options);
  const config = loadConfig(io.env);
  const input = await collectInitInput(values as Partial<Record<InitFlag, string>>, io);
  const lines = await withStore(config, (db) => initialise(db, input));
  for (const line of lines) io.out(line);
  return 0;
}

async function users(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import') throw new UsageError(`unknown command users ${sub ?? ''}`.trim());
  const { values, positionals } = parse(rest, {
    'from-asterisk': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, 'organisation': { type: 'string' },
  }, true);
  const fromAsterisk = values['from-asterisk'] === true;
  if (fromAsterisk === (positionals.length > 0) || positionals.length > 1) throw new UsageError('users import takes a CSV file or --from-asterisk');
  const organisationId = values.organisation === undefined ? undefined : Number(values.organisation);
  if (organisationId !== undefined && !Number.isInteger(organisationId)) throw new UsageError('--organisation: must be an organisation id');
  const config = loadConfig(io.env);
  const dryRun = values['dry-run'] === true;
  await withStore(config, async (db) => {
    const organisation = await theOrganisation(db, organisationId);
    if (fromAsterisk) await importFromAsterisk(db, organisation.id, config, io, dryRun);
    else await importFromCsv(db, organisation.id, positionals[0]!, io, dryRun);
  });
  return 0;
}

async function doctor(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { 'trunk-number': { type: 'string' } });
  const config = loadConfig(io.env);
  const report = await runDoctor(config, { trunkNumber: values['trunk-number'] });
  for (const line of report.lines) io.out(line);
  return report.ok ? 0 : 1;
}
