import type { Metadata } from "next";
import { AccessLogView } from "@/components/access-logs/access-log-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/actor";
import { firstValues, type RawSearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Access Logs" };

export default async function AccessLogsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requirePagePermission("access_logs:read");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <PageHeader
        title="Access Logs"
        description="Every request made with your organisation's keys and credentials, and every refused attempt that names a key, newest first. Credentials in query strings are redacted."
      />
      <AccessLogView organizationId={actor.organization.id} search={firstValues(await searchParams)} basePath="/admin/access-logs" />
    </div>
  );
}
