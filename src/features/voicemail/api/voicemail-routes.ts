import express, { Router, type Request } from 'express';
import { AppError, badRequest, forbidden, notFound } from '../../../errors.js';
import { requireAdmin, requireAuth, who } from '../../../http/auth/authenticate.js';
import { asyncRoute, parse } from '../../../http/problem.js';
import { SlidingWindowLimit } from '../../../http/rate-limit.js';
import { findUserByExtension, getUser } from '../../../users/settings/user-repository.js';
import type { VoicemailServices } from '../index.js';
import { forwardMessage } from '../message-actions.js';
import { wavDurationSeconds } from '../policy/recording-name.js';
import { getBox, getOrgSettings, greetingColumn, isOutOfOffice, resetPinFailures, setGreeting, setNotify, updateOrgSettings } from '../settings/mailbox-repository.js';
import { deleteMessage, findMessageByToken, getMessage, listMessages, MESSAGE_COLUMNS, storageOf, updateMessage, type MessageColumn } from '../settings/message-repository.js';
import type { VoicemailMessage } from '../settings/voicemail-schema.js';
import { audioQuery, forwardBody, greetingParams, idParams, listQuery, mediaParams, messagePatch, orgSettingsBody, sendEmailBody, settingsBody, userIdParams } from './voicemail-schemas.js';

/** A message as the API sends it (`messageView`). */
export const toMessageView = (m: VoicemailMessage) => ({
  id: m.id, callerName: m.caller_name, callerNumber: m.caller_number, reason: m.reason, receivedAt: m.received_at,
  durationSeconds: m.duration_seconds, sizeBytes: m.size_bytes, status: m.status, readAt: m.read_at,
  transcription: m.transcription, transcriptionStatus: m.transcription_status, forwardedByUserId: m.forwarded_by_user_id,
  audioUrl: `/api/voicemail/messages/${m.id}/audio`,
});

const HOUR_MS = 3600_000;
const MAX_FORWARD_COPIES_PER_HOUR = 50;

