import { z } from 'zod';
import { MESSAGE_COLUMNS } from '../settings/message-repository.js';
import { GREETING_KINDS, NOTIFY_MODES } from '../settings/voicemail-schema.js';

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const userIdParams = z.object({ userId: z.coerce.number().int().positive() });
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
  offset: z.coerce.number().int().min(0).default(0),
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
  userIds: z.array(z.number().int().positive()).min(1).max(10, 'at most 10 users at a time').optional(),
  extensions: z.array(z.string().regex(/^\d{1,8}$/, 'must be an extension')).min(1).max(10, 'at most 10 users at a time').optional(),
}).strict().refine((b) => (b.userIds ? 1 : 0) + (b.extensions ? 1 : 0) === 1, { message: 'give userIds or extensions', path: ['userIds'] });
export const settingsBody = z.object({ notify: z.enum(NOTIFY_MODES) }).strict();
export const orgSettingsBody = z.object({
  maxPinAttempts: z.number().int().min(1).max(20).optional(),
  allowForwardToUsers: z.boolean().optional(),
  retentionDays: z.number().int().min(0).max(3650).optional(),
  maxMessageSeconds: z.number().int().min(10).max(3600).optional(),
  maxSilenceSeconds: z.number().int().min(1).max(60).optional(),
}).strict();
