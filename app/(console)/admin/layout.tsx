import { getDb } from "@/db/client";
import { recentReportedLeaks } from "@/db/queries/reported-leaks";
import { ReportedLeakBanner } from "@/components/leaks/reported-leak-banner";
import { ADMINISTRATION_NAV } from "@/components/shell/nav-items";
import { TabLink, TabLinks } from "@/components/ui/tabs";
import { can, requireActor } from "@/lib/auth/actor";

/** Administration's section tabs, shown to Administrators; each page checks its own permission. */
export default async function AdministrationLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const administrator = actor.permissions.includes("administration:view");
  const leaks = administrator ? await recentReportedLeaks(await getDb(), actor.organization.id) : [];
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      {administrator ? (
        <TabLinks label="Administration" variant="underline">
          {ADMINISTRATION_NAV.items.map((section) => (
            <TabLink key={section.href} href={section.href}>
              {section.label}
            </TabLink>
          ))}
        </TabLinks>
      ) : null}
      <ReportedLeakBanner leaks={leaks} auditLog={can(actor, "audit_log:read")} />
      <div>{children}</div>
    </div>
  );
}
