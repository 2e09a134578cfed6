import type { Kysely } from 'kysely';
import type { Database, Organisation } from '../../store/schema.js';
import { assertUnclaimed } from './number-claims.js';

export async function getOrganisation(db: Kysely<Database>, id: number): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The organisation whose company number (extension or DID) this is, if any. A company DID
 * belongs to one organisation (unique index); the extension (`0`) is every organisation's,
 * so internal callers are matched by their own organisation first (attendant feature).
 */
export async function findOrganisationByCompanyNumber(db: Kysely<Database>, number: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll()
    .where((eb) => eb.or([eb('company_extension', '=', number), eb('company_did', '=', number)]))
    .orderBy('id').executeTakeFirst();
}

/** A company DID already another organisation's or a user's is refused: 409 naming `companyDid`. */
export async function createOrganisation(db: Kysely<Database>, values: { name: string; companyExtension?: string; companyDid?: string | null; operatorDestination?: string | null; timezone?: string }): Promise<Organisation> {
  await assertUnclaimed(db, { companyDid: { field: 'companyDid', number: values.companyDid ?? null } });
  return db.insertInto('organisations').values({
    name: values.name,
    company_extension: values.companyExtension ?? '0',
    company_did: values.companyDid ?? null,
    operator_destination: values.operatorDestination ?? null,
    timezone: values.timezone ?? 'UTC',
  }).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrganisation(db: Kysely<Database>, id: number, values: Partial<{ name: string; company_extension: string; company_did: string | null; operator_destination: string | null; timezone: string }>): Promise<Organisation | undefined> {
  if (values.company_did) await assertUnclaimed(db, { organisationId: id, companyDid: { field: 'companyDid', number: values.company_did } });
  if (Object.keys(values).length) await db.updateTable('organisations').set(values).where('id', '=', id).execute();
  return getOrganisation(db, id);
}
