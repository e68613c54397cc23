import { DateTime } from "@/components/date-time";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DeliveryRow } from "@/db/queries/webhooks";
import { AutoRefresh } from "./auto-refresh";
import { ResendButton } from "./resend-button";

const STATUS: Record<DeliveryRow["status"], { label: string; variant: "success" | "destructive" | "secondary" | "warning" }> = {
  succeeded: { label: "Delivered", variant: "success" },
  failed: { label: "Failed", variant: "destructive" },
  pending: { label: "Retrying", variant: "warning" },
  skipped: { label: "Skipped (Off)", variant: "secondary" },
};

/** A webhook's delivery log: each event, each attempt with its time, status code, duration and error. */
export function DeliveryLog({ deliveries, canResend }: { deliveries: DeliveryRow[]; canResend: boolean }) {
  if (deliveries.length === 0) {
    return <EmptyState title="No deliveries yet" description="Events this webhook subscribes to will be listed here with every attempt." />;
  }
  return (
    <div className="grid gap-4">
      <AutoRefresh active={deliveries.some((d) => d.status === "pending")} />
      {deliveries.map((delivery) => {
        const status = STATUS[delivery.status];
        const pendingFirst = delivery.status === "pending" && delivery.log.length === 0;
        return (
          <section
            key={delivery.id}
            aria-label={`${delivery.eventType} delivery`}
            className="grid gap-2 rounded-lg border p-4"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-mono">{delivery.eventType}</span>
                <span className="font-mono text-xs text-muted-foreground" title="The webhook-id header of this event">
                  {delivery.id}
                </span>
                <Badge variant={status.variant}>{pendingFirst ? "Pending" : status.label}</Badge>
                <span className="text-muted-foreground">
                  <DateTime value={delivery.createdAt} />
                </span>
                {delivery.status === "pending" && delivery.log.length > 0 ? (
                  <span className="text-muted-foreground">
                    next attempt <DateTime value={delivery.nextAttemptAt} />
                  </span>
                ) : null}
              </div>
              {canResend && delivery.status === "failed" ? <ResendButton deliveryId={delivery.id} /> : null}
            </div>
            {delivery.log.length > 0 ? (
              <Table aria-label={`Attempts of ${delivery.eventType} delivery`}>
                <TableHeader>
                  <TableRow>
                    <TableHead>Attempt</TableHead>
                    <TableHead>Time</TableHead>
                    <TableHead>Status code</TableHead>
                    <TableHead>Duration</TableHead>
                    <TableHead>Error</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {delivery.log.map((attempt) => (
                    <TableRow key={attempt.id}>
                      <TableCell>{attempt.attempt}</TableCell>
                      <TableCell>
                        <DateTime value={attempt.startedAt} />
                      </TableCell>
                      <TableCell>{attempt.statusCode ?? "—"}</TableCell>
                      <TableCell>{attempt.durationMs} ms</TableCell>
                      <TableCell className="max-w-80 whitespace-normal">{attempt.error ?? "—"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
