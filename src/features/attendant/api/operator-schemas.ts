import { z } from '../../../http/openapi/zod.js';
import { MAX_ROW_ID } from '../../../store/schema.js';

/** The operator console's requests and answers (operator-routes.ts), validated and described from here. */
export const callParam = z.object({ callId: z.string().regex(/^[a-z-]+-[0-9a-f]{8}$/, 'must be a call id from the console') });
export const slotParam = z.object({ slot: z.coerce.number().int().min(1).max(999) });

export const transferBody = z.object({
  userId: z.number().int().positive().max(MAX_ROW_ID),
  announce: z.boolean().default(false).describe('true: the person first hears the caller\'s number, then they are put together'),
}).strict();
export const voicemailBody = z.object({ userId: z.number().int().positive().max(MAX_ROW_ID) }).strict();

const person = z.object({ id: z.number().int(), name: z.string(), extension: z.string() });
export const consoleCallView = z.object({
  id: z.string(),
  state: z.enum(['menu', 'waiting', 'ringing', 'connected', 'parked']).describe('waiting: for the operator; ringing: someone rings for the caller'),
  step: z.enum(['greeting', 'main-menu', 'confirming-a-name', 'choosing-from-a-list', 'put-through']).nullable().describe('where in the menu (menu calls)'),
  caller: z.object({ name: z.string(), number: z.string() }),
  since: z.string().describe('ISO-8601: when the call began'),
  with: person.nullable().describe('who rings for the caller or talks to them'),
  slot: z.number().int().nullable().describe('a parked call\'s slot'),
}).openapi('OperatorConsoleCall');
export const consolePersonView = z.object({
  id: z.number().int(), name: z.string(), extension: z.string(), dids: z.array(z.string()),
  state: z.enum(['idle', 'on-a-call', 'ringing', 'out-of-office', 'logged-out']),
  backup: person.nullable().describe('while out of office: who takes their calls (null: voicemail)'),
}).openapi('OperatorConsolePerson');
export const consoleView = z.object({ calls: z.array(consoleCallView), people: z.array(consolePersonView) })
  .openapi('OperatorConsole', { description: 'The operator console: calls at the company number and the directory; also each `console` event of /attendant/console/live' });
export const parkedView = z.object({ slot: z.number().int() });
