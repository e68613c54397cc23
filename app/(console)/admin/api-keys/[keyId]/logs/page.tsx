import type { Metadata } from "next";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { AccessLogView } from "@/components/access-logs/access-log-view";
import { loadKeyPage } from "@/lib/api-keys/load";

export const metadata: Metadata = { title: "Logs" };

export default async function KeyLogsPage({
  params,
  searchParams,
}: {
  params: Promise<{ keyId: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { actor, key } = await loadKeyPage((await params).keyId);
  return (
    <AccessLogView
      organizationId={actor.organization.id}
      search={firstValues(await searchParams)}
      fixedKey={{ id: key.id, publicId: key.publicId }}
      basePath={`/admin/api-keys/${key.publicId}/logs`}
    />
  );
}
