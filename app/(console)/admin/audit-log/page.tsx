import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { RelativeTime } from "@/components/relative-time";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { listPeople } from "@/db/queries/people";
import { requirePagePermission } from "@/lib/auth/actor";
import { auditTargetText, describeAuditAction } from "@/lib/audit-catalogue";
import { auditFiltersSchema } from "@/lib/validators/audit";
import { AuditEventDetails } from "./_components/audit-event-details";
import { AuditFiltersForm } from "./_components/audit-filters-form";

import { firstValues, type RawSearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Audit Log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requirePagePermission("audit_log:read");
  const raw = firstValues(await searchParams);
  const parsed = auditFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : auditFiltersSchema.parse({});
  const db = await getDb();
  const [{ events, nextCursor }, people] = await Promise.all([
    listAuditEvents(db, actor.organization.id, filters),
    listPeople(db, actor.organization.id),
  ]);
  const query = new URLSearchParams(
    Object.entries(raw).filter((e): e is [string, string] => Boolean(e[1]) && e[0] !== "cursor"),
  );
  const exportHref = `/admin/audit-log/export?${query}`;
  const nextHref = nextCursor ? `/admin/audit-log?${new URLSearchParams([...query, ["cursor", nextCursor]])}` : null;

  return (
    <div className="grid gap-4">
      <PageHeader
        title="Audit Log"
        description="Every change made in the console or through the API: who, what, when and from where. Newest first."
        actions={
          <a href={exportHref} className={buttonVariants({ variant: "outline" })} download>
            Export CSV
          </a>
        }
      />
      <AuditFiltersForm
        values={raw}
        people={people.map((p) => ({ id: p.id, name: p.name }))}
        error={parsed.success ? undefined : "Some filters were not valid and are ignored."}
      />
      {events.length === 0 ? (
        <EmptyState
          title={filters.cursor ? "No older events" : "No events match"}
          description="Changes to people, credentials, keys, webhooks and settings are recorded here as they happen."
        />
      ) : (
        <DataTable
          label="Audit events"
          columns={[
            { id: "time", header: "Time" },
            { id: "actor", header: "Actor", wrap: true, className: "min-w-28" },
            { id: "action", header: "Action", wrap: true, className: "min-w-56" },
            { id: "target", header: "Target", wrap: true, className: "min-w-32 max-w-64" },
            { id: "from", header: "From", className: "text-xs text-muted-foreground" },
            { id: "actions", header: "Details", hideHeader: true },
          ]}
          rows={events.map((event) => {
            const description = describeAuditAction(event);
            return {
              id: event.id,
              cells: {
                time: <RelativeTime value={event.createdAt} />,
                actor:
                  event.actorType === "user" && event.actorId ? (
                    <Link href={`/admin/audit-log?actor=${event.actorId}`} className="underline-offset-4 hover:underline">
                      {event.actorLabel}
                    </Link>
                  ) : (
                    event.actorLabel
                  ),
                action: description,
                target: auditTargetText(event),
                from: event.ip ?? "—",
                actions: (
                  <AuditEventDetails
                    description={description}
                    event={{
                      id: event.id,
                      createdAt: event.createdAt.toISOString(),
                      action: event.action,
                      actor: `${event.actorLabel} (${event.actorType})`,
                      target: `${event.targetType}${event.targetId ? ` ${event.targetId}` : ""}`,
                      ip: event.ip,
                      userAgent: event.userAgent,
                      metadata: event.metadata,
                    }}
                  />
                ),
              },
            };
          })}
        />
      )}
      <nav aria-label="Pages" className="flex justify-between">
        {filters.cursor ? (
          <Link href={`/admin/audit-log?${query}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Newest events
          </Link>
        ) : (
          <span />
        )}
        {nextHref ? (
          <Link href={nextHref} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Older events
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
