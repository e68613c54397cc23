import { z } from "zod";
import { dateTime, text } from "./text";

const optionalText = text().max(200).optional().transform((v) => v || undefined);
const optionalDate = z
  .string()
  .optional()
  .transform((v) => v || undefined)
  .pipe(dateTime().optional());

/** Audit Log filters as they appear in the URL (console) and the query string (API). */
export const auditFiltersSchema = z.object({
  actor: optionalText,
  action: optionalText,
  targetType: optionalText,
  from: optionalDate,
  to: optionalDate,
  cursor: z.uuid("cursor must be the nextCursor of a previous page.").optional(),
  limit: z.coerce.number().int().min(1, "limit is at least 1.").max(100, "limit is at most 100.").default(50),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** One audit event as the API answers it (`GET /api/v1/audit-events`). */
export const apiAuditEventSchema = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    actor: z.object({
      type: z.enum(["user", "api_key", "oauth_client", "system"]),
      id: z.string().nullable(),
      label: z.string(),
    }),
    action: z.string().meta({ example: "api_key.archived" }),
    target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
    metadata: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
  })
  .meta({ id: "AuditEvent" });
export type ApiAuditEvent = z.infer<typeof apiAuditEventSchema>;

export const auditEventPageSchema = z
  .object({
    data: z.array(apiAuditEventSchema),
    nextCursor: z.uuid().nullable().meta({ description: "Pass as `cursor` for the next (older) page; null on the last page." }),
  })
  .meta({ id: "AuditEventPage" });
