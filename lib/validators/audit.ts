import { z } from "zod";

const optionalText = z.string().trim().max(200).optional().transform((v) => v || undefined);
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
    return date;
  });

/** Audit Log filters as they appear in the URL (console) and the query string (API). */
export const auditFiltersSchema = z.object({
  actor: optionalText,
  action: optionalText,
  targetType: optionalText,
  from: optionalDate,
  to: optionalDate,
  cursor: optionalText,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;
