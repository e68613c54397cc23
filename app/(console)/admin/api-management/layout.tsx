import { requirePagePermission } from "@/lib/auth/actor";

/** Every API Management page needs api_management:read; checked here first, before any page streams. */
export default async function ApiManagementLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("api_management:read");
  return children;
}
