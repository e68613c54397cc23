import "server-only";
import { and, eq, exists, inArray, or } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { userRoles, webhookDeliveries, webhooks, type AuditEvent } from "@/db/schema";
import { webhookEventOf, type AuditActor, type AuditEntry } from "@/lib/audit-catalogue";
import { ENTITY_PERMISSION, rolesGranting } from "./events";

/**
 * Writes one outbox row per webhook that should hear of an audited change, in the change's own transaction: the
 * event commits with the change or not at all, and a worker sends it later, whatever happens to this process.
 * Only webhooks that are On, whose owner may see the entity now (current roles, read in the same query), or
 * that own the target (their own personal key and webhooks) receive it.
 */
export async function enqueueWebhookEvents(tx: Executor, actor: AuditActor, entry: AuditEntry, event: AuditEvent) {
  const mapped = webhookEventOf(entry.action);
  if (!mapped) return 0;
  const roles = rolesGranting(ENTITY_PERMISSION[mapped.entity]);
  const permitted = exists(
    tx
      .select({ one: userRoles.userId })
      .from(userRoles)
      .where(and(eq(userRoles.userId, webhooks.userId), inArray(userRoles.role, roles))),
  );
  const targets = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.organizationId, actor.organizationId),
        eq(webhooks.entity, mapped.entity),
        eq(webhooks.operationType, mapped.operation),
        eq(webhooks.status, "On"),
        entry.ownerUserId ? or(permitted, eq(webhooks.userId, entry.ownerUserId)) : permitted,
      ),
    );
  if (targets.length === 0) return 0;

  const type = `${mapped.entity}.${mapped.operation}`;
  const payload = {
    type,
    timestamp: event.createdAt.toISOString(),
    data: {
      id: entry.target.id ?? null,
      label: entry.target.label ?? null,
      action: entry.action,
      actor: { type: actor.type, id: actor.id, label: actor.label },
      // Audit metadata never holds a secret (writeAudit's contract), so it can travel.
      changes: entry.metadata ?? {},
      auditEventId: event.id,
    },
  };
  await tx.insert(webhookDeliveries).values(
    targets.map((target) => ({
      organizationId: actor.organizationId,
      webhookId: target.id,
      auditEventId: event.id,
      eventType: type,
      payload,
    })),
  );
  return targets.length;
}