/** Whether an address is the own or a colleague's (an organisation user's), case-insensitively. */
async function isOrganisationAddress(db: VoicemailServices['deps']['db'], organisationId: number, address: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('organisation_id', '=', organisationId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', address.toLowerCase())).executeTakeFirst();
  return row !== undefined;
}

/** The portal's voicemail API. A user only ever sees their own mailbox: another's message is a 404. */
export function voicemailRoutes(services: VoicemailServices): Router {
  const { db, clock } = services.deps;
  const router = Router();
  const limits = {
    internalEmail: new SlidingWindowLimit(30, HOUR_MS),
    externalEmail: new SlidingWindowLimit(5, HOUR_MS),
    forwardCopies: new SlidingWindowLimit(MAX_FORWARD_COPIES_PER_HOUR, HOUR_MS),
  };

  const ownMessage = async (req: Request): Promise<VoicemailMessage> => {
    const { id } = parse(idParams, req.params, 'params');
    const message = await getMessage(db, id);
    // 404, not 403: whether someone else's message exists is none of the caller's business.
    if (!message || message.mailbox_user_id !== who(req).user.id) throw notFound('message');
    return message;
  };

  // Asterisk fetches audio to play (res_http_media_cache): no session, a signed name that expires instead.
  router.get('/voicemail/media/messages/:expires/:signature/:file', asyncRoute(async (req, res) => {
    const { file, expires, signature } = parse(mediaParams, req.params, 'params');
    if (!services.media.isSigned('messages', file, expires, signature)) throw notFound('media');
    const message = await findMessageByToken(db, file.replace(/\.wav$/, ''));
    if (!message) throw notFound('media');
    res.type('audio/wav').sendFile(services.media.messagePath(message.audio_file));
  }));
  router.get('/voicemail/media/greetings/:expires/:signature/:file', asyncRoute(async (req, res) => {
    const { file, expires, signature } = parse(mediaParams, req.params, 'params');
    if (!services.media.isSigned('greetings', file, expires, signature)) throw notFound('media');
    res.type('audio/wav').sendFile(services.media.greetingPath(file), (error) => { if (error && !res.headersSent) res.status(404).end(); });
  }));

  router.get('/voicemail/messages', requireAuth, asyncRoute(async (req, res) => {
    const q = parse(listQuery, req.query, 'query') as Record<string, unknown> & { sort: MessageColumn; order: 'asc' | 'desc'; limit: number; offset: number; received_from?: string; received_to?: string };
    const equals: Partial<Record<MessageColumn, string>> = {};
    const contains: Partial<Record<MessageColumn, string>> = {};
    for (const column of MESSAGE_COLUMNS) {
      if (typeof q[column] === 'string') equals[column] = q[column];
      if (typeof q[`q_${column}`] === 'string') contains[column] = q[`q_${column}`] as string;
    }
    const messages = await listMessages(db, who(req).user.id, { sort: q.sort, order: q.order, equals, contains, receivedFrom: q.received_from, receivedTo: q.received_to, limit: q.limit, offset: q.offset });
    res.json({ messages: messages.map(toMessageView) });
  }));
  router.get('/voicemail/messages/:id', requireAuth, asyncRoute(async (req, res) => { res.json(toMessageView(await ownMessage(req))); }));
  // Streams with HTTP range support (express's sendFile), so the browser can seek; `?download=1` for a file.
  router.get('/voicemail/messages/:id/audio', requireAuth, asyncRoute(async (req, res) => {
    const message = await ownMessage(req);
    const { download } = parse(audioQuery, req.query, 'query');
    if (download === '1') res.attachment(`voicemail-${message.id}.wav`);
    res.type('audio/wav').sendFile(services.media.messagePath(message.audio_file));
  }));
  router.patch('/voicemail/messages/:id', requireAuth, asyncRoute(async (req, res) => {
    const message = await ownMessage(req);
    const patch = parse(messagePatch, req.body);
    await updateMessage(db, message.id, {
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.read !== undefined ? { read_at: patch.read ? message.read_at ?? clock.now().toISOString() : null } : {}),
    });
    res.json(toMessageView((await getMessage(db, message.id))!));
  }));
  router.delete('/voicemail/messages/:id', requireAuth, asyncRoute(async (req, res) => {
    const message = await ownMessage(req);
    await deleteMessage(db, message.id);
    services.media.removeMessage(message.audio_file);
    res.status(204).end();
  }));
  router.post('/voicemail/messages/:id/email', requireAuth, asyncRoute(async (req, res) => {
    const message = await ownMessage(req);
    const body = parse(sendEmailBody, req.body);
    const me = who(req).user;
    // Any address may be given (PRODUCT.md 5: "send to an e-mail address"), but the
    // controller's SMTP relay is not an open one: few outside the organisation, more inside.
    const internal = await isOrganisationAddress(db, me.organisationId, body.to);
    const now = clock.now().getTime();
    if (!(internal ? limits.internalEmail : limits.externalEmail).take(String(me.id), now)) {
      res.set('Retry-After', '3600');
      throw new AppError(429, 'too-many-emails', internal
        ? `at most ${limits.internalEmail.limit} voicemail e-mails an hour`
        : `at most ${limits.externalEmail.limit} voicemail e-mails an hour to addresses outside your organisation`);
    }
    await services.outbox.enqueue(message.id, body.to, body.attachAudio);
    res.status(202).json({ queued: true });
  }));
  router.post('/voicemail/messages/:id/forward', requireAuth, asyncRoute(async (req, res) => {
    const message = await ownMessage(req);
    const me = who(req).user;
    const body = parse(forwardBody, req.body);
    if (!(await getOrgSettings(db, me.organisationId)).allow_forward_to_users) throw forbidden('forwarding voicemail to other users is turned off for this organisation');
    const targets = body.extensions
      ? await Promise.all(body.extensions.map(async (extension, index) => ({ field: `extensions.${index}`, user: await findUserByExtension(db, me.organisationId, extension) })))
      : await Promise.all(body.userIds!.map(async (userId, index) => ({ field: `userIds.${index}`, user: await getUser(db, userId) })));
    if (!limits.forwardCopies.take(String(me.id), clock.now().getTime(), targets.length)) {
      res.set('Retry-After', '3600');
      throw new AppError(429, 'too-many-forwards', `at most ${limits.forwardCopies.limit} forwarded copies an hour`);
    }
    const copies = [];
    for (const { field, user: target } of targets) {
      if (!target || target.organisationId !== me.organisationId || !target.services.includes('voicemail')) throw badRequest(field, 'no mailbox here');
    }
    for (const { user: target } of targets) {
      const copy = await forwardMessage(services.deps, services.media, message, target!, me);
      if (copy.transcription_status === 'pending') services.transcriptions.add(copy);
      copies.push({ userId: target!.id, messageId: copy.id });
    }
    services.outbox.kick();
    res.status(201).json({ forwarded: copies });
  }));

  router.get('/voicemail/settings', requireAuth, asyncRoute(async (req, res) => {
    const me = who(req).user;
    const box = await getBox(db, me.id);
    res.json({
      notify: box.notify, locked: box.locked_at !== null, outOfOffice: await isOutOfOffice(db, me.id, new Date()),
      greetings: Object.fromEntries((['unavailable', 'busy', 'out_of_office', 'after_hours', 'name'] as const).map((k) => [k, box[greetingColumn(k)] !== null])),
    });
  }));
  router.put('/voicemail/settings', requireAuth, asyncRoute(async (req, res) => {
    const body = parse(settingsBody, req.body);
    const box = await setNotify(db, who(req).user.id, body.notify);
    res.json({ notify: box.notify });
  }));
  router.get('/voicemail/storage', requireAuth, asyncRoute(async (req, res) => {
    const me = who(req).user;
    const org = await getOrgSettings(db, me.organisationId);
    res.json({ ...(await storageOf(db, me.id)), retentionDays: org.retention_days });
  }));

  // A greeting as a WAV body; stored as 8 kHz mono 16-bit so Asterisk plays it without transcoding trouble.
  router.put('/voicemail/greetings/:kind', requireAuth, express.raw({ type: ['audio/wav', 'audio/x-wav', 'audio/wave', 'application/octet-stream'], limit: '20mb' }), asyncRoute(async (req, res) => {
    const { kind } = parse(greetingParams, req.params, 'params');
    const body = req.body as unknown;
    if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('body', 'send the greeting as an audio/wav body');
    const audio = await services.media.normaliseWav(body).catch(() => { throw badRequest('body', 'not a WAV file sox can read'); });
    if (wavDurationSeconds(audio) < 0.5) throw badRequest('body', 'the greeting is shorter than half a second');
    const me = who(req).user;
    const previous = (await getBox(db, me.id))[greetingColumn(kind)];
    await setGreeting(db, me.id, kind, services.media.writeGreeting(me.id, kind, audio));
    if (previous) services.media.removeGreeting(previous);
    res.status(204).end();
  }));
  router.delete('/voicemail/greetings/:kind', requireAuth, asyncRoute(async (req, res) => {
    const { kind } = parse(greetingParams, req.params, 'params');
    const me = who(req).user;
    const previous = (await getBox(db, me.id))[greetingColumn(kind)];
    await setGreeting(db, me.id, kind, null);
    if (previous) services.media.removeGreeting(previous);
    res.status(204).end();
  }));

  router.get('/voicemail/organisation-settings', requireAuth, requireAdmin, asyncRoute(async (req, res) => {
    res.json(orgView(await getOrgSettings(db, who(req).user.organisationId)));
  }));
  router.put('/voicemail/organisation-settings', requireAuth, requireAdmin, asyncRoute(async (req, res) => {
    const b = parse(orgSettingsBody, req.body);
    const updated = await updateOrgSettings(db, who(req).user.organisationId, {
      ...(b.maxPinAttempts !== undefined ? { max_pin_attempts: b.maxPinAttempts } : {}),
      ...(b.allowForwardToUsers !== undefined ? { allow_forward_to_users: b.allowForwardToUsers ? 1 : 0 } : {}),
      ...(b.retentionDays !== undefined ? { retention_days: b.retentionDays } : {}),
      ...(b.maxMessageSeconds !== undefined ? { max_message_seconds: b.maxMessageSeconds } : {}),
      ...(b.maxSilenceSeconds !== undefined ? { max_silence_seconds: b.maxSilenceSeconds } : {}),
    });
    res.json(orgView(updated));
  }));
  router.post('/voicemail/mailboxes/:userId/unlock', requireAuth, requireAdmin, asyncRoute(async (req, res) => {
    const { userId } = parse(userIdParams, req.params, 'params');
    const user = await getUser(db, userId);
    if (!user || user.organisationId !== who(req).user.organisationId) throw notFound('user');
    await resetPinFailures(db, user.id);
    res.json({ locked: false });
  }));
  router.get('/voicemail/mailboxes/:userId/storage', requireAuth, requireAdmin, asyncRoute(async (req, res) => {
    const { userId } = parse(userIdParams, req.params, 'params');
    const user = await getUser(db, userId);
    if (!user || user.organisationId !== who(req).user.organisationId) throw notFound('user');
    res.json(await storageOf(db, user.id));
  }));
  void AppError;
  return router;
}

/** The organisation's voicemail settings as the API sends them (`orgSettingsView`). */
export const orgView = (s: Awaited<ReturnType<typeof getOrgSettings>>) => ({
  maxPinAttempts: s.max_pin_attempts, allowForwardToUsers: s.allow_forward_to_users === 1, retentionDays: s.retention_days,
  maxMessageSeconds: s.max_message_seconds, maxSilenceSeconds: s.max_silence_seconds,
});
