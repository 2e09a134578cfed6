import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Where each Asterisk node's leading controller serves its API (issue 14). A leader
 * writes its address when it takes the lease and clears it when it stops; a killed
 * leader's address stays until its successor overwrites it, so a caller of `leaderOf`
 * must expect the address not to answer.
 */
export async function advertiseLeader(db: Kysely<Database>, node: string, url: string, now: Date): Promise<void> {
  await db.insertInto('controller_nodes').values({ name: node, leader_url: url, led_since: now.toISOString() })
    .onConflict((oc) => oc.column('name').doUpdateSet({ leader_url: url, led_since: now.toISOString() }))
    .execute();
}

/** A leader stopping cleanly: its address is cleared unless a successor already wrote its own. */
export async function withdrawLeader(db: Kysely<Database>, node: string, url: string): Promise<void> {
  await db.updateTable('controller_nodes').set({ leader_url: null, led_since: null })
    .where('name', '=', node).where('leader_url', '=', url).execute();
}

export async function leaderOf(db: Kysely<Database>, node: string): Promise<string | undefined> {
  const row = await db.selectFrom('controller_nodes').select('leader_url').where('name', '=', node).executeTakeFirst();
  return row?.leader_url ?? undefined;
}

/** Every node a controller has ever led, by name. */
export async function knownNodes(db: Kysely<Database>): Promise<Array<{ name: string; leaderUrl: string | null; ledSince: string | null }>> {
  const rows = await db.selectFrom('controller_nodes').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, leaderUrl: r.leader_url, ledSince: r.led_since }));
}

/**
 * The organisations whose background work (voicemail transcription, e-mail, retention) a
 * node's leader does: those assigned to it, and those assigned to no node (a site with one).
 */
export async function organisationsServedBy(db: Kysely<Database>, node: string): Promise<number[]> {
  const rows = await db.selectFrom('organisations').select('id')
    .where((eb) => eb.or([eb('node', '=', node), eb('node', 'is', null)])).execute();
  return rows.map((r) => r.id);
}
