import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/actor";

export const metadata: Metadata = { title: "Access Logs" };

export default async function Page() {
  await requirePagePermission("access_logs:read");
  return <PageHeader title="Access Logs" description="Every request made with your organisation's keys." />;
}
