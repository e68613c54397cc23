import "server-only";
import type { Executor } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { AUDIT_ACTIONS, type AuditActor, type AuditEntry } from "@/lib/audit-catalogue";
import type { RequestMeta } from "@/lib/request-meta";
import { enqueueWebhookEvents } from "@/lib/webhooks/outbox";

export type { AuditActor, AuditEntry } from "@/lib/audit-catalogue";

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
      targetType: AUDIT_ACTIONS[entry.action].resource,
      targetId: entry.target.id ?? null,
      targetLabel: entry.target.label ?? null,
      metadata: meta.reportedLeak ? { ...entry.metadata, reportedLeak: meta.reportedLeak } : (entry.metadata ?? {}),
      ip: meta.ip,
      userAgent: meta.userAgent,
    })
    .returning();
  await enqueueWebhookEvents(tx, actor, entry, event!);
  return event!;
}

/** Keyward itself, for changes no person or credential made (a receiver's 410, a deleted source key). */
export const systemActor = (organizationId: string): AuditActor => ({
  type: "system",
  id: null,
  label: "Keyward",
  organizationId,
});
