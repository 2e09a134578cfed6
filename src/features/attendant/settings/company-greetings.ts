import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { GreetingKind } from '../policy/greeting.js';
import './attendant-schema.js';

export const COMPANY_GREETING_KINDS = ['business-hours', 'after-hours', 'holiday'] as const satisfies readonly GreetingKind[];

/** The organisation's uploaded greetings by kind (a kind missing: the prompt named in the settings plays). */
export async function getCompanyGreetings(db: Kysely<Database>, organisationId: number): Promise<Partial<Record<GreetingKind, string>>> {
  const rows = await db.selectFrom('attendant_company_greetings').selectAll().where('organisation_id', '=', organisationId).execute();
  return Object.fromEntries(rows.map((r) => [r.kind, r.file_name]));
}

/** Sets or clears one kind; returns the file it replaced, for the caller to delete. */
export async function setCompanyGreeting(db: Kysely<Database>, organisationId: number, kind: GreetingKind, fileName: string | null): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const previous = await trx.selectFrom('attendant_company_greetings').select('file_name')
      .where('organisation_id', '=', organisationId).where('kind', '=', kind).executeTakeFirst();
    if (fileName === null) {
      await trx.deleteFrom('attendant_company_greetings').where('organisation_id', '=', organisationId).where('kind', '=', kind).execute();
    } else {
      await trx.insertInto('attendant_company_greetings').values({ organisation_id: organisationId, kind, file_name: fileName })
        .onConflict((oc) => oc.columns(['organisation_id', 'kind']).doUpdateSet({ file_name: fileName })).execute();
    }
    return previous?.file_name;
  });
}
