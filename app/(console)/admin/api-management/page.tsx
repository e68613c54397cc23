import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import {
  API_ACCESS_FILTERS,
  API_ACCESS_SORTS,
  listApiAccessPeople,
  type ApiAccessFilter,
  type ApiAccessQuery,
  type ApiAccessSort,
} from "@/db/queries/api-management";
import { requirePagePermission } from "@/lib/auth/actor";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { KEY_STATUS_LABELS } from "./_components/key-status";

export const metadata: Metadata = { title: "API Management" };

type Search = { q?: string; access?: string; sort?: string; dir?: string; page?: string };

const ACCESS_LABELS: Record<ApiAccessFilter, string> = {
  active: "Has API access",
  inactive: "No API access now (turned off, cleared, never enabled)",
  all: "Everyone with a key or webhooks",
};

const COLUMNS: { sort: ApiAccessSort; label: string }[] = [
  { sort: "name", label: "Name" },
  { sort: "email", label: "Email" },
  { sort: "prefix", label: "Key prefix" },
  { sort: "enabled", label: "Enabled on" },
  { sort: "last_used", label: "Last used" },
  { sort: "webhooks", label: "Webhooks" },
  { sort: "status", label: "Status" },
];

function parseQuery(search: Search): Required<Pick<ApiAccessQuery, "access" | "sort" | "dir" | "page">> & { q: string } {
  const sort = API_ACCESS_SORTS.find((s) => s === search.sort) ?? "name";
  const page = Number.parseInt(search.page ?? "1", 10);
  return {
    q: (search.q ?? "").slice(0, 200),
    access: API_ACCESS_FILTERS.find((a) => a === search.access) ?? "active",
    sort,
    dir: search.dir === "desc" ? "desc" : "asc",
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function href(query: ReturnType<typeof parseQuery>, change: Partial<ReturnType<typeof parseQuery>>) {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.access !== "active") params.set("access", next.access);
  if (next.sort !== "name") params.set("sort", next.sort);
  if (next.dir !== "asc") params.set("dir", next.dir);
  if (next.page > 1) params.set("page", String(next.page));
  const text = params.toString();
  return `/admin/api-management${text ? `?${text}` : ""}`;
}

/**
 * Administration → API Management: the people who have API access now (as the help article has it), and under the
 * filter everyone else who had a key or has webhooks, so an Administrator can reach every person's webhooks.
 */
export default async function ApiManagementPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requirePagePermission("api_management:read");
  const query = parseQuery(firstValues(await searchParams));
  const { rows, total, page, pageCount } = await listApiAccessPeople(await getDb(), actor.organization.id, query);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <PageHeader
        title="API Management"
        description="People who have turned on API access with a personal key. Open a person to clear their key or manage their webhooks; the API access filter also lists people without access who have webhooks."
      />
      <form role="search" method="get" action="/admin/api-management" className="flex flex-wrap items-end gap-2">
        <div className="grid max-w-full min-w-0 flex-1 basis-64 gap-1.5">
          <Label htmlFor="api-management-search">Search by name or email</Label>
          <Input id="api-management-search" name="q" type="search" defaultValue={query.q} />
        </div>
        <div className="grid max-w-full min-w-0 gap-1.5">
          <Label htmlFor="api-management-access">API access</Label>
          <NativeSelect id="api-management-access" name="access" defaultValue={query.access} className="w-full min-w-0">
            {API_ACCESS_FILTERS.map((access) => (
              <option key={access} value={access}>
                {ACCESS_LABELS[access]}
              </option>
            ))}
          </NativeSelect>
        </div>
        {query.sort !== "name" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <Button type="submit" variant="outline">
          Search
        </Button>
      </form>
      {rows.length === 0 ? (
        <EmptyState
          title={query.q ? "No one matches" : query.access === "active" ? "Nobody has API access yet" : "No one here"}
          description={
            query.q
              ? `No one in “${ACCESS_LABELS[query.access]}” has a name or email containing “${query.q}”.`
              : query.access === "active"
                ? "People appear here once they enable API access in Profile → API Access."
                : "No one without API access has had a key or has webhooks."
          }
        />
      ) : (
        <>
          <DataTable
            label="People with API access"
            columns={COLUMNS.map((column) => {
              const active = query.sort === column.sort;
              return {
                id: column.sort,
                header: column.label,
                sort: {
                  href: href(query, { sort: column.sort, dir: active && query.dir === "asc" ? "desc" : "asc", page: 1 }),
                  direction: active ? (query.dir === "asc" ? "ascending" : "descending") : undefined,
                },
                className: column.sort === "name" ? "font-medium" : column.sort === "prefix" ? "font-mono text-xs" : undefined,
              };
            })}
            rows={rows.map((row) => ({
              id: row.userId,
              cells: {
                name: (
                  <Link href={`/admin/api-management/${row.userId}`} className="underline-offset-4 hover:underline">
                    {row.name}
                  </Link>
                ),
                email: row.email,
                prefix: row.prefix ? `${row.prefix}…` : "—",
                enabled: row.enabledOn ? <RelativeTime value={row.enabledOn} /> : "—",
                last_used: row.lastUsedAt ? <RelativeTime value={row.lastUsedAt} /> : "Never",
                webhooks:
                  row.webhookCount > 0 ? (
                    <Link
                      href={`/admin/api-management/${row.userId}#webhooks-heading`}
                      // Not naming the person, so the row's one link named after them stays the name link.
                      aria-label={`${row.webhookCount} ${row.webhookCount === 1 ? "webhook" : "webhooks"}`}
                      className="underline underline-offset-4"
                    >
                      {row.webhookCount}
                    </Link>
                  ) : (
                    0
                  ),
                status: (
                  <>
                    <StatusBadge state={KEY_STATUS_LABELS[row.status]} />
                    {row.exceedsMaxLifetime ? (
                      <StatusBadge state="Exceeds the maximum lifetime" className="ml-2" />
                    ) : null}
                  </>
                ),
              },
            }))}
          />
          <nav aria-label="Pagination" className="flex items-center justify-between gap-2 text-sm">
            <span>
              Page {page} of {pageCount} · {total} {total === 1 ? "person" : "people"}
            </span>
            <span className="flex gap-2">
              {page > 1 ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={href(query, { page: page - 1 })}>Previous</Link>
                </Button>
              ) : null}
              {page < pageCount ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={href(query, { page: page + 1 })}>Next</Link>
                </Button>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </div>
  );
}
