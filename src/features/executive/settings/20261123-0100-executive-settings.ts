import type { Kysely } from 'kysely';

// Migrations describe the schema as it was then, not as the Database interface says it is now.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createTable('executive_settings')
    .addColumn('executive_user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('filtering_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('filtering_mode', 'text', (c) => c.notNull().defaultTo('all'))
    .addColumn('filter_criteria', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('screening_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('screening_alert_type', 'text', (c) => c.notNull().defaultTo('silent'))
    .addColumn('screening_alert_shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('screening_alert_anywhere', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('screening_alert_mobile', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('alerting_mode', 'text', (c) => c.notNull().defaultTo('simultaneous'))
    .addColumn('rings_to_advance', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('seconds_per_ring', 'integer', (c) => c.notNull().defaultTo(6))
    .addColumn('caller_id_name_mode', 'text', (c) => c.notNull().defaultTo('executive-originator'))
    .addColumn('caller_id_custom_name', 'text')
    .addColumn('caller_id_number_mode', 'text', (c) => c.notNull().defaultTo('executive'))
    .addColumn('caller_id_custom_number', 'text')
    .addColumn('rollover_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rollover_wait_seconds', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('rollover_action', 'text', (c) => c.notNull().defaultTo('voicemail'))
    .addColumn('rollover_forward_number', 'text')
    .addColumn('push_recall_rings', 'integer', (c) => c.notNull().defaultTo(4))
    .addColumn('allow_opt_in_out', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema.createTable('executive_assistants')
    .addColumn('executive_user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assistant_user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('opted_in', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('executive_assistants_pk', ['executive_user_id', 'assistant_user_id'])
    .execute();
  await db.schema.createIndex('executive_assistants_assistant').on('executive_assistants').column('assistant_user_id').execute();

  await db.schema.createTable('assistant_settings')
    .addColumn('assistant_user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('divert_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('divert_number', 'text')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['assistant_settings', 'executive_assistants', 'executive_settings']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
