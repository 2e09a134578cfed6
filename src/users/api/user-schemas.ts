import { isAcceptablePin, PIN_RULE } from '../policy/pin-rules.js';
import { z } from '../../http/openapi/zod.js';
import { LOCATION_KINDS, ROLES, SERVICES, USER_TYPES } from '../../store/schema.js';
import { MAX_ROW_ID } from '../../store/schema.js';

const extension = z.string().regex(/^\d{2,8}$/, 'must be 2 to 8 digits');
const phoneNumber = z.string().regex(/^\+?\d{3,20}$/, 'must be a phone number: digits, optionally a leading +');

export const locationSchema = z.object({
  kind: z.enum(LOCATION_KINDS),
  address: z.string().trim().min(1, 'required').max(200),
  ringsForIncoming: z.boolean().default(false),
  label: z.string().max(100).nullable().default(null),
}).strict().superRefine((l, ctx) => {
  if ((l.kind === 'anywhere' || l.kind === 'mobile') && !phoneNumber.safeParse(l.address).success) {
    ctx.addIssue({ code: 'custom', path: ['address'], message: `a ${l.kind} location is a phone number` });
  }
  if ((l.kind === 'primary' || l.kind === 'shared') && !/^[A-Za-z]+\/\S+$/.test(l.address)) {
    ctx.addIssue({ code: 'custom', path: ['address'], message: 'a device is an Asterisk dial string such as PJSIP/1001' });
  }
});

const userFields = {
  extension,
  name: z.string().trim().min(1, 'required').max(100),
  email: z.string().trim().email('must be an e-mail address').max(200).nullable(),
  role: z.enum(ROLES),
  type: z.enum(USER_TYPES),
  services: z.array(z.enum(SERVICES)).max(SERVICES.length),
  hiddenFromDirectory: z.boolean(),
  aliases: z.array(z.string().trim().min(1).max(100)).max(20),
  backupUserId: z.number().int().positive().max(MAX_ROW_ID).nullable(),
  secondaryNumber: phoneNumber.nullable(),
  loggedIn: z.boolean(),
  noAnswerSeconds: z.number().int().min(5, 'at least 5 seconds').max(120, 'at most 120 seconds'),
  password: z.string().min(8, 'at least 8 characters').max(200),
  pin: z.string().refine(isAcceptablePin, PIN_RULE),
  locations: z.array(locationSchema).max(20),
  dids: z.array(phoneNumber).max(20),
};

export const createUserBody = z.object({
  ...userFields,
  email: userFields.email.optional(),
  role: userFields.role.optional(),
  type: userFields.type.optional(),
  services: userFields.services.optional(),
  hiddenFromDirectory: userFields.hiddenFromDirectory.optional(),
  aliases: userFields.aliases.optional(),
  backupUserId: userFields.backupUserId.optional(),
  secondaryNumber: userFields.secondaryNumber.optional(),
  loggedIn: userFields.loggedIn.optional(),
  noAnswerSeconds: userFields.noAnswerSeconds.optional(),
  password: userFields.password.optional(),
  pin: userFields.pin.optional(),
  locations: userFields.locations.optional(),
  dids: userFields.dids.optional(),
}).strict().openapi('UserCreate');

export const updateUserBody = z.object({
  ...userFields,
  /** Changing one's own password needs the one in use (a session left open is not enough). */
  currentPassword: z.string().min(1, 'required').max(200),
}).partial().strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change', path: ['body'] })
  .openapi('UserUpdate', { description: 'A user may change their own name, e-mail, password and PIN (the password with currentPassword); administrators anything' });

export const listUsersQuery = z.object({
  search: z.string().max(100).optional(),
  service: z.enum(SERVICES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(MAX_ROW_ID).default(0),
}).strict();

export const idParam = z.object({ id: z.coerce.number().int().positive('must be a user id').max(MAX_ROW_ID, 'must be a user id') });
export const locationsBody = z.object({ locations: userFields.locations }).strict();
export const didsBody = z.object({ dids: userFields.dids }).strict();

export type CreateUserBody = z.infer<typeof createUserBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;

/** A location as the API sends it (`UserProfile.locations`). */
export const locationView = z.object({
  id: z.number().int(),
  kind: z.enum(LOCATION_KINDS),
  address: z.string().describe('Asterisk dial string (primary, shared) or phone number (anywhere, mobile)'),
  ringsForIncoming: z.boolean(),
  label: z.string().nullable(),
}).openapi('Location');

/** A user as the API sends it (`UserProfile`); secrets only as whether they are set. */
export const userView = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  extension: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  systemAdmin: z.boolean().describe('may create and list organisations, not only manage their own'),
  type: z.enum(USER_TYPES),
  services: z.array(z.enum(SERVICES)),
  locations: z.array(locationView),
  dids: z.array(z.string()),
  hiddenFromDirectory: z.boolean(),
  aliases: z.array(z.string()),
  backupUserId: z.number().int().nullable(),
  secondaryNumber: z.string().nullable(),
  loggedIn: z.boolean(),
  noAnswerSeconds: z.number().int(),
  hasPassword: z.boolean(),
  hasPin: z.boolean(),
}).openapi('User');

export const userListView = z.object({ users: z.array(userView), total: z.number().int().describe('matching users, for paging') });
export const locationsView = z.object({ locations: z.array(locationView) });
export const didsView = z.object({ dids: z.array(z.string()) });
