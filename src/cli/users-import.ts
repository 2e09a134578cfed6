import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { AriRest } from '../ari/ari-rest.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { importUsersCsv, parseUsersCsv } from '../features/attendant/api/bulk-users.js';
import type { Database } from '../store/schema.js';
import { createUser, findUserByExtension, getUser, listUsers, updateUser } from '../users/settings/user-repository.js';
import { COMMAND_LINE, recordUserChanges, recordUserLifecycle, userChanges } from '../users/api/user-audit.js';
import { listPjsipEndpoints } from './asterisk-endpoints.js';
import { candidateFromEndpoint, describeImport, planImport, type ImportAction, type ImportCandidate } from './import-plan.js';
import { CliError, type CliIo } from './io.js';

/** Services an imported user gets: listed in the attendant's directory, with a mailbox. */
const IMPORTED_SERVICES = ['attendant', 'voicemail'] as const;

/** `switchboard users import --from-asterisk`: PJSIP endpoints in the internal context become users. */
export async function importFromAsterisk(db: Kysely<Database>, organisationId: number, config: Config, io: CliIo, dryRun: boolean): Promise<ImportAction[]> {
  // Short deadlines, few at once: an import reads one configuration object per endpoint.
  const rest = new AriRest(config.ari.url, config.ari.user, config.ari.password, 5000, 8);
  let endpoints;
  try {
    endpoints = await listPjsipEndpoints(rest);
  } catch (error) {
    throw new CliError(`cannot list Asterisk's endpoints at ${config.ari.url}: ${(error as Error).message} (run \`switchboard doctor\`)`);
  }
  const candidates: Array<ImportCandidate & { source: string }> = [];
  const skipped: ImportAction[] = [];
  for (const endpoint of endpoints) {
    const candidate = candidateFromEndpoint(endpoint, config.dialplan.internalContext);
    if ('skip' in candidate) skipped.push({ kind: 'skip', source: `PJSIP/${endpoint.resource}`, why: candidate.skip });
    else candidates.push({ ...candidate, source: `PJSIP/${endpoint.resource}` });
  }
  const { users } = await listUsers(db, organisationId, { limit: 1_000_000, offset: 0 });
  const actions = [...planImport(candidates, users.map((u) => ({ id: u.id, extension: u.extension, name: u.name, devices: u.locations.map((l) => l.address) }))), ...skipped];
  if (!dryRun) {
    for (const action of actions) {
      // Audited as the command line's (no user signed in): `via` says which import.
      if (action.kind === 'create') {
        const user = await createUser(db, organisationId, {
          extension: action.extension, name: action.name, services: [...IMPORTED_SERVICES],
          locations: [{ kind: 'primary', address: action.device, ringsForIncoming: true, label: null }],
        });
        await recordUserLifecycle(db, COMMAND_LINE, 'user-created', user, { via: 'asterisk-import' });
      } else if (action.kind === 'rename') {
        const before = await getUser(db, action.userId);
        const after = await updateUser(db, action.userId, { name: action.to });
        if (before && after) await recordUserChanges(db, COMMAND_LINE, before, userChanges(before, after), { via: 'asterisk-import' });
      }
    }
  }
  for (const line of describeImport(actions, dryRun)) io.out(line);
  return actions;
}

/** `switchboard users import <file.csv>`: the portal's CSV format (see docs), by extension. */
export async function importFromCsv(db: Kysely<Database>, organisationId: number, file: string, io: CliIo, dryRun: boolean): Promise<void> {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (error) { throw new CliError(`cannot read ${file}: ${(error as Error).message}`); }
  try {
    const rows = parseUsersCsv(text);
    if (dryRun) {
      let create = 0;
      let update = 0;
      for (const row of rows) {
        const existing = await findUserByExtension(db, organisationId, row.extension);
        if (existing) { update += 1; io.out(`would update ${row.extension} ${existing.name}${existing.name !== row.name ? ` -> ${row.name}` : ''}`); }
        else { create += 1; io.out(`would create ${row.extension} ${row.name}`); }
      }
      io.out(`dry run: ${create} to create, ${update} to update; nothing was changed`);
      return;
    }
    const { created, updated } = await importUsersCsv(db, organisationId, text, COMMAND_LINE);
    io.out(`${created} created, ${updated} updated`);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}
