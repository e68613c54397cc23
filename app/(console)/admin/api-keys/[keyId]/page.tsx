import type { Metadata } from "next";
import { DateTime } from "@/components/date-time";
import { getDb } from "@/db/client";
import { getOrganizationOrThrow } from "@/db/queries/organizations";
import { listPeople } from "@/db/queries/people";
import { loadKeyPage } from "@/lib/api-keys/load";
import { can } from "@/lib/auth/actor";
import { rateLimitFormValue } from "@/lib/validators/rate-limits";
import { ApiKeyDetailsForm } from "./_components/api-key-details-form";

export const metadata: Metadata = { title: "API key" };

export default async function ApiKeyDetailsPage({ params }: { params: Promise<{ keyId: string }> }) {
  const { actor, key } = await loadKeyPage((await params).keyId);
  const db = await getDb();
  const [people, org] = await Promise.all([
    listPeople(db, actor.organization.id),
    getOrganizationOrThrow(db, actor.organization.id),
  ]);
  return (
    <div className="grid gap-6">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Created by</dt>
        <dd>{key.createdBy ?? "—"}</dd>
        <dt className="text-muted-foreground">Created on</dt>
        <dd>
          <DateTime value={key.createdAt} />
        </dd>
        <dt className="text-muted-foreground">Last used</dt>
        <dd>{key.lastUsedAt ? <DateTime value={key.lastUsedAt} /> : "Never"}</dd>
      </dl>
      <ApiKeyDetailsForm
        keyId={key.publicId}
        linked={key.linked}
        readOnly={Boolean(key.archivedAt) || !can(actor, "api_keys:write")}
        allowWritePolicies={org!.allowWritePolicies}
        people={people}
        values={{
          name: key.name,
          description: key.description,
          tags: key.tags,
          policies: key.policies as never,
          logRequests: key.logRequests,
          logBodies: key.logBodies,
          allowedIps: key.allowedIps.join("\n"),
          rateLimit: rateLimitFormValue(key.rateLimit),
          actsAsUserId: key.actsAsUserId ?? "",
        }}
      />
    </div>
  );
}
