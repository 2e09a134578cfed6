import type { Kysely } from 'kysely';
import { codePointOrder, currentTimestamp, generatedId } from '../../../store/portable-schema.js';

// Migrations describe the schema as it was then, not as the Database interface says now.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('attendant_settings')
    .addColumn('organisation_id', 'integer', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
    .addColumn('business_greeting', 'text', (c) => c.notNull().defaultTo('attendant-greeting-business'))
    .addColumn('after_hours_greeting', 'text', (c) => c.notNull().defaultTo('attendant-greeting-after-hours'))
    .addColumn('holiday_greeting', 'text', (c) => c.notNull().defaultTo('attendant-greeting-holiday'))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('speech_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema.createTable('attendant_business_hours')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('day_of_week', 'integer', (c) => c.notNull())
    .addColumn('opens', 'text', (c) => c.notNull())
    .addColumn('closes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attendant_business_hours_org').on('attendant_business_hours').column('organisation_id').execute();

  await db.schema.createTable('attendant_holidays')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attendant_holidays_org').on('attendant_holidays').column('organisation_id').execute();

  await db.schema.createTable('attendant_out_of_office')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('backup_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('set_at', 'text', (c) => c.notNull().defaultTo(currentTimestamp(db)))
    .execute();

  // One row per name a caller may use for a user (the real name and each alias), with
  // the keypad digits of its first and last word precomputed so dial-by-name is an
  // index range scan, not a scan of every user.
  await db.schema.createTable('attendant_directory')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('organisation_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('spoken_name', 'text', (c) => c.notNull())
    .addColumn('is_alias', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('normalized', 'text', (c) => codePointOrder(db)(c.notNull()))
    .addColumn('last_normalized', 'text', (c) => codePointOrder(db)(c.notNull()))
    .addColumn('first_keys', 'text', (c) => codePointOrder(db)(c.notNull()))
    .addColumn('last_keys', 'text', (c) => codePointOrder(db)(c.notNull()))
    .execute();
  await db.schema.createIndex('attendant_directory_first_keys').on('attendant_directory').columns(['organisation_id', 'first_keys']).execute();
  await db.schema.createIndex('attendant_directory_last_keys').on('attendant_directory').columns(['organisation_id', 'last_keys']).execute();
  await db.schema.createIndex('attendant_directory_normalized').on('attendant_directory').columns(['organisation_id', 'normalized']).execute();
  await db.schema.createIndex('attendant_directory_last_normalized').on('attendant_directory').columns(['organisation_id', 'last_normalized']).execute();
  await db.schema.createIndex('attendant_directory_user').on('attendant_directory').column('user_id').execute();

  // What the directory rows of a user were built from, so a sync rebuilds only users
  // whose name, aliases, visibility or services changed since.
  await db.schema.createTable('attendant_directory_source')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['attendant_directory_source', 'attendant_directory', 'attendant_out_of_office', 'attendant_holidays', 'attendant_business_hours', 'attendant_settings']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
