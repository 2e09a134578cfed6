import type { Kysely } from 'kysely';
import { AppError, badRequest } from '../../../errors.js';
import type { Database } from '../../../store/schema.js';
import type { MailboxChange, VoicemailHandoff } from '../../../calls/handoffs.js';
import { recordUserChanges, recordUserLifecycle, userChanges, type AuditActor, type AuditChange } from '../../../users/api/user-audit.js';
import { createUser, findUserByExtension, getUsers, listUsers, updateUser, type UserProfile, type UserWrite } from '../../../users/settings/user-repository.js';
import { csvUserRow, type BulkUpdateBody, type CsvUserRow } from './attendant-schemas.js';
import { fromTextCell, parseCsv, toCsv, USER_CSV_COLUMNS } from './csv.js';

/** What a bulk edit needs besides the store: the voicemail feature (if any) and who is asking, for the audit log. */
export interface BulkContext {
  voicemail: VoicemailHandoff | undefined;
  actor: AuditActor;
  /** Hashes the new PIN once, before the transaction (a slow hash must not hold the store's one connection). */
  hashPin: (pin: string) => Promise<string>;
}

/**
 * Changes many users at once (PRODUCT.md 4, Bulk settings), all or nothing: every id
 * must be in the administrator's organisation, and nobody becomes their own backup. Each
 * user whose settings changed gets a user-changed audit entry with each field's old and
 * new value (the PIN only as changed), written in the same transaction as the change.
 */
export async function bulkUpdateUsers(db: Kysely<Database>, organisationId: number, body: BulkUpdateBody, context: BulkContext): Promise<number> {
  const ids = [...new Set(body.userIds)];
  const found = await db.selectFrom('users').select('id').where('organisation_id', '=', organisationId).where('id', 'in', ids).execute();
  const known = new Set(found.map((r) => r.id));
  const missing = body.userIds.findIndex((id) => !known.has(id));
  if (missing >= 0) throw badRequest(`userIds.${missing}`, 'no such user in this organisation');
  const { set } = body;
  if (set.backupUserId) {
    const backup = await db.selectFrom('users').select('id').where('id', '=', set.backupUserId).where('organisation_id', '=', organisationId).executeTakeFirst();
    if (!backup) throw badRequest('set.backupUserId', 'no such user in this organisation');
    if (known.has(set.backupUserId)) throw badRequest('set.backupUserId', 'a user cannot be their own backup: leave the backup out of the selection');
  }
  const mailboxChange: MailboxChange = {
    ...(set.voicemailNotify !== undefined ? { notify: set.voicemailNotify } : {}),
    // A new PIN starts the count again: the owner is told it and must be able to log in.
    ...(set.unlockMailboxes || set.voicemailPin !== undefined ? { unlock: true } : {}),
  };
  const voicemail = Object.keys(mailboxChange).length ? context.voicemail : undefined;
  if (Object.keys(mailboxChange).length && !voicemail) {
    throw badRequest(set.voicemailNotify !== undefined ? 'set.voicemailNotify' : set.voicemailPin !== undefined ? 'set.voicemailPin' : 'set.unlockMailboxes', 'voicemail is not enabled on this system');
  }
  const pinHash = set.voicemailPin !== undefined ? await context.hashPin(set.voicemailPin) : undefined;
  await db.transaction().execute(async (trx) => {
    const before = await getUsers(trx, ids);
    const values: Record<string, unknown> = {};
    if (set.type !== undefined) values.user_type = set.type;
    if (set.backupUserId !== undefined) values.backup_user_id = set.backupUserId;
    if (set.noAnswerSeconds !== undefined) values.no_answer_seconds = set.noAnswerSeconds;
    if (set.hiddenFromDirectory !== undefined) values.hidden_from_directory = set.hiddenFromDirectory ? 1 : 0;
    if (set.loggedIn !== undefined) values.logged_in = set.loggedIn ? 1 : 0;
    // One hash for all: the administrator gave them all the same PIN, to be changed by each owner.
    if (pinHash !== undefined) values.pin_hash = pinHash;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      if (Object.keys(values).length) await trx.updateTable('users').set(values).where('id', 'in', chunk).execute();
      if (set.removeServices?.length) await trx.deleteFrom('user_services').where('user_id', 'in', chunk).where('service', 'in', set.removeServices).execute();
      for (const service of set.addServices ?? []) {
        await trx.deleteFrom('user_services').where('user_id', 'in', chunk).where('service', '=', service).execute();
        await trx.insertInto('user_services').values(chunk.map((user_id) => ({ user_id, service }))).execute();
      }
    }
    const mailboxChanges = voicemail ? await voicemail.changeMailboxes(trx, ids, mailboxChange) : new Map<number, AuditChange[]>();
    const after = new Map((await getUsers(trx, ids)).map((u) => [u.id, u]));
    for (const was of before) {
      const changes = [...userChanges(was, after.get(was.id)!, pinHash !== undefined ? ['pin'] : []), ...(mailboxChanges.get(was.id) ?? [])];
      await recordUserChanges(trx, context.actor, was, changes, { via: 'bulk' });
    }
  });
  return ids.length;
}

const list = (cell: string | undefined): string[] | undefined => (cell ? cell.split(';').map((s) => s.trim()).filter(Boolean) : undefined);

