import { z } from 'zod';

const timezone = z.string().refine((tz) => { try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true; } catch { return false; } }, 'must be an IANA timezone such as Europe/Paris');

/** A new organisation and its first administrator (who then creates everyone else). */
export const createOrganisationBody = z.object({
  name: z.string().trim().min(1, 'required').max(100),
  companyExtension: z.string().regex(/^\d{1,8}$/, 'must be 1 to 8 digits').optional(),
  companyDid: z.string().regex(/^\+?\d{3,20}$/, 'must be a phone number').nullable().optional(),
  timezone: timezone.optional(),
  admin: z.object({
    extension: z.string().regex(/^\d{2,8}$/, 'must be 2 to 8 digits'),
    name: z.string().trim().min(1, 'required').max(100),
    email: z.string().trim().email('must be an e-mail address').max(200),
    password: z.string().min(8, 'at least 8 characters').max(200),
    /** The administrator's phone, if any: a device Asterisk knows that is nobody else's. */
    device: z.string().trim().min(1).max(200).optional(),
  }).strict(),
}).strict();

export type CreateOrganisationBody = z.infer<typeof createOrganisationBody>;
