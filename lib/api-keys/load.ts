import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { getApiKey } from "@/db/queries/api-keys";
import { requirePagePermission } from "@/lib/auth/actor";
import { keyIdSchema } from "@/lib/validators/api-keys";

/** The key a key page shows, of the signed-in Administrator's organisation, or the 404 page; read once per request. */
export const loadKeyPage = cache(async (keyId: string) => {
  const actor = await requirePagePermission("api_keys:read");
  if (!keyIdSchema.safeParse(keyId).success) notFound();
  const key = await getApiKey(await getDb(), actor.organization.id, keyId);
  if (!key) notFound();
  return { actor, key };
});
