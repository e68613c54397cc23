import "server-only";
import type { Principal } from "@/lib/api-auth/principal";
import type { WebhookRow } from "@/db/queries/webhooks";
import { problem } from "./problem";

/** Webhooks belong to a person: a credential that acts as nobody has none, and gets a clear refusal. */
export function principalUser(principal: Principal): { id: string } | Response {
  if (principal.user) return principal.user;
  return problem("forbidden", {
    detail:
      "Webhooks belong to a person, and this credential acts as no one. Use a personal API key, or an API key set to act as a user.",
    extensions: { reason: "no_user" },
  });
}

/** The request's JSON object body, or a 400 saying what is wrong with it. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown> | Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return problem("invalid_request", { detail: "The request body must be JSON." });
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return problem("invalid_request", { detail: "The request body must be a JSON object." });
  }
  return body as Record<string, unknown>;
}

/** A webhook as the API shows it: never its secret. */
export function serializeWebhook(row: Pick<WebhookRow, "id" | "url" | "entity" | "operationType" | "status" | "createdAt"> & {
  lastDelivery?: WebhookRow["lastDelivery"];
}) {
  return {
    id: row.id,
    url: row.url,
    entity: row.entity,
    operationType: row.operationType,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    ...(row.lastDelivery !== undefined ? { lastDelivery: row.lastDelivery } : {}),
  };
}
