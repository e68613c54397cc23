import { index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/**
 * One row per authenticated `/api/v1` request, and per failed attempt that names a key. Written in batches.
 * `apiKeyId` has no foreign key on purpose: a key deleted while its last entries wait in the batch must not make
 * the batch fail, and the log outlives the key.
 *
 * `organizationId` has no foreign key either: the check ran once per row, about a quarter of what a row cost the
 * embedded database to write, and one row is written per API call. The hourly counts are upserted in the same
 * statement with a foreign key of their own, so a batch naming an organisation that does not exist is still refused
 * as a whole; deleting an organisation deletes its log by a trigger (migration 0017).
 */
export const accessLogs = pgTable(
  "access_logs",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull(),
    apiKeyId: uuid("api_key_id"),
    accessCodePrefix: text("access_code_prefix"),
    credentialKind: text("credential_kind"),
    credentialId: text("credential_id"),
    method: text("method").notNull(),
    /** Path and query string, with any credential in the query string redacted. */
    path: text("path").notNull(),
    status: integer("status").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    durationMs: integer("duration_ms").notNull(),
    /** Only when the key asks for bodies; at most 16 KiB each, credentials and secrets redacted. */
    requestBody: text("request_body"),
    responseBody: text("response_body"),
    createdAt: createdAt(),
  },
  (t) => [
    index("access_logs_organization_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("access_logs_api_key_created_idx").on(t.apiKeyId, t.createdAt),
  ],
);

export type AccessLog = typeof accessLogs.$inferSelect;
export type NewAccessLog = typeof accessLogs.$inferInsert;
