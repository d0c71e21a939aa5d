import { z } from 'zod';
import { channel, isoDateTime, page, pageRequest } from './define';

/** The audit log of API calls of the active workspace: no headers, bodies or secrets, ever. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: isoDateTime,
  workspaceId: z.string(),
  operation: z.string(),
  method: z.string(),
  path: z.string(),
  /** null when no response arrived; errorCode says why */
  status: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  durationMs: z.number().int(),
  requestBytes: z.number().int(),
  attempt: z.number().int(),
  /** the job key the call was made for */
  job: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditChannels = {
  'audit.query': channel(
    pageRequest
      .extend({
        operation: z.string().max(100).optional(),
        method: z.enum(['GET', 'POST', 'PATCH', 'DELETE', 'PUT']).optional(),
        status: z
          .union([z.enum(['2xx', '3xx', '4xx', '5xx', 'network-error']), z.number().int().min(100).max(599)])
          .optional(),
        job: z.string().max(200).optional(),
        since: isoDateTime.optional(),
        until: isoDateTime.optional(),
      })
      .strict(),
    page(auditEntrySchema),
  ),
};

export const auditEvents = {};
