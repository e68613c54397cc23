import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { organizations } from "./organizations";

export const actorTypeEnum = pgEnum("actor_type", ["user", "api_key", "oauth_client", "system"]);

/** Append-only: nothing in the product updates or deletes a row here. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    actorType: actorTypeEnum("actor_type").notNull(),
    actorId: text("actor_id"),
    /** The actor's name at the time, so the log reads right after renames and deletions. */
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    targetLabel: text("target_label"),
    /** Never holds a secret: callers pass identifiers and changed fields only. */
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  // Ascending on purpose: scanned backwards it yields `created_at DESC, id DESC` with the default NULLS FIRST, which
  // is what the newest-first queries ask for. A `DESC NULLS LAST` index (drizzle's .desc()) cannot serve them.
  (t) => [
    index("audit_events_organization_created_idx").on(t.organizationId, t.createdAt, t.id),
    // The few revocations caused by a leak report, which every Administration page asks for (the leak banner):
    // found without reading the organisation's other events.
    index("audit_events_reported_leak_idx")
      .on(t.organizationId, t.createdAt)
      .where(sql`${t.metadata} ? 'reportedLeak'`),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
