import { z } from './openapi/zod.js';
import { MAX_ROW_ID } from '../store/schema.js';

export const auditQuery = z.object({
  search: z.string().max(100).optional().describe('in the action or its details'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(MAX_ROW_ID).default(0),
}).strict();

export const auditChangeView = z.union([
  z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }),
  z.object({ field: z.string().describe('password or pin: never shown'), changed: z.literal(true) }),
]).openapi('AuditChange');

export const auditEntryView = z.object({
  id: z.number().int(),
  at: z.string().describe('ISO-8601 time'),
  actorUserId: z.number().int().nullable(),
  actingAsUserId: z.number().int().nullable(),
  action: z.string().describe('impersonation-started, impersonation-stopped, user-changed, or the request made while impersonating'),
  details: z.record(z.unknown()),
  changes: z.array(auditChangeView).optional().describe('user-changed: each field that differs, old and new'),
}).openapi('AuditEntry');

export const auditView = z.object({ entries: z.array(auditEntryView) });
