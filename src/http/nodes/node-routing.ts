import { Readable } from 'node:stream';
import type { RequestHandler, Request, Response } from 'express';
import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { leaderOf } from '../../store/node-registry.js';
import type { Database } from '../../store/schema.js';
import { getOrganisation } from '../../users/settings/organisation-repository.js';
import { nodeRoute } from './node-route.js';

/** Set on a request one controller hands another, so it is never handed on again. */
export const FORWARDED_HEADER = 'x-switchboard-forwarded-by';
/** What the leader needs to authenticate the request again and answer it as asked. */
const REQUEST_HEADERS = ['authorization', 'cookie', 'x-csrf-token', 'accept', 'last-event-id', 'user-agent'];
const RESPONSE_HEADERS = ['content-type', 'cache-control', 'location', 'retry-after', 'x-accel-buffering'];
/** The leader's answer (a stream's headers) within this, or the request fails with 503. */
const FORWARD_DEADLINE_MS = 10_000;

/**
 * Paths whose answer lives with the leader of the organisation's node: the consoles (their
 * call ids and actions are sessions in that leader's memory, on its Asterisk) and the live
 * view (that node's channels; a standby of the node reads them itself).
 */
const ROUTED: ReadonlyArray<{ prefix: string; needsLeader: boolean }> = [
  { prefix: '/assistant-console', needsLeader: true },
  { prefix: '/attendant/console', needsLeader: true },
  { prefix: '/live', needsLeader: false },
];

export interface NodeRoutingDeps {
  db: Kysely<Database>;
  log: Logger;
  ownNode: string;
  leading: () => boolean;
  /** This controller's own advertised API address (known once it listens). */
  ownUrl: () => string;
}

/**
 * Sends a console or live-view request to the controller that can answer it: the leader
 * of the signed-in user's organisation's node, which authenticates it again from the same
 * store. Mounted after authentication, before anything that acts on the request.
 */
export function nodeRouting(deps: NodeRoutingDeps): RequestHandler {
  return (req, res, next) => {
    const routed = ROUTED.find((r) => req.path === r.prefix || req.path.startsWith(`${r.prefix}/`));
    if (!routed || !req.auth) return next();
    const auth = req.auth;
    void (async () => {
      const org = await getOrganisation(deps.db, auth.user.organisationId);
      const organisationNode = org?.node ?? null;
      const route = nodeRoute({
        organisationNode, ownNode: deps.ownNode, leadingOwnNode: deps.leading(),
        leaderUrl: await leaderOf(deps.db, organisationNode ?? deps.ownNode), ownUrl: deps.ownUrl(),
        forwarded: req.get(FORWARDED_HEADER) !== undefined, needsLeader: routed.needsLeader,
      });
      if (route.kind === 'here') return next();
      if (route.kind === 'refuse') { res.set('Retry-After', '2'); return next(new AppError(503, 'node-unavailable', route.detail)); }
      const answered = await forward(req, res, route.leaderUrl, deps.ownNode).catch((error: unknown) => {
        deps.log.warn({ err: (error as Error).message, node: organisationNode ?? deps.ownNode, path: req.path }, 'the node\'s leader did not answer a forwarded request');
        return false;
      });
      if (answered) return;
      // Our own node's leader gone quiet (a take-over under way): answer with what we know.
      if (route.ownNode) return next();
      res.set('Retry-After', '2');
      next(new AppError(503, 'node-unavailable', `the organisation's calls are on node ${organisationNode}, whose leading controller did not answer; try again in a few seconds`));
    })().catch(next);
  };
}

/** Hands the request to `leaderUrl` and relays the answer (a server-sent stream as it comes); false if no answer started. */
async function forward(req: Request, res: Response, leaderUrl: string, ownNode: string): Promise<boolean> {
  const headers: Record<string, string> = { [FORWARDED_HEADER]: ownNode };
  for (const name of REQUEST_HEADERS) {
    const value = req.get(name);
    if (value !== undefined) headers[name] = value;
  }
  const hasBody = !['GET', 'HEAD'].includes(req.method);
  if (hasBody) headers['content-type'] = 'application/json';
  const aborter = new AbortController();
  const deadline = setTimeout(() => aborter.abort(new Error(`no answer in ${FORWARD_DEADLINE_MS} ms`)), FORWARD_DEADLINE_MS);
  // The browser going away ends the relayed request too (a live stream above all).
  res.on('close', () => aborter.abort(new Error('the client went away')));
  try {
    const answer = await fetch(new URL(`/api${req.url}`, leaderUrl), {
      method: req.method, headers, body: hasBody ? JSON.stringify(req.body ?? {}) : undefined, redirect: 'manual', signal: aborter.signal,
    });
    const streaming = answer.headers.get('content-type')?.startsWith('text/event-stream') === true;
    if (streaming) clearTimeout(deadline);
    const body = streaming || !answer.body ? undefined : Buffer.from(await answer.arrayBuffer());
    res.status(answer.status);
    for (const name of RESPONSE_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) res.set(name, value);
    }
    if (!streaming) { res.end(body); return true; }
    res.flushHeaders();
    Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream<Uint8Array>)
      .on('error', () => res.destroy())
      .pipe(res);
    return true;
  } finally {
    clearTimeout(deadline);
  }
}
