import type { Kysely } from 'kysely';
import type { LiveLine } from '../../../http/live/live-state.js';
import type { Database } from '../../../store/schema.js';
import { isOutOfOffice } from '../policy/availability.js';
import { outOfOfficeBackup, personState, type PersonState } from '../policy/person-state.js';
import '../settings/attendant-schema.js';

/** A person in the operator console's directory. */
export interface ConsolePerson {
  id: number;
  name: string;
  extension: string;
  dids: string[];
  state: PersonState;
  /** While out of office: who takes their calls (null: voicemail). */
  backup: { id: number; name: string; extension: string } | null;
}

/** The organisation's people and what each is doing, from the store and the live lines. */
export async function consoleDirectory(db: Kysely<Database>, organisationId: number, lines: readonly LiveLine[], now: Date): Promise<ConsolePerson[]> {
  const users = await db.selectFrom('users').select(['id', 'name', 'extension', 'user_type', 'logged_in', 'backup_user_id'])
    .where('organisation_id', '=', organisationId).orderBy('extension').execute();
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const [dids, absences] = await Promise.all([
    db.selectFrom('dids').select(['user_id', 'number']).where('user_id', 'in', ids).orderBy('number').execute(),
    db.selectFrom('attendant_out_of_office').selectAll().where('user_id', 'in', ids).execute(),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  return users.map((u) => {
    const absence = absences.find((a) => a.user_id === u.id);
    const away = absence ? isOutOfOffice({ startsAt: absence.starts_at, endsAt: absence.ends_at, backupUserId: absence.backup_user_id }, now) : false;
    const isAgent = u.user_type === 'agent' || u.user_type === 'floating_agent';
    const state = personState({
      lines: lines.filter((l) => l.userId === u.id).map((l) => l.state), outOfOffice: away, agentLoggedIn: isAgent ? u.logged_in === 1 : null,
    });
    const backupId = away ? outOfOfficeBackup(absence?.backup_user_id ?? null, u.backup_user_id, u.id) : null;
    const backup = backupId === null ? undefined : byId.get(backupId);
    return {
      id: u.id, name: u.name, extension: u.extension, dids: dids.filter((d) => d.user_id === u.id).map((d) => d.number), state,
      backup: backup ? { id: backup.id, name: backup.name, extension: backup.extension } : null,
    };
  });
}
