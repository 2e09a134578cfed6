import { Router } from 'express';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { LiveEvent } from '../../calls/live-events.js';
import type { Database } from '../../store/schema.js';
import type { UserProfile } from '../../users/settings/user-repository.js';
import { requireAuth, who } from '../auth/authenticate.js';
import { asyncRoute } from '../problem.js';
import type { LiveSnapshot, LiveState } from './live-state.js';

/** Proxies drop idle streams; a comment line now and then keeps the stream open. */
const HEARTBEAT_MS = 20_000;

/**
 * `GET /api/live`: server-sent events for the portal's live view. The first `snapshot`
 * event has the whole state; each later one replaces it. Feature events arrive as
 * `activity`. Administrators see their organisation; anyone else sees themselves and
 * the executives or assistants they work with.
 */
export function liveRoutes(db: Kysely<Database>, state: LiveState): Router {
  const router = Router();
  router.get('/live', requireAuth, asyncRoute(async (req, res) => {
    const viewer = who(req).user;
    const visible = await visibleUsers(db, viewer);
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    let last = '';
    const send = (snapshot: LiveSnapshot) => {
      const data = JSON.stringify(filterSnapshot(snapshot, viewer, visible));
      if (data === last) return;
      last = data;
      res.write(`event: snapshot\ndata: ${data}\n\n`);
    };
    const onEvent = (event: LiveEvent) => {
      if (event.organisationId !== viewer.organisationId) return;
      if (viewer.role !== 'admin' && !event.userIds.some((id) => visible.has(id))) return;
      res.write(`event: activity\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    state.on('event', onEvent);
    let closed = false;
    let leave: (() => void) | undefined;
    req.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      state.off('event', onEvent);
      leave?.();
    });
    leave = await state.subscribe(send);
    if (closed) leave();
    else send(state.snapshot);
  }));
  return router;
}

/** The users a non-administrator may watch: themselves and their executive/assistant relations. */
async function visibleUsers(db: Kysely<Database>, viewer: UserProfile): Promise<Set<number>> {
  const ids = new Set([viewer.id]);
  if (viewer.role === 'admin') return ids;
  try {
    const result = await sql<{ executive_user_id: number; assistant_user_id: number }>`
      select executive_user_id, assistant_user_id from executive_assistants
      where executive_user_id = ${viewer.id} or assistant_user_id = ${viewer.id}`.execute(db);
    for (const row of result.rows) { ids.add(row.executive_user_id); ids.add(row.assistant_user_id); }
  } catch {
    // The executive feature's tables are not there: only the viewer themselves.
  }
  return ids;
}

export function filterSnapshot(snapshot: LiveSnapshot, viewer: UserProfile, visible: ReadonlySet<number>): LiveSnapshot {
  const sees = (organisationId: number, userId: number) =>
    organisationId === viewer.organisationId && (viewer.role === 'admin' || visible.has(userId));
  return {
    lines: snapshot.lines.filter((l) => sees(l.organisationId, l.userId)),
    users: snapshot.users.filter((u) => sees(u.organisationId, u.id)),
  };
}
