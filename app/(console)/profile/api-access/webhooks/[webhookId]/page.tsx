import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageCrumbs } from "@/components/shell/breadcrumbs";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { getDb } from "@/db/client";
import { getWebhook, listDeliveries } from "@/db/queries/webhooks";
import { can, requireActor } from "@/lib/auth/actor";
import { webhookIdSchema } from "@/lib/validators/webhooks";

export const metadata: Metadata = { title: "Delivery log" };

/** The delivery log of one of the person's own webhooks. */
export default async function OwnWebhookLogPage({ params }: { params: Promise<{ webhookId: string }> }) {
  const actor = await requireActor();
  const { webhookId } = await params;
  if (!webhookIdSchema.safeParse(webhookId).success) notFound();
  const db = await getDb();
  const webhook = await getWebhook(db, actor.organization.id, webhookId, actor.userId);
  if (!webhook) notFound();
  const deliveries = await listDeliveries(db, webhook.id);
  return (
    <div className="grid max-w-4xl gap-4">
      <PageCrumbs items={[{ label: "Delivery log" }]} />
      <div className="grid gap-1">
        <h2 className="text-lg font-semibold">Delivery log</h2>
        <p className="font-mono text-sm break-all">{webhook.url}</p>
        <p className="text-sm text-muted-foreground">
          {webhook.entity} · {webhook.operationType} · {webhook.status}
        </p>
      </div>
      <DeliveryLog webhook={webhook} deliveries={deliveries} canManage={can(actor, "webhooks:write")} />
    </div>
  );
}
