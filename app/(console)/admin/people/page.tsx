import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { StatusBadge } from "@/components/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { listPeople } from "@/db/queries/people";
import { requirePagePermission } from "@/lib/auth/actor";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { ROLE_LABELS, ROLE_PLURALS, ROLES, roleFromSlug, roleSlug, type Role } from "@/lib/auth/roles";
import { cn } from "@/lib/utils";
import { EditRolesButton } from "./_components/edit-roles-button";

export const metadata: Metadata = { title: "People" };

/** The organisation's directory: every member may read it to find whom to ask; only Administrators edit roles. */
export default async function PeoplePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requirePagePermission("people:read");
  const role = roleFromSlug(firstValues(await searchParams).role);
  const people = await listPeople(await getDb(), actor.organization.id, role);
  const canEdit = actor.permissions.includes("people:write");

  return (
    <div className="grid gap-4">
      <PageHeader
        title="People"
        description={`Everyone in ${actor.organization.name}, with their roles. Ask an Office Lead or an Administrator for what your role does not allow.`}
      />
      <RoleFilter active={role} />
      {people.length === 0 ? (
        <EmptyState title="Nobody here" description={`No one in ${actor.organization.name} has this role yet.`} />
      ) : (
        <DataTable
          label="People"
          columns={[
            { id: "name", header: "Name", wrap: true, className: "min-w-32 font-medium" },
            { id: "email", header: "Email", wrap: true, className: "min-w-40" },
            { id: "roles", header: "Roles" },
            ...(canEdit ? [{ id: "actions", header: "Actions", hideHeader: true }] : []),
          ]}
          rows={people.map((person) => ({
            id: person.id,
            cells: {
              name: person.name,
              email: person.email,
              roles: (
                <span className="flex flex-wrap gap-1">
                  {person.roles.map((r) => (
                    <StatusBadge key={r} state={ROLE_LABELS[r]} />
                  ))}
                </span>
              ),
              actions: canEdit ? <EditRolesButton person={person} /> : null,
            },
          }))}
        />
      )}
    </div>
  );
}

function RoleFilter({ active }: { active: Role | undefined }) {
  const options: { label: string; href: string; current: boolean }[] = [
    { label: "All", href: "/admin/people", current: !active },
    ...ROLES.map((role) => ({
      label: ROLE_PLURALS[role],
      href: `/admin/people?role=${roleSlug(role)}`,
      current: active === role,
    })),
  ];
  return (
    <nav aria-label="Filter by role" className="flex flex-wrap gap-2">
      {options.map((option) => (
        <Link
          key={option.label}
          href={option.href}
          aria-current={option.current ? "page" : undefined}
          className={cn(
            "rounded-full border px-3 py-1 text-sm transition-colors hover:bg-accent",
            option.current && "border-primary bg-primary text-primary-foreground hover:bg-primary/90",
          )}
        >
          {option.label}
        </Link>
      ))}
    </nav>
  );
}
