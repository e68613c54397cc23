import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PageCrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { getDb } from "@/db/client";
import { getPerson } from "@/db/queries/people";
import { getWebhook, listDeliveries } from "@/db/queries/webhooks";
import { can, requirePagePermission } from "@/lib/auth/actor";

export const metadata: Metadata = { title: "Delivery log" };

export default async function PersonWebhookLogPage({ params }: { params: Promise<{ userId: string; webhookId: string }> }) {
  const actor = await requirePagePermission("api_management:read");
  const { userId, webhookId } = await params;
  if (!z.uuid().safeParse(userId).success || !z.uuid().safeParse(webhookId).success) notFound();
  const db = await getDb();
  const person = await getPerson(db, actor.organization.id, userId);
  const webhook = person ? await getWebhook(db, actor.organization.id, webhookId, person.id) : null;
  if (!person || !webhook) notFound();
  const deliveries = await listDeliveries(db, webhook.id);
  return (
    <div className="grid gap-4">
      <PageCrumbs items={[{ label: person.name, href: `/admin/api-management/${person.id}` }, { label: "Delivery log" }]} />
      <PageHeader
        title="Delivery log"
        description={`${webhook.url} · ${webhook.entity} ${webhook.operationType} · ${webhook.status} · webhook of ${person.name}`}
        className="pb-0"
      />
      <DeliveryLog webhook={webhook} deliveries={deliveries} canManage={can(actor, "api_management:write")} />
    </div>
  );
}
