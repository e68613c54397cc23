import "server-only";
import type { Principal } from "@/lib/api-auth/principal";
import type { WebhookRow } from "@/db/queries/webhooks";
import { NO_PERSON } from "@/lib/services/webhooks";
import { problem } from "./problem";

/** Webhooks belong to a person: a credential that acts as nobody has none, and gets a clear refusal. */
export function principalUser(principal: Principal): { id: string } | Response {
  if (principal.user) return principal.user;
  return problem("forbidden", { detail: NO_PERSON, extensions: { reason: "no_user" } });
}

/** Another person's webhook and a malformed id read alike: no webhook of the caller has it. */
export const noSuchWebhook = () => problem("not_found", { detail: "You have no webhook with this id." });

/** A webhook as the API shows it: never its secret. */
export function serializeWebhook(
  row: Pick<WebhookRow, "id" | "url" | "entity" | "operationType" | "status" | "createdAt"> & {
    previousSecretExpiresAt?: WebhookRow["previousSecretExpiresAt"];
    lastDelivery?: WebhookRow["lastDelivery"];
  },
) {
  return {
    id: row.id,
    url: row.url,
    entity: row.entity,
    operationType: row.operationType,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    ...(row.previousSecretExpiresAt !== undefined ? { previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null } : {}),
    ...(row.lastDelivery !== undefined ? { lastDelivery: row.lastDelivery } : {}),
  };
}
