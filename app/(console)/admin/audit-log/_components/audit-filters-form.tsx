import Link from "next/link";
import { LocalDateTimeInput } from "@/components/forms/local-date-time-input";
import { Button, buttonVariants } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { AUDIT_ACTIONS, AUDIT_RESOURCES } from "@/lib/audit-catalogue";


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
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <div className="grid gap-1.5">
          <Label htmlFor="filter-actor">Actor</Label>
          <NativeSelect id="filter-actor" name="actor" defaultValue={values.actor ?? ""} className="w-full min-w-0">
            <option value="">Anyone</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-action">Action</Label>
          <NativeSelect id="filter-action" name="action" defaultValue={values.action ?? ""} className="w-full min-w-0">
            <option value="">Any action</option>
            {Object.entries(AUDIT_ACTIONS).map(([action, { sentence }]) => (
              <option key={action} value={action}>
                {sentence}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-target">Target type</Label>
          <NativeSelect id="filter-target" name="targetType" defaultValue={values.targetType ?? ""} className="w-full min-w-0">
            <option value="">Any target</option>
            {Object.entries(AUDIT_RESOURCES).map(([type, { label }]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-from">From</Label>
          <LocalDateTimeInput id="filter-from" name="from" value={values.from} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-to">To</Label>
          <LocalDateTimeInput id="filter-to" name="to" value={values.to} />
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
