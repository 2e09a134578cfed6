import type { Kysely } from 'kysely';

// Migrations describe the schema as it was then, not as the Database interface says now.
type AnyDb = Kysely<any>;

/** Company greetings an administrator uploaded or recorded (PRODUCT.md 4): one WAV per organisation and kind. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('attendant_company_greetings')
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendant_company_greetings_pk', ['organisation_id', 'kind'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('attendant_company_greetings').execute();
}
