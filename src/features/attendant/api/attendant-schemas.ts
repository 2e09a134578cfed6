import { z } from '../../../http/openapi/zod.js';
import { MAX_ROW_ID, SERVICES, USER_TYPES } from '../../../store/schema.js';
import { MAILBOX_NOTIFY_MODES } from '../../../calls/handoffs.js';
import { isAcceptablePin, PIN_RULE } from '../../../users/policy/pin-rules.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const instant = z.string().datetime({ offset: true, message: 'must be an ISO-8601 date and time' });
const promptName = z.string().regex(/^[a-z0-9-]{1,80}$/, 'must be a prompt name (sounds/<name>.wav)');
const timezone = z.string().refine((tz) => { try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true; } catch { return false; } }, 'must be an IANA timezone such as Europe/Paris');

/**
 * The outside-line prefix is digits a phone dials, never where the call goes: the trunk is
 * OUTBOUND_DIAL_STRING, set by whoever runs the PBX. A dial string typed here (a device, a
 * SIP URI to any host) is refused with that said, not only "must be digits".
 */
const outboundPrefix = z.string().superRefine((prefix, ctx) => {
  if (/^\d{1,3}$/.test(prefix)) return;
  const looksLikeDialString = /[/@:]/.test(prefix) || /^[a-z]/i.test(prefix);
  ctx.addIssue({
    code: 'custom',
    message: looksLikeDialString
      ? 'is the digits phones dial before an outside number (e.g. 9), not a dial string: outside calls always leave through the outbound trunk the PBX administrator configured (OUTBOUND_DIAL_STRING)'
      : 'must be 1 to 3 digits (e.g. 9), or null for no outside calls',
  });
});

export const directoryQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  keys: z.string().regex(/^[2-9]{1,20}$/, 'must be keypad digits 2-9').optional(),
  number: z.string().regex(/^\+?\d{1,20}$/, 'must be an extension or a number').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).strict().refine((q) => q.q !== undefined || q.keys !== undefined || q.number !== undefined, { message: 'give q, keys or number', path: ['q'] });

export const settingsBody = z.object({
  businessGreeting: promptName,
  afterHoursGreeting: promptName,
  holidayGreeting: promptName,
  maxAttempts: z.number().int().min(1).max(10),
  speechEnabled: z.boolean(),
  companyExtension: z.string().regex(/^\d{1,8}$/, 'must be 1 to 8 digits'),
  companyDid: z.string().regex(/^\+?\d{3,20}$/, 'must be a phone number').nullable(),
  operatorDestination: z.string().trim().min(1).max(200).nullable(),
  timezone,
  /** Digits before an outside number (PRODUCT.md 4); null: no outside calls from phones. */
  outboundPrefix: outboundPrefix.nullable(),
  outboundCallerId: z.string().regex(/^\+?\d{3,20}$/, 'must be a phone number (the company DID or a user\'s DID), not a dial string').nullable(),
}).partial().strict().refine((b) => Object.keys(b).length > 0, { message: 'nothing to change', path: ['body'] });

export const businessHoursBody = z.object({
  hours: z.array(z.object({ dayOfWeek: z.number().int().min(0).max(6), opens: hhmm, closes: hhmm }).strict()).max(50),
}).strict();

export const holidayBody = z.object({ name: z.string().trim().min(1).max(100), startsOn: isoDate, endsOn: isoDate.optional() }).strict()
  .refine((h) => !h.endsOn || h.endsOn >= h.startsOn, { message: 'must not be before startsOn', path: ['endsOn'] });

export const idParam = z.object({ id: z.coerce.number().int().positive().max(MAX_ROW_ID) });

export const outOfOfficeBody = z.object({
  startsAt: instant.nullable().optional(),
  endsAt: instant.nullable().optional(),
  backupUserId: z.number().int().positive().max(MAX_ROW_ID).nullable().optional(),
}).strict().refine((o) => !o.startsAt || !o.endsAt || o.endsAt > o.startsAt, { message: 'must be after startsAt', path: ['endsAt'] });

export const agentLoginBody = z.object({ loggedIn: z.boolean() }).strict();
export const agentLoginView = z.object({ loggedIn: z.boolean() });

