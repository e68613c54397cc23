import { getDb } from "@/db/client";
import { recentReportedLeaks } from "@/db/queries/reported-leaks";
import { ReportedLeakBanner } from "@/components/leaks/reported-leak-banner";
import { TabLink, TabLinks } from "@/components/ui/tabs";
import { can, requireActor } from "@/lib/auth/actor";

const SECTIONS = [
  { href: "/admin/api-keys", label: "API Keys" },
  { href: "/admin/api-management", label: "API Management" },
  { href: "/admin/access-logs", label: "Access Logs" },
  { href: "/admin/audit-log", label: "Audit Log" },
  { href: "/admin/people", label: "People" },
  { href: "/admin/settings", label: "Settings" },
] as const;

/** Administration's section tabs, shown to Administrators; each page checks its own permission. */
export default async function AdministrationLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const administrator = actor.permissions.includes("administration:view");
  const leaks = administrator ? await recentReportedLeaks(await getDb(), actor.organization.id) : [];
  return (
    <div className="grid gap-6">
      {administrator ? (
        <>
          <p className="text-sm font-medium text-muted-foreground">Administration</p>
          <TabLinks label="Administration">
            {SECTIONS.map((section) => (
              <TabLink key={section.href} href={section.href}>
                {section.label}
              </TabLink>
            ))}
          </TabLinks>
        </>
      ) : null}
      <ReportedLeakBanner leaks={leaks} auditLog={can(actor, "audit_log:read")} />
      <div>{children}</div>
    </div>
  );
}
