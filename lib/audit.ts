import "server-only";
import type { Executor } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { RequestMeta } from "@/lib/request-meta";
import { enqueueWebhookEvents } from "@/lib/webhooks/outbox";

export type AuditActorType = (typeof auditEvents.$inferInsert)["actorType"];

/** Who did it, as the log will show it. */
export interface AuditActor {
  type: AuditActorType;
  id: string | null;
  label: string;
  organizationId: string;
}

export interface AuditEntry {
  /** `resource.past_verb`, e.g. `person.roles_updated`. */
  action: string;
  target: { type: string; id?: string | null; label?: string | null };
  /** Identifiers and changed fields only; never a secret or a hash. */
  metadata?: Record<string, unknown>;
  /**
   * The person the target belongs to (a personal key's or a webhook's owner): they receive webhook events about it
   * even without the permission to see everyone's.
   */
  ownerUserId?: string | null;
}

/**
 * Writes one audit event, and the webhook events it causes (the outbox). Call it with the mutation's transaction, so
 * the change, its record and its events commit together or not at all.
 */
export async function writeAudit(tx: Executor, actor: AuditActor, entry: AuditEntry, meta: RequestMeta) {
  const [event] = await tx
    .insert(auditEvents)
    .values({
      organizationId: actor.organizationId,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id ?? null,
      targetLabel: entry.target.label ?? null,
      metadata: entry.metadata ?? {},
      ip: meta.ip,
      userAgent: meta.userAgent,
    })
    .returning();
  await enqueueWebhookEvents(tx, actor, entry, event!);
  return event!;
}

/** A signed-in person as an audit actor. */
export const personActor = (person: { userId: string; name: string; organization: { id: string } }): AuditActor => ({
  type: "user",
  id: person.userId,
  label: person.name,
  organizationId: person.organization.id,
});
