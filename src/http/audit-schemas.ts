import { z } from './openapi/zod.js';
import { MAX_ROW_ID } from '../store/schema.js';

export const auditQuery = z.object({
  search: z.string().max(100).optional().describe('in the action or its details'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(MAX_ROW_ID).default(0),
}).strict();

export const auditEntryView = z.object({
  id: z.number().int(),
  at: z.string().describe('ISO-8601 time'),
  actorUserId: z.number().int().nullable(),
  actingAsUserId: z.number().int().nullable(),
  action: z.string().describe('impersonation-started, impersonation-stopped, or the change made while impersonating'),
  details: z.record(z.unknown()),
}).openapi('AuditEntry');

export const auditView = z.object({ entries: z.array(auditEntryView) });
