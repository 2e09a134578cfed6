import { z } from '../../../http/openapi/zod.js';
import { MESSAGE_COLUMNS } from '../settings/message-repository.js';
import { GREETING_KINDS, NOTIFY_MODES } from '../settings/voicemail-schema.js';
import { MAX_ROW_ID } from '../../../store/schema.js';

export const idParams = z.object({ id: z.coerce.number().int().positive().max(MAX_ROW_ID) });
export const userIdParams = z.object({ userId: z.coerce.number().int().positive().max(MAX_ROW_ID) });
export const greetingParams = z.object({ kind: z.enum(GREETING_KINDS) });
export const mediaParams = z.object({ file: z.string().regex(/^[0-9a-z_-]+\.wav$/), expires: z.string().max(20), signature: z.string().max(64) });

const filterable = Object.fromEntries(MESSAGE_COLUMNS.map((c) => [c, z.string().max(200).optional()])) as Record<(typeof MESSAGE_COLUMNS)[number], z.ZodOptional<z.ZodString>>;

/**
 * `GET /voicemail/messages`: `sort` and `order`, any column as an exact filter
 * (`?status=new`), `q_<column>` as a contains filter (`?q_caller_name=mar`), and
 * `received_from` / `received_to` (ISO times) for a period.
 */
export const listQuery = z.object({
  sort: z.enum(MESSAGE_COLUMNS).default('received_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  received_from: z.string().datetime().optional(),
  received_to: z.string().datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(MAX_ROW_ID).default(0),
  ...filterable,
  ...Object.fromEntries(MESSAGE_COLUMNS.map((c) => [`q_${c}`, z.string().max(200).optional()])),
}).strict();

export const messagePatch = z.object({
  read: z.boolean().optional(),
  status: z.enum(['new', 'saved']).optional(),
}).strict().refine((v) => v.read !== undefined || v.status !== undefined, { message: 'give read or status', path: ['read'] });

export const sendEmailBody = z.object({ to: z.string().email(), attachAudio: z.boolean().default(true) }).strict();
/** A forward makes one copy per user: ten at a time (issue 12: fifty per request, unbounded). */
// By user id or by extension: the portal's Forward button asks for an extension, and a
// user outside the attendant directory (hidden, or no attendant service) still has a mailbox.
export const forwardBody = z.object({
  userIds: z.array(z.number().int().positive().max(MAX_ROW_ID)).min(1).max(10, 'at most 10 users at a time').optional(),
  extensions: z.array(z.string().regex(/^\d{1,8}$/, 'must be an extension')).min(1).max(10, 'at most 10 users at a time').optional(),
}).strict().refine((b) => (b.userIds ? 1 : 0) + (b.extensions ? 1 : 0) === 1, { message: 'give userIds or extensions', path: ['userIds'] });
export const settingsBody = z.object({ notify: z.enum(NOTIFY_MODES) }).strict();
export const orgSettingsBody = z.object({
  maxPinAttempts: z.number().int().min(1).max(20).optional(),
  allowForwardToUsers: z.boolean().optional(),
  retentionDays: z.number().int().min(0).max(3650).optional(),
  maxMessageSeconds: z.number().int().min(10).max(3600).optional(),
  maxSilenceSeconds: z.number().int().min(1).max(60).optional(),
}).strict().refine((b) => Object.keys(b).length > 0, { message: 'nothing to change', path: ['body'] });

/** `GET /voicemail/messages/{id}/audio`: `?download=1` sends it as an attachment. */
export const audioQuery = z.object({ download: z.string().max(10).optional().describe('1: as a file to save (Content-Disposition: attachment)') });

/** A greeting upload: any WAV the server's sox reads. */
export const greetingAudio = z.string().openapi({ format: 'binary', description: 'a WAV file; stored as 8 kHz mono for the phone' });
const wav = { description: 'WAV, 8 kHz mono', content: { 'audio/wav': { schema: z.string().openapi({ format: 'binary' }) } } };
export const wavResponse = wav;

// What the routes send.

export const messageView = z.object({
  id: z.number().int(),
  callerName: z.string().nullable(),
  callerNumber: z.string().nullable(),
  reason: z.string(),
  receivedAt: z.string().describe('ISO-8601 time'),
  durationSeconds: z.number(),
  sizeBytes: z.number().int(),
  status: z.enum(['new', 'saved']),
  readAt: z.string().nullable(),
  transcription: z.string().nullable().describe('offline, automatic (PocketSphinx)'),
  transcriptionStatus: z.enum(['pending', 'done', 'failed']),
  forwardedByUserId: z.number().int().nullable(),
  audioUrl: z.string(),
}).openapi('VoicemailMessage');
export const messagesView = z.object({ messages: z.array(messageView) });

export const mailboxSettingsView = z.object({
  notify: z.enum(NOTIFY_MODES),
  locked: z.boolean().describe('locked by wrong PINs; an administrator unlocks it'),
  outOfOffice: z.boolean(),
  greetings: z.object(Object.fromEntries(GREETING_KINDS.map((k) => [k, z.boolean()])) as Record<(typeof GREETING_KINDS)[number], z.ZodBoolean>)
    .describe('which greetings are recorded'),
}).openapi('MailboxSettings');
export const notifyView = z.object({ notify: z.enum(NOTIFY_MODES) });

export const storageView = z.object({ messages: z.number().int(), bytes: z.number().int(), seconds: z.number() });
export const ownStorageView = storageView.extend({ retentionDays: z.number().int().describe('0 keeps messages forever') });

export const orgSettingsView = z.object({
  maxPinAttempts: z.number().int(),
  allowForwardToUsers: z.boolean(),
  retentionDays: z.number().int().describe('0 keeps messages forever'),
  maxMessageSeconds: z.number().int(),
  maxSilenceSeconds: z.number().int(),
}).openapi('VoicemailOrganisationSettings');

export const emailQueuedView = z.object({ queued: z.literal(true) });
export const forwardedView = z.object({ forwarded: z.array(z.object({ userId: z.number().int(), messageId: z.number().int() })) });
export const unlockedView = z.object({ locked: z.literal(false) });
