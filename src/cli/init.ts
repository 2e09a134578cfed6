import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../store/schema.js';
import { hashSecret } from '../users/password.js';
import { weakPasswordReason } from '../users/policy/password-strength.js';
import { createOrganisation, updateOrganisation } from '../users/settings/organisation-repository.js';
import { createUser, findUserByEmail, findUserByExtension, updateUser } from '../users/settings/user-repository.js';
import { CliError, type CliIo, UsageError } from './io.js';

/** `switchboard init`'s flags, each also asked for on a terminal when missing. */
export const INIT_FIELDS = [
  { flag: 'organisation', question: 'Organisation name', required: true },
  { flag: 'timezone', question: 'Time zone (IANA, e.g. Europe/London)', default: 'UTC' },
  { flag: 'company-extension', question: 'Company number: internal extension', default: '0' },
  { flag: 'company-did', question: 'Company number: DID as the carrier delivers it (empty: none)', optional: true },
  { flag: 'operator', question: 'Operator (extension or dial string; empty: the administrator)', optional: true },
  { flag: 'admin-name', question: 'Administrator: full name', required: true },
  { flag: 'admin-email', question: 'Administrator: e-mail (signs in with it)', required: true },
  { flag: 'admin-extension', question: 'Administrator: extension', required: true },
  { flag: 'admin-password', question: 'Administrator: password', required: true, secret: true },
] as const;
export type InitFlag = (typeof INIT_FIELDS)[number]['flag'];

const timezone = z.string().refine((tz) => { try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true; } catch { return false; } }, 'must be an IANA time zone such as Europe/Paris');
const extension = z.string().regex(/^\d{1,8}$/, 'must be 1 to 8 digits');
const phoneNumber = z.string().regex(/^\+?\d{3,20}$/, 'must be a phone number: digits, optionally a leading +');

const initInput = z.object({
  'organisation': z.string().trim().min(1, 'required').max(100),
  'timezone': timezone,
  'company-extension': extension,
  'company-did': phoneNumber.optional(),
  'operator': z.string().trim().min(1).max(200).optional(),
  'admin-name': z.string().trim().min(1, 'required').max(100),
  'admin-email': z.string().trim().email('must be an e-mail address').max(200),
  'admin-extension': z.string().regex(/^\d{2,8}$/, 'must be 2 to 8 digits'),
  'admin-password': z.string(),
});
export type InitInput = z.infer<typeof initInput>;

/** Flags first; on a terminal, asks for what is missing; otherwise names the missing flags. */
export async function collectInitInput(flags: Partial<Record<InitFlag, string>>, io: CliIo): Promise<InitInput> {
  const values: Partial<Record<InitFlag, string>> = { ...flags };
  if (values['admin-password'] === undefined && io.env.SWITCHBOARD_ADMIN_PASSWORD) values['admin-password'] = io.env.SWITCHBOARD_ADMIN_PASSWORD;
  const missing = INIT_FIELDS.filter((f) => 'required' in f && values[f.flag] === undefined);
  if (missing.length && !io.ask) {
    throw new UsageError(`missing ${missing.map((f) => `--${f.flag}`).join(', ')} (or run it on a terminal to be asked)`);
  }
  if (io.ask) {
    for (const field of INIT_FIELDS) {
      if (values[field.flag] !== undefined) continue;
      const answer = await io.ask(field.question, { secret: 'secret' in field, default: 'default' in field ? field.default : undefined });
      if (answer) values[field.flag] = answer;
    }
  }
  for (const field of INIT_FIELDS) if (values[field.flag] === undefined && 'default' in field) values[field.flag] = field.default;
  for (const field of INIT_FIELDS) if (values[field.flag] === '' && 'optional' in field) delete values[field.flag];
  const parsed = initInput.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${issue.path.join('.')}: ${issue.message}`);
  }
  const input = parsed.data;
  const weak = weakPasswordReason(input['admin-password'], { email: input['admin-email'], name: input['admin-name'], extension: input['admin-extension'], organisation: input.organisation });
  if (weak) throw new CliError(`--admin-password: too weak: ${weak}`);
  return input;
}

/**
 * Creates the organisation and its first administrator; run again with the same values it
 * changes nothing, and with new organisation settings it updates them. An administrator who
 * exists keeps their password (they change it in the portal).
 */
export async function initialise(db: Kysely<Database>, input: InitInput): Promise<string[]> {
  const lines: string[] = [];
  const organisations = await db.selectFrom('organisations').selectAll().orderBy('id').execute();
  if (organisations.length > 1) throw new CliError(`the store has ${organisations.length} organisations; init sets up the first one only`);
  const wanted = {
    name: input.organisation,
    timezone: input.timezone,
    company_extension: input['company-extension'],
    company_did: input['company-did'] ?? null,
    operator_destination: input.operator ?? input['admin-extension'],
  };
  let organisation = organisations[0];
  if (!organisation) {
    organisation = await createOrganisation(db, {
      name: wanted.name, timezone: wanted.timezone, companyExtension: wanted.company_extension,
      companyDid: wanted.company_did, operatorDestination: wanted.operator_destination,
    });
    lines.push(`created organisation ${organisation.name} (time zone ${organisation.timezone}, company number ${organisation.company_extension}${organisation.company_did ? ` / ${organisation.company_did}` : ''}, operator ${organisation.operator_destination})`);
  } else {
    const changed = (Object.keys(wanted) as Array<keyof typeof wanted>).filter((k) => organisation![k] !== wanted[k]);
    if (changed.length) {
      organisation = (await updateOrganisation(db, organisation.id, Object.fromEntries(changed.map((k) => [k, wanted[k]]))))!;
      lines.push(`updated organisation ${organisation.name}: ${changed.map((k) => `${k.replace(/_/g, ' ')} ${wanted[k] ?? 'none'}`).join(', ')}`);
    } else {
      lines.push(`organisation ${organisation.name} already set up: unchanged`);
    }
  }

  const byEmail = await findUserByEmail(db, input['admin-email']);
  if (byEmail && byEmail.organisation_id !== organisation.id) throw new CliError(`--admin-email: ${input['admin-email']} belongs to another organisation`);
  if (byEmail) {
    if (byEmail.role !== 'admin') {
      await updateUser(db, byEmail.id, { role: 'admin' });
      lines.push(`made ${byEmail.name} (${byEmail.extension}, ${input['admin-email']}) an administrator`);
    } else {
      lines.push(`administrator ${byEmail.name} (${byEmail.extension}, ${input['admin-email']}) already exists: unchanged (the password is changed in the portal)`);
    }
    return lines;
  }
  const byExtension = await findUserByExtension(db, organisation.id, input['admin-extension']);
  if (byExtension) throw new CliError(`--admin-extension: ${input['admin-extension']} is already ${byExtension.name}${byExtension.email ? ` (${byExtension.email})` : ''}; choose another extension or give their e-mail`);
  const admin = await createUser(db, organisation.id, {
    extension: input['admin-extension'], name: input['admin-name'], email: input['admin-email'], role: 'admin',
    services: ['attendant', 'voicemail'], passwordHash: await hashSecret(input['admin-password']),
  });
  lines.push(`created administrator ${admin.name} (extension ${admin.extension}, device PJSIP/${admin.extension}); sign in to the portal as ${admin.email}`);
  return lines;
}
