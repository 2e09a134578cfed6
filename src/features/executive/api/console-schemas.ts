import { z } from '../../../http/openapi/zod.js';
import { MAX_ROW_ID } from '../../../store/schema.js';

/** The assistant console's input and answers (console-routes.ts), documented from these. */

const userId = z.coerce.number().int().positive('must be a user id').max(MAX_ROW_ID, 'must be a user id');
export const consoleExecutiveParams = z.object({ executiveId: userId });
export const consoleCallParams = z.object({ executiveId: userId, callId: z.string().regex(/^[a-z-]+-[0-9a-f]{8}$/, 'must be a call id from the console') });
/** Forward, Transfer and Call as the executive: an extension or an outside number. */
export const consoleNumberBody = z.object({ number: z.string().trim().regex(/^\+?\d{2,20}$/, 'must be an extension or a phone number') }).strict();
/** Push: blind by default; warm, the assistant talks to the executive first (who presses 1 to take it, 2 to send it back). */
export const consolePushBody = z.object({ warm: z.boolean().default(false) }).strict();
/** Take, voicemail, push, hold, resume, retrieve, bridge take no input. */
export const consoleNoBody = z.object({}).strict();

const party = z.object({ name: z.string(), number: z.string() });

export const consoleCallView = z.object({
  id: z.string(),
  caller: party,
  since: z.string().describe('when the call began (ISO 8601): how long the caller has waited'),
  state: z.enum(['ringing-assistants', 'ringing', 'answered', 'on-hold']),
  handledByMe: z.boolean().describe('the assistant\'s own answered call'),
  actions: z.array(z.enum(['take', 'voicemail', 'forward', 'push', 'hold', 'resume', 'transfer'])).describe('what the assistant may do with it now'),
}).openapi('AssistantConsoleCall');

export const consoleExecutiveView = z.object({
  id: z.number().int(),
  name: z.string(),
  extension: z.string(),
  filtering: z.boolean(),
  screening: z.boolean(),
  optedIn: z.boolean(),
  allowOptInOut: z.boolean(),
  line: z.object({
    state: z.enum(['idle', 'ringing', 'on-a-call', 'on-hold']),
    with: party.nullable(),
    actions: z.array(z.enum(['retrieve', 'bridge', 'call'])),
    calls: z.array(consoleCallView),
  }),
}).openapi('ConsoleExecutive');

export const consoleView = z.object({
  assistant: z.object({ id: z.number().int(), name: z.string(), extension: z.string(), divert: z.object({ enabled: z.boolean(), number: z.string().nullable() }) }),
  executives: z.array(consoleExecutiveView),
}).openapi('AssistantConsole', { description: 'Reload it when /api/live pushes a snapshot or an activity: the console follows the same stream' });

export const consoleAccepted = z.object({ action: z.string(), detail: z.string() }).openapi('ConsoleAccepted');
