import type { Metadata } from "next";
import { StatusBadge } from "@/components/status-badge";
import { requireActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const actor = await requireActor();
  const rows: [string, React.ReactNode][] = [
    ["Name", actor.name],
    ["Email", actor.email],
    ["Organisation", actor.organization.name],
    [
      "Roles",
      <span key="roles" className="flex flex-wrap gap-1">
        {actor.roles.map((role) => (
          <StatusBadge key={role} state={ROLE_LABELS[role]} />
        ))}
      </span>,
    ],
  ];
  return (
    <section aria-labelledby="details-heading" className="max-w-2xl rounded-xl border bg-card p-6">
      <h2 id="details-heading" className="mb-4 text-lg font-semibold">
        Your details
      </h2>
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-3 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-muted-foreground">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
