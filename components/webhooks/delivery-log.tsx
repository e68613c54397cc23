import { DataTable } from "@/components/data-table/data-table";
import { IdChip } from "@/components/data-table/id-chip";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { DeliveryRow } from "@/db/queries/webhooks";
import type { WebhookStatus } from "@/lib/webhooks/constants";
import { DELIVERY_STATE_LABELS, DELIVERY_STATE_MEANINGS } from "@/lib/webhooks/delivery-states";
import { AutoRefresh } from "./auto-refresh";
import { ResendButton } from "./resend-button";
import { SendTestEventButton } from "./send-test-event-button";

/**
 * A webhook's delivery log: each event, each attempt with its time, status code, duration and error, and for those
 * who may manage the webhook, Send test event and Resend.
 */
export function DeliveryLog({
  webhook,
  deliveries,
  canManage,
}: {
  webhook: { id: string; status: WebhookStatus };
  deliveries: DeliveryRow[];
  canManage: boolean;
}) {
  return (
    <div className="grid gap-4">
      {canManage ? <SendTestEventButton webhookId={webhook.id} on={webhook.status === "On"} /> : null}
      {deliveries.length === 0 ? (
        <EmptyState title="No deliveries yet" description="Events this webhook subscribes to will be listed here with every attempt." />
      ) : null}
      <AutoRefresh active={deliveries.some((d) => d.state === "pending" || d.state === "retrying")} />
      {deliveries.map((delivery) => (
        <section key={delivery.id} aria-label={`${delivery.eventType} delivery`} className="grid gap-2 rounded-lg border p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-mono">{delivery.eventType}</span>
              <IdChip value={delivery.id} name="webhook-id" />
              <StatusBadge state={DELIVERY_STATE_LABELS[delivery.state]} title={DELIVERY_STATE_MEANINGS[delivery.state]} />
              <span className="text-muted-foreground">
                <RelativeTime value={delivery.createdAt} />
              </span>
              {delivery.state === "retrying" ? (
                <span className="text-muted-foreground">
                  next attempt <RelativeTime value={delivery.nextAttemptAt} />
                </span>
              ) : null}
              {delivery.resendOf ? <span className="text-muted-foreground">Resend of {delivery.resendOf}</span> : null}
              {delivery.resentAs ? <span className="text-muted-foreground">Resent as {delivery.resentAs}</span> : null}
            </div>
            {canManage && delivery.state === "failed" && !delivery.resentAs ? (
              <ResendButton deliveryId={delivery.id} webhookOn={webhook.status === "On"} />
            ) : null}
          </div>
          {delivery.log.length > 0 ? (
            <DataTable
              label={`Attempts of ${delivery.eventType} delivery`}
              columns={[
                { id: "attempt", header: "Attempt" },
                { id: "time", header: "Time" },
                { id: "statusCode", header: "Status code" },
                { id: "duration", header: "Duration" },
                { id: "error", header: "Error", wrap: true, className: "min-w-48 max-w-80" },
              ]}
              rows={delivery.log.map((attempt) => ({
                id: attempt.id,
                cells: {
                  attempt: attempt.attempt,
                  time: <RelativeTime value={attempt.startedAt} seconds />,
                  statusCode: attempt.statusCode ?? "—",
                  duration: `${attempt.durationMs} ms`,
                  error: attempt.error ?? "—",
                },
              }))}
            />
          ) : null}
        </section>
      ))}
    </div>
  );
}
