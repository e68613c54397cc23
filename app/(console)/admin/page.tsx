import { redirect } from "next/navigation";
import { requirePagePermission } from "@/lib/auth/actor";

export default async function AdministrationHome() {
  await requirePagePermission("administration:view");
  redirect("/admin/api-keys");
}
