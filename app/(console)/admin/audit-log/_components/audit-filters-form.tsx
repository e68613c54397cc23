import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AUDIT_PHRASES, AUDIT_TARGET_TYPES } from "@/lib/audit-describe";

const selectClass =
  "h-9 rounded-md border border-input bg-transparent px-3 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50";

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function AuditFiltersForm({
  values,
  people,
  error,
}: {
  values: Record<string, string | undefined>;
  people: { id: string; name: string }[];
  error?: string;
}) {
  return (
    <form method="get" action="/admin/audit-log" aria-label="Filter events" className="grid gap-3 rounded-xl border bg-card p-4">
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <div className="grid gap-1.5">
          <Label htmlFor="filter-actor">Actor</Label>
          <select id="filter-actor" name="actor" defaultValue={values.actor ?? ""} className={selectClass}>
            <option value="">Anyone</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-action">Action</Label>
          <select id="filter-action" name="action" defaultValue={values.action ?? ""} className={selectClass}>
            <option value="">Any action</option>
            {Object.entries(AUDIT_PHRASES).map(([action, phrase]) => (
              <option key={action} value={action}>
                {phrase}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-target">Target type</Label>
          <select id="filter-target" name="targetType" defaultValue={values.targetType ?? ""} className={selectClass}>
            <option value="">Any target</option>
            {Object.entries(AUDIT_TARGET_TYPES).map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-from">From</Label>
          <Input id="filter-from" name="from" type="datetime-local" defaultValue={values.from ?? ""} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-to">To</Label>
          <Input id="filter-to" name="to" type="datetime-local" defaultValue={values.to ?? ""} />
        </div>
      </div>
      {values.limit ? <input type="hidden" name="limit" value={values.limit} /> : null}
      {error ? <p className="text-sm text-destructive">{error}</p> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Apply filters
        </Button>
        <Link href="/admin/audit-log" className={buttonVariants({ variant: "ghost", size: "sm" })}>
          Clear filters
        </Link>
      </div>
    </form>
  );
}
