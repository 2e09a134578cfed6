import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<any>;

/**
 * Organisations are tenants on one Asterisk (PRODUCT.md 6, Tenants): the dispatcher finds
 * the user behind a call by its device and the organisation behind a carrier call by its
 * company DID, across every organisation. So a device (a primary location or a shared call
 * appearance), a company DID and a login e-mail each belong to one place only. User DIDs
 * are already the `dids` primary key; extensions stay unique per organisation.
 *
 * The index names are the constraint names `store/unique-violation.ts` maps to fields.
 */
export const TENANT_UNIQUE_INDEXES = {
  device: 'locations_device_unique',
  email: 'users_email_unique',
  companyDid: 'organisations_company_did_unique',
} as const;

export async function up(db: AnyDb): Promise<void> {
  // A store that already holds a take-over cannot be made unique silently: say which rows.
  const devices = await db.selectFrom('locations').select('address')
    .where('kind', 'in', ['primary', 'shared']).groupBy('address')
    .having((eb) => eb.fn.countAll(), '>', 1).execute();
  const emails = await db.selectFrom('users').select(sql<string>`lower(email)`.as('email'))
    .where('email', 'is not', null).groupBy(sql`lower(email)`)
    .having((eb) => eb.fn.countAll(), '>', 1).execute();
  const companyDids = await db.selectFrom('organisations').select('company_did')
    .where('company_did', 'is not', null).groupBy('company_did')
    .having((eb) => eb.fn.countAll(), '>', 1).execute();
  const problems = [
    ...devices.map((d) => `device ${String(d.address)} is a location of several users`),
    ...emails.map((e) => `e-mail ${String(e.email)} belongs to several users`),
    ...companyDids.map((c) => `company DID ${String(c.company_did)} belongs to several organisations`),
  ];
  if (problems.length) throw new Error(`cannot make tenants unique; fix these first: ${problems.join('; ')}`);

  await db.schema.createIndex(TENANT_UNIQUE_INDEXES.device).on('locations').column('address').unique()
    .where(sql.ref('kind'), 'in', ['primary', 'shared']).execute();
  await db.schema.createIndex(TENANT_UNIQUE_INDEXES.email).on('users').unique().expression(sql`lower(email)`).execute();
  await db.schema.createIndex(TENANT_UNIQUE_INDEXES.companyDid).on('organisations').column('company_did').unique().execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const name of Object.values(TENANT_UNIQUE_INDEXES)) await db.schema.dropIndex(name).ifExists().execute();
}
