import { z } from '../openapi/zod.js';
import { userView } from '../../users/api/user-schemas.js';
import { MAX_ROW_ID } from '../../store/schema.js';

export const loginBody = z.object({
  login: z.string().trim().min(1, 'required').max(200).describe('e-mail address or extension'),
  password: z.string().min(1, 'required').max(200),
}).strict();

export const impersonateBody = z.object({
  userId: z.number().int().positive().max(MAX_ROW_ID),
  reason: z.string().trim().min(5, 'give a reason of at least 5 characters').max(500),
}).strict();

/** A new session: the bearer token is also set as the sb_session cookie. */
export const sessionView = z.object({
  token: z.string().describe('bearer token (also set as the sb_session cookie)'),
  csrfToken: z.string(),
  user: userView,
}).openapi('Session');

export const meView = z.object({
  user: userView,
  csrfToken: z.string(),
  impersonation: z.object({ by: z.object({ id: z.number().int(), name: z.string() }), reason: z.string().nullable() }).nullable(),
});

export const impersonationStoppedView = z.object({
  user: userView.nullable().describe('the administrator again'),
  csrfToken: z.string().nullable().describe('the administrator\'s session\'s token, when the portal\'s cookie session is restored'),
});
