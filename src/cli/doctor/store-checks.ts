import type { Kysely } from 'kysely';
import type { AriRest } from '../../ari/ari-rest.js';
import type { Database } from '../../store/schema.js';
import type { CheckResult } from './checklist.js';

/** The store has an organisation and someone who can sign in to administer it. */
export async function checkOrganisation(db: Kysely<Database>): Promise<CheckResult> {
  const name = 'organisation and administrator in the store';
  const organisation = await db.selectFrom('organisations').select(['id', 'name']).orderBy('id').executeTakeFirst();
  if (!organisation) return { name, status: 'fail', detail: 'the store is empty: nobody can sign in', fix: 'run `switchboard init` (npm run init)' };
  const admins = await db.selectFrom('users').select('id').where('organisation_id', '=', organisation.id).where('role', '=', 'admin').where('password_hash', 'is not', null).execute();
  if (admins.length === 0) return { name, status: 'fail', detail: `${organisation.name} has no administrator with a password`, fix: 'run `switchboard init` with --admin-email and --admin-password' };
  return { name, status: 'ok', detail: `${organisation.name}, ${admins.length} administrator${admins.length > 1 ? 's' : ''}` };
}

/**
 * Every user's phone (primary device or shared call appearance) is a PJSIP endpoint
 * Asterisk knows: a user whose device is not would never ring, and calls from it would
 * not be recognised as theirs.
 */
export async function checkDevices(db: Kysely<Database>, rest: AriRest): Promise<CheckResult> {
  const name = "users' devices are Asterisk endpoints";
  const devices = await db.selectFrom('locations').innerJoin('users', 'users.id', 'locations.user_id')
    .select(['users.extension', 'users.name', 'locations.address']).where('locations.kind', 'in', ['primary', 'shared'])
    .orderBy('users.extension').execute();
  const endpoints = await rest.request<Array<{ technology: string; resource: string }>>('GET', '/endpoints');
  const known = new Set(endpoints.map((e) => `${e.technology}/${e.resource}`.toLowerCase()));
  // Only PJSIP/<endpoint> devices name an endpoint; Local/... and other dial strings are dialled as written.
  const checked = devices.filter((d) => /^PJSIP\/[^/@]+$/i.test(d.address));
  const missing = checked.filter((d) => !known.has(d.address.toLowerCase()));
  if (checked.length === 0) return { name, status: 'skip', detail: 'no user has a PJSIP device yet (switchboard users import --from-asterisk)' };
  if (missing.length) {
    return {
      name, status: 'fail',
      detail: missing.slice(0, 5).map((d) => `${d.extension} ${d.name}: ${d.address} is not an endpoint`).join('; ') + (missing.length > 5 ? `; and ${missing.length - 5} more` : ''),
      fix: 'add the endpoint (with its auth and aor) to pjsip.conf and `module reload res_pjsip.so`, or change the user\'s device in the portal (Users, Locations)',
    };
  }
  return { name, status: 'ok', detail: `${checked.length} device${checked.length > 1 ? 's' : ''}` };
}
