import { z } from '../../http/openapi/zod.js';
import { NODE_NAME } from '../../config.js';
import { MAX_ROW_ID } from '../../store/schema.js';
import { userView } from './user-schemas.js';

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
  }).strict().describe('the organisation\'s first administrator'),
}).strict().openapi('OrganisationCreate');

export type CreateOrganisationBody = z.infer<typeof createOrganisationBody>;

export const organisationView = z.object({
  id: z.number().int(), name: z.string(), companyExtension: z.string(), companyDid: z.string().nullable(),
  timezone: z.string(), createdAt: z.string(), users: z.number().int().describe('how many users it has'),
  node: z.string().nullable().describe('the Asterisk node whose controllers handle its calls (`NODE_NAME`); null on a site with one node'),
}).openapi('Organisation');

export const organisationIdParam = z.object({ id: z.coerce.number().int().positive('must be an organisation id').max(MAX_ROW_ID, 'must be an organisation id') });
export const organisationNodeBody = z.object({
  node: z.string().regex(NODE_NAME, 'must be a node name: letters, digits, - and _').nullable()
    .describe('a node some controller has led (`GET /api/nodes`); null: no node (a site with one)'),
}).strict().openapi('OrganisationNode');
export const nodeListView = z.object({
  nodes: z.array(z.object({
    name: z.string(), leading: z.boolean().describe('a controller leads it now (as far as the store knows)'),
    ledSince: z.string().nullable(), organisations: z.number().int().describe('how many organisations it serves'),
  })),
});
export const organisationListView = z.object({ organisations: z.array(organisationView) });
export const organisationCreatedView = z.object({ organisation: organisationView, admin: userView });
