import type { Kysely } from 'kysely';

type AnyDb = Kysely<any>;

/**
 * Several Asterisk nodes on one store (issue 14): each organisation is served by one node
 * (`organisations.node`, null while a site has one node), and each node's leading
 * controller says where its HTTP API is (`controller_nodes`), so a controller of another
 * node, or a standby, can hand it the call actions only it can carry out.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('node', 'text').execute();
  await db.schema.createTable('controller_nodes')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('leader_url', 'text')
    .addColumn('led_since', 'text')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('controller_nodes').execute();
  await db.schema.alterTable('organisations').dropColumn('node').execute();
}
