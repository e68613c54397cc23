import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { getPersonalKeyState, personalKeysAllowed } from "@/db/queries/personal-api-keys";
import { can, requireActor } from "@/lib/auth/actor";
import { PersonalKeyPanel } from "./_components/personal-key-panel";

export const metadata: Metadata = { title: "API Access" };

/** The person's own API access (seed 004, Crelate): their personal key and their webhooks. */
export default async function ApiAccessPage() {
  const actor = await requireActor();
  const db = await getDb();
  const [state, allowed] = await Promise.all([
    getPersonalKeyState(db, actor.organization.id, actor.userId),
    personalKeysAllowed(db, actor.organization.id),
  ]);
  const key = state.key;
  return (
    <div className="grid max-w-4xl gap-6">
      <section aria-labelledby="api-access-heading" className="rounded-xl border bg-card p-6">
        <h2 id="api-access-heading" className="mb-4 text-lg font-semibold">
          Personal API key
        </h2>
        <PersonalKeyPanel
          organization={actor.organization.name}
          allowed={allowed}
          canManage={can(actor, "personal_api_key:write")}
          status={state.status}
          keyInfo={
            key
              ? {
                  prefix: key.prefix,
                  createdAt: key.createdAt.toISOString(),
                  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
                  revokedAt: key.revokedAt?.toISOString() ?? null,
                  revokedByLabel: key.revokedByLabel,
                }
              : null
          }
        />
      </section>
    </div>
  );
}
