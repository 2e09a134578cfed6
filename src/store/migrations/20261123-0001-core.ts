import type { Kysely } from 'kysely';
import { currentTimestamp, generatedId } from '../portable-schema.js';

// Migrations take Kysely<any>: they describe the schema as it was then, not as the
// Database interface says it is now.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('organisations')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company_extension', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('company_did', 'text')
    .addColumn('operator_destination', 'text')
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(currentTimestamp(db)))
    .execute();

  await db.schema.createTable('users')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('extension', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('user'))
    .addColumn('user_type', 'text', (c) => c.notNull().defaultTo('agent'))
    .addColumn('password_hash', 'text')
    .addColumn('pin_hash', 'text')
    .addColumn('hidden_from_directory', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('backup_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('secondary_number', 'text')
    .addColumn('logged_in', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('no_answer_seconds', 'integer', (c) => c.notNull().defaultTo(20))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(currentTimestamp(db)))
    .addUniqueConstraint('users_org_extension', ['organisation_id', 'extension'])
    .execute();
  await db.schema.createIndex('users_name').on('users').column('name').execute();

  await db.schema.createTable('user_services')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_services_pk', ['user_id', 'service'])
    .execute();

  await db.schema.createTable('locations')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('rings_for_incoming', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('label', 'text')
    .execute();
  await db.schema.createIndex('locations_address').on('locations').column('address').execute();
  await db.schema.createIndex('locations_user').on('locations').column('user_id').execute();

  await db.schema.createTable('dids')
    .addColumn('number', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .execute();

  await db.schema.createTable('auth_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(currentTimestamp(db)))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('impersonator_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('impersonation_reason', 'text')
    .execute();

  await db.schema.createTable('audit_log')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(currentTimestamp(db)))
    .addColumn('actor_user_id', 'integer')
    .addColumn('acting_as_user_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_log_org_at').on('audit_log').columns(['organisation_id', 'at']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['audit_log', 'auth_sessions', 'dids', 'locations', 'user_services', 'users', 'organisations']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