export async function exportUsersCsv(db: Kysely<Database>, organisationId: number): Promise<string> {
  const { users } = await listUsers(db, organisationId, { limit: 1_000_000, offset: 0 });
  const extensionOf = new Map(users.map((u) => [u.id, u.extension]));
  return toCsv([...USER_CSV_COLUMNS], users.map((u) => [
    u.extension, u.name, u.email ?? '', u.type, u.services.join(';'), u.aliases.join(';'), u.hiddenFromDirectory ? 'true' : 'false',
    u.secondaryNumber ?? '', u.backupUserId ? extensionOf.get(u.backupUserId) ?? '' : '', String(u.noAnswerSeconds), u.dids.join(';'),
  ]));
}

/** Parses and validates every row (a 400 names `rows.N.field`); changes nothing. */
export function parseUsersCsv(text: string): CsvUserRow[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw badRequest('body', 'empty CSV');
  const columns = header.map((h) => h.trim());
  for (const required of ['extension', 'name']) if (!columns.includes(required)) throw badRequest(`header.${required}`, 'missing column');
  return rows.map((cells, index) => {
    const cell = (name: string) => { const i = columns.indexOf(name); const v = i >= 0 && cells[i] !== undefined ? fromTextCell(cells[i]!.trim()) : undefined; return v === '' ? undefined : v; };
    const candidate = {
      extension: cell('extension'), name: cell('name'), email: cell('email'), type: cell('type'),
      services: list(cell('services')), aliases: list(cell('aliases')),
      hiddenFromDirectory: cell('hiddenFromDirectory') === undefined ? undefined : ['true', '1', 'yes'].includes(cell('hiddenFromDirectory')!.toLowerCase()),
      secondaryNumber: cell('secondaryNumber'), backupExtension: cell('backupExtension'),
      noAnswerSeconds: cell('noAnswerSeconds') === undefined ? undefined : Number(cell('noAnswerSeconds')),
      dids: list(cell('dids')),
    };
    const result = csvUserRow.safeParse(candidate);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const field = `rows.${index + 1}.${issue.path.join('.')}`;
      throw new AppError(400, 'invalid-request', `${field}: ${issue.message}`, { fields: [{ field, message: issue.message }] });
    }
    return result.data;
  });
}

/** A row's write; a 4xx naming a field (`dids.0`, a DID already someone else's) is renamed `rows.N.dids.0`. */
async function onRow(index: number, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const fields = error instanceof AppError ? (error.details?.fields as Array<{ field: string; message: string }> | undefined) : undefined;
    if (!(error instanceof AppError) || !fields) throw error;
    const renamed = fields.map((f) => ({ field: `rows.${index + 1}.${f.field}`, message: f.message }));
    throw new AppError(error.status, error.code, `${renamed[0]!.field}: ${renamed[0]!.message}`, { ...error.details, fields: renamed });
  }
}

/**
 * Parses and validates every row first (a 400 names `rows.N.field`), then creates or
 * updates by extension, all or nothing. `outsideNumber` checks a secondary number the trunk
 * will dial (the allow-list), as the user API does. Every user created gets a user-created
 * audit entry and every user changed a user-changed one with each field's old and new
 * value (`via: 'csv-import'`), in the same transaction: a file that fails leaves no entry.
 */
export async function importUsersCsv(db: Kysely<Database>, organisationId: number, text: string, actor: AuditActor, outsideNumber: (field: string, number: string) => string = (_f, n) => n): Promise<{ created: number; updated: number }> {
  const parsed = parseUsersCsv(text);
  const createdUsers: UserProfile[] = [];
  const updatedBefore: UserProfile[] = [];
  // Every row's numbers are checked before the first write.
  for (const [index, row] of parsed.entries()) if (row.secondaryNumber) outsideNumber(`rows.${index + 1}.secondaryNumber`, row.secondaryNumber);
  // One transaction: a bad row anywhere (a taken extension, an unknown backup) changes nothing.
  await db.transaction().execute(async (trx) => {
    for (const [index, row] of parsed.entries()) {
      const write: Partial<UserWrite> = {
        name: row.name, email: row.email, type: row.type, services: row.services, aliases: row.aliases,
        hiddenFromDirectory: row.hiddenFromDirectory, secondaryNumber: row.secondaryNumber, noAnswerSeconds: row.noAnswerSeconds, dids: row.dids,
      };
      for (const key of Object.keys(write) as Array<keyof UserWrite>) if (write[key] === undefined) delete write[key];
      const existing = await findUserByExtension(trx, organisationId, row.extension);
      await onRow(index, async () => {
        if (existing) { updatedBefore.push(existing); await updateUser(trx, existing.id, write); } else { createdUsers.push(await createUser(trx, organisationId, { ...write, extension: row.extension, name: row.name })); }
      });
    }
    // Backups last: a row may name a user created further down the file.
    for (const [index, row] of parsed.entries()) {
      if (!row.backupExtension) continue;
      const user = await findUserByExtension(trx, organisationId, row.extension);
      const backup = await findUserByExtension(trx, organisationId, row.backupExtension);
      if (!backup || backup.id === user?.id) throw badRequest(`rows.${index + 1}.backupExtension`, 'no such other user');
      await updateUser(trx, user!.id, { backupUserId: backup.id });
    }
    // After both passes: one entry per user, with the backup set in the second among the changes.
    for (const user of createdUsers) await recordUserLifecycle(trx, actor, 'user-created', user, { via: 'csv-import' });
    const after = new Map((await getUsers(trx, updatedBefore.map((u) => u.id))).map((u) => [u.id, u]));
    for (const was of updatedBefore) await recordUserChanges(trx, actor, was, userChanges(was, after.get(was.id)!), { via: 'csv-import' });
  });
  return { created: createdUsers.length, updated: updatedBefore.length };
}
