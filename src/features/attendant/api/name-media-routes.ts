import { Router } from 'express';
import { z } from 'zod';
import { notFound } from '../../../errors.js';
import type { MediaSigner } from '../../../http/media-signature.js';
import { asyncRoute, parse } from '../../../http/problem.js';
import type { NamePrompts } from '../speech/name-prompts.js';

export const NAME_MEDIA_KIND = 'names';
export const nameMediaParams = z.object({ file: z.string().regex(/^name-[0-9a-f]{16}\.wav$/), expires: z.string().max(20), signature: z.string().max(64) });

/** The URL path (under /api) Asterisk fetches a synthesised name from: signed, expiring, as voicemail greetings. */
export const nameMediaPath = (signer: MediaSigner, fileName: string, nowMs: number) => `/api/attendant/media/names/${signer.sign(NAME_MEDIA_KIND, fileName, nowMs)}`;

/**
 * Synthesised names for Asterisk's media cache (res_http_media_cache): no session, the
 * signed path is the credential. Mounted before the attendant's authenticated routes.
 */
export function nameMediaRoutes(names: () => NamePrompts, signer: MediaSigner, now: () => number): Router {
  const router = Router();
  router.get('/attendant/media/names/:expires/:signature/:file', asyncRoute(async (req, res) => {
    const { file, expires, signature } = parse(nameMediaParams, req.params, 'params');
    const path = signer.verify(NAME_MEDIA_KIND, file, expires, signature, now()) ? names().path(file) : undefined;
    if (!path) throw notFound('media');
    res.type('audio/wav').sendFile(path, (error) => { if (error && !res.headersSent) res.status(404).end(); });
  }));
  return router;
}
