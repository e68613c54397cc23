"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { DataTable } from "@/components/data-table/data-table";
import { RowActions } from "@/components/data-table/row-actions";
import { DateTime } from "@/components/date-time";
import { RelativeTime } from "@/components/relative-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Switch } from "@/components/ui/switch";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import { deleteWebhookAction, setWebhookStatusAction, stopPreviousWebhookSecretAction } from "@/lib/actions/webhooks";
import type { LastDelivery } from "@/db/queries/webhooks";
import type { WebhookEntity, WebhookOperation, WebhookStatus } from "@/lib/webhooks/constants";
import { isOffered } from "@/lib/webhooks/subscriptions";
import { describeDeliveryState } from "@/lib/webhooks/delivery-states";
import { RollSigningSecretDialog } from "./roll-signing-secret-dialog";

export interface WebhookListItem {
  id: string;
  url: string;
  entity: WebhookEntity;
  operationType: WebhookOperation;
  status: WebhookStatus;
  disabledReason: string | null;
  /** Until when the secret that the last roll replaced still signs beside the current one; null when it does not. */
  previousSecretExpiresAt: string | null;
  lastDelivery: LastDelivery | null;
}

/** A person's webhooks (URL, Entity, Operation Type, Status: the API's fields), on their tab and for administrators. */
export function WebhooksTable({
  webhooks,
  canManage,
  logBasePath,
  emptyText,
  owner,
}: {
  webhooks: WebhookListItem[];
  canManage: boolean;
  /**
   * Given on the owner's own tab alone: only the owner rolls a signing secret, since the new one is shown to whoever
   * rolls it. Names the organisation in the downloaded secret file.
   */
  owner?: { organization: string };
  /** The delivery log of webhook `id` is at `${logBasePath}/${id}`. */
  logBasePath: string;
  emptyText: string;
}) {
  const [deleting, setDeleting] = useState<WebhookListItem | null>(null);
  const [rolling, setRolling] = useState<WebhookListItem | null>(null);
  const [stopping, setStopping] = useState<WebhookListItem | null>(null);
  if (webhooks.length === 0) return <EmptyState title="No webhooks" description={emptyText} />;
  return (
    <>
      <DataTable
        label="Webhooks"
        columns={[
          { id: "url", header: "URL", className: "max-w-72 truncate font-mono text-xs" },
          { id: "entity", header: "Entity" },
          { id: "operationType", header: "Operation Type" },
          { id: "lastDelivery", header: "Last delivery", className: "text-xs" },
          { id: "actions", header: "Status" },
        ]}
        rows={webhooks.map((webhook) => ({
          id: webhook.id,
          cells: {
            url: (
              <>
                <span title={webhook.url}>{webhook.url}</span>
                {webhook.previousSecretExpiresAt ? (
                  <span className="block font-sans whitespace-normal text-muted-foreground">
                    The previous signing secret also signs until <DateTime value={webhook.previousSecretExpiresAt} />.
                  </span>
                ) : null}
              </>
            ),
            entity: webhook.entity,
            operationType: (
              <>
                {webhook.operationType}
                {isOffered(webhook.entity, webhook.operationType) ? null : (
                  <span className="block max-w-48 text-xs whitespace-normal text-muted-foreground">
                    Nothing in Keyward emits {webhook.entity} {webhook.operationType} events: this webhook receives nothing.
                  </span>
                )}
              </>
            ),
            lastDelivery: webhook.lastDelivery ? (
              <span className="grid gap-0.5">
                <span>{describeDeliveryState(webhook.lastDelivery.status, webhook.lastDelivery.statusCode)}</span>
                <span className="text-muted-foreground">
                  <RelativeTime value={webhook.lastDelivery.at} />
                </span>
              </span>
            ) : (
              <span className="text-muted-foreground">None yet</span>
            ),
            actions: (
              <span className="inline-flex items-start gap-2 text-left">
                <StatusSwitch webhook={webhook} canManage={canManage} />
                <RowActions label={`Actions for ${webhook.url}`}>
                  <DropdownMenuItem asChild>
                    <Link href={`${logBasePath}/${webhook.id}`} aria-label={`Delivery log of ${webhook.url}`}>
                      Delivery log
                    </Link>
                  </DropdownMenuItem>
                  {canManage && owner ? (
                    <DropdownMenuItem onSelect={() => setRolling(webhook)}>Roll signing secret</DropdownMenuItem>
                  ) : null}
                  {canManage && owner && webhook.previousSecretExpiresAt ? (
                    <DropdownMenuItem onSelect={() => setStopping(webhook)}>Stop previous signing secret</DropdownMenuItem>
                  ) : null}
                  {canManage ? (
                    <DropdownMenuItem
                      variant="destructive"
                      aria-label={`Delete webhook ${webhook.url}`}
                      onSelect={() => setDeleting(webhook)}
                    >
                      Delete
                    </DropdownMenuItem>
                  ) : null}
                </RowActions>
              </span>
            ),
          },
        }))}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete this webhook?"
        description={
          <span>
            {deleting?.url} stops receiving {deleting?.entity} {deleting?.operationType} events at once, and its delivery log
            is deleted. This cannot be undone.
          </span>
        }
        confirmLabel="Delete webhook"
        pendingLabel="Deleting…"
        onConfirm={() => deleteWebhookAction({ webhookId: deleting!.id })}
        onDone={() => toast.success("Webhook deleted")}
      />
      <ConfirmDialog
        open={stopping !== null}
        onOpenChange={(open) => !open && setStopping(null)}
        title={`Stop the previous signing secret of ${stopping?.url ?? "this webhook"}?`}
        description={
          <span>
            From now on, deliveries carry the current secret&apos;s signature alone. A receiver that still verifies with the
            previous secret rejects them.
          </span>
        }
        confirmLabel="Stop previous signing secret"
        pendingLabel="Stopping…"
        onConfirm={() => stopPreviousWebhookSecretAction({ webhookId: stopping!.id })}
        onDone={() => toast.success("Previous signing secret stopped")}
      />
      {owner ? (
        <RollSigningSecretDialog webhook={rolling} onOpenChange={(open) => !open && setRolling(null)} organization={owner.organization} />
      ) : null}
    </>
  );
}

function StatusSwitch({ webhook, canManage }: { webhook: WebhookListItem; canManage: boolean }) {
  const [pending, startTransition] = useTransition();
  const on = webhook.status === "On";
  return (
    <span className="grid gap-1">
      <span className="inline-flex items-center gap-2">
        <Switch
          aria-label="Status"
          checked={on}
          disabled={!canManage || pending}
          onCheckedChange={(checked) =>
            startTransition(async () => {
              const result = await setWebhookStatusAction({ webhookId: webhook.id, status: checked ? "On" : "Off" });
              if (result.ok) toast.success(checked ? "Webhook switched On" : "Webhook switched Off");
              else toast.error(result.message);
            })
          }
        />
        {/* The switch's state in words, once: the switch itself carries it for assistive technology. */}
        <span aria-hidden className="text-sm">
          {webhook.status}
        </span>
      </span>
      {webhook.disabledReason && !on ? <span className="max-w-56 text-xs whitespace-normal text-muted-foreground">{webhook.disabledReason}</span> : null}
    </span>
  );
}
