import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/actor";

export const metadata: Metadata = { title: "Settings" };

export default async function Page() {
  await requirePagePermission("settings:write");
  return <PageHeader title="Settings" description="Organisation-wide rules for API access." />;
}
