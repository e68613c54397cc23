import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .max(200)
  // PostgreSQL refuses U+0000 in text, and no one types control characters into a filter.
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Filters cannot contain control characters.")
  .optional()
  .transform((v) => v || undefined);
const optionalDate = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const date = new Date(v);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a valid date and time." });
      return z.NEVER;
    }
    // JavaScript dates reach year 275760, PostgreSQL's stop earlier: keep to years a log can hold.
    if (date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 9999) {
      ctx.addIssue({ code: "custom", message: "Enter a date between the years 1970 and 9999." });
      return z.NEVER;
    }
    return date;
  });

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
