import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/actor";

export const metadata: Metadata = { title: "API Management" };

export default async function Page() {
  await requirePagePermission("api_management:read");
  return <PageHeader title="API Management" description="People who have turned on a personal API key, and their webhooks." />;
}