export const bulkUpdateBody = z.object({
  userIds: z.array(z.number().int().positive().max(MAX_ROW_ID)).min(1, 'select at least one user').max(10_000),
  set: z.object({
    type: z.enum(USER_TYPES),
    backupUserId: z.number().int().positive().max(MAX_ROW_ID).nullable(),
    addServices: z.array(z.enum(SERVICES)),
    removeServices: z.array(z.enum(SERVICES)),
    noAnswerSeconds: z.number().int().min(5).max(120),
    hiddenFromDirectory: z.boolean(),
    loggedIn: z.boolean(),
    /** Voicemail options (PRODUCT.md 4, Bulk settings): how each mailbox tells its owner of a message. */
    voicemailNotify: z.enum(MAILBOX_NOTIFY_MODES),
    /** Clears the wrong-PIN count and lock of every selected mailbox. */
    unlockMailboxes: z.literal(true, { errorMap: () => ({ message: 'true to unlock, or leave it out' }) }),
    /** One new PIN for every selected mailbox (each owner then changes it); also unlocks them. */
    voicemailPin: z.string().refine(isAcceptablePin, PIN_RULE),
  }).partial().strict().refine((s) => Object.keys(s).length > 0, { message: 'nothing to change', path: [] }),
}).strict();
export type BulkUpdateBody = z.infer<typeof bulkUpdateBody>;

/** One CSV row on import; empty cells mean "leave as is" for existing users. */
export const csvUserRow = z.object({
  extension: z.string().regex(/^\d{2,8}$/, 'must be 2 to 8 digits'),
  name: z.string().trim().min(1, 'required').max(100),
  email: z.string().trim().email('must be an e-mail address').optional(),
  type: z.enum(USER_TYPES).optional(),
  services: z.array(z.enum(SERVICES)).optional(),
  aliases: z.array(z.string().min(1).max(100)).optional(),
  hiddenFromDirectory: z.boolean().optional(),
  secondaryNumber: z.string().regex(/^\+?\d{3,20}$/, 'must be a phone number').optional(),
  backupExtension: z.string().regex(/^\d{2,8}$/).optional(),
  noAnswerSeconds: z.number().int().min(5).max(120).optional(),
  dids: z.array(z.string().regex(/^\+?\d{3,20}$/, 'must be a phone number')).optional(),
});
export type CsvUserRow = z.infer<typeof csvUserRow>;

/** `POST /attendant/users.csv`: the CSV as a text/csv body (rows are checked with csvUserRow). */
export const usersCsvBody = z.string({ invalid_type_error: 'send the CSV as text/csv', required_error: 'send the CSV as text/csv' })
  .refine((text) => text.trim().length > 0, 'send the CSV as text/csv')
  .describe('a header row naming the columns (extension and name required), then one user a row; lists `;`-separated');

// What the routes send.

export const directoryEntryView = z.object({
  userId: z.number().int(),
  name: z.string().describe('the user\'s real name'),
  spokenName: z.string().describe('the name or alias that matched'),
  isAlias: z.boolean(),
  extension: z.string(),
});
export const directoryView = z.object({ entries: z.array(directoryEntryView) });

export const attendantSettingsView = z.object({
  businessGreeting: z.string().describe('prompt names: sounds/<name>.wav'),
  afterHoursGreeting: z.string(),
  holidayGreeting: z.string(),
  maxAttempts: z.number().int().describe('wrong or missing answers before the operator'),
  speechEnabled: z.boolean(),
  companyExtension: z.string(),
  companyDid: z.string().nullable(),
  operatorDestination: z.string().nullable().describe('an extension or an Asterisk dial string'),
  timezone: z.string().describe('IANA timezone'),
  outboundPrefix: z.string().nullable().describe('digits phones dial before an outside number (9 by default); null: no outside calls'),
  outboundCallerId: z.string().nullable().describe('caller ID of outside calls: the company DID or a user\'s DID; null: the company DID'),
}).openapi('AttendantSettings');

export const weeklyHoursView = z.object({
  dayOfWeek: z.number().int().describe('0 = Sunday'),
  opens: z.string(),
  closes: z.string().describe('exclusive; before opens: past midnight'),
});
export const businessHoursView = z.object({ hours: z.array(weeklyHoursView) });

export const holidayView = z.object({ id: z.number().int(), name: z.string(), startsOn: z.string(), endsOn: z.string() }).openapi('AttendantHoliday');
export const holidaysView = z.object({ holidays: z.array(holidayView) });

export const outOfOfficeSetting = z.object({ startsAt: z.string().nullable(), endsAt: z.string().nullable(), backupUserId: z.number().int().nullable() });
export const outOfOfficeView = z.object({
  outOfOffice: outOfOfficeSetting.nullable().describe('null: not set'),
  activeNow: z.boolean(),
}).openapi('OutOfOffice');

export const bulkUpdateView = z.object({ updated: z.number().int() });
export const csvImportView = z.object({ created: z.number().int(), updated: z.number().int() });
