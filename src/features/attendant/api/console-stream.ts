import type { Request, Response } from 'express';
import type { Clock } from '../../../clock.js';
import type { SessionTracker } from '../../../calls/session-tracker.js';
import type { LiveState } from '../../../http/live/live-state.js';
import type { Logger } from '../../../log.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import { consoleView } from '../console/console-view.js';

/** Proxies drop idle streams; a comment line now and then keeps the stream open. */
const HEARTBEAT_MS = 20_000;

export interface ConsoleStreamDeps { db: Kysely<Database>; tracker: SessionTracker; live: LiveState; clock: Clock; log: Logger }

/**
 * `GET /attendant/console/live`: server-sent events, each `console` event the whole
 * console of the viewer's organisation (calls and directory), sent when it changes. It
 * rides on the live view's state (the same ARI events and feature events), pushed, not polled.
 */
export async function streamConsole(deps: ConsoleStreamDeps, organisationId: number, req: Request, res: Response): Promise<void> {
  res.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no', connection: 'keep-alive' });
  res.flushHeaders();
  res.write('retry: 3000\n\n');
  let last = '';
  let closed = false;
  let building = false;
  let again = false;
  // Rebuilt each time the live state settles (a burst of call events, a feature event, its
  // settings refresh): one debounce for the live view and the console, in LiveState.
  const send = async () => {
    if (building) { again = true; return; }
    building = true;
    try {
      const view = await consoleView(deps, organisationId, deps.live.snapshot.lines, deps.clock.now());
      const data = JSON.stringify(view);
      if (!closed && data !== last) { last = data; res.write(`event: console\ndata: ${data}\n\n`); }
    } catch (error) {
      deps.log.warn({ err: (error as Error).message }, 'operator console: could not rebuild the view');
    } finally {
      building = false;
      if (again && !closed) { again = false; void send(); }
    }
  };
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  let leave: (() => void) | undefined;
  req.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    leave?.();
  });
  leave = await deps.live.subscribe(() => void send(), 'settled');
  if (closed) leave();
  else await send();
}
