import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DateTime } from "@/components/date-time";
import { getDb } from "@/db/client";
import { listRecentAuditEvents } from "@/db/queries/audit";
import { requirePagePermission } from "@/lib/auth/actor";
import { describeAuditAction } from "@/lib/audit-describe";

export const metadata: Metadata = { title: "Audit Log" };

export default async function AuditLogPage() {
  const actor = await requirePagePermission("audit_log:read");
  const events = await listRecentAuditEvents(await getDb(), actor.organization.id);
  return (
    <div className="grid gap-4">
      <PageHeader title="Audit Log" description="Every change made in the console or through the API, newest first." />
      {events.length === 0 ? (
        <EmptyState title="No changes yet" description="Changes to people, keys and settings will be listed here." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>Actor</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Target</TableHead>
              <TableHead>From</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {events.map((event) => (
              <TableRow key={event.id}>
                <TableCell className="whitespace-nowrap">
                  <DateTime value={event.createdAt} />
                </TableCell>
                <TableCell>{event.actorLabel}</TableCell>
                <TableCell>{describeAuditAction(event)}</TableCell>
                <TableCell>{event.targetLabel ?? event.targetId ?? "—"}</TableCell>
                <TableCell className="text-xs text-muted-foreground">{event.ip ?? "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
