import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/actor";

export const metadata: Metadata = { title: "API Keys" };

export default async function Page() {
  await requirePagePermission("api_keys:read");
  return <PageHeader title="API Keys" description="Keys that let integrations reach your organisation's API, with their policies and access codes." />;
}
