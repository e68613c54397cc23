import type { ReactNode } from "react";
import type { Usage } from "@/db/queries/usage";
import { CHART_CLASSES, USAGE_RANGES } from "@/lib/validators/usage";
import { UsageBars } from "./usage-bars";
import { UsageRangeSwitch } from "./usage-range-switch";

const number = new Intl.NumberFormat("en");
const hourLabel = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const dayLabel = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const requests = (n: number) => `${number.format(n)} ${n === 1 ? "request" : "requests"}`;

/** "1,234 requests in the last 24 hours: 1,200 2xx, 30 4xx, 4 5xx", what the chart shows, in words. */
export function usageSummary(usage: Usage): string {
  const parts = CHART_CLASSES.map((name) => `${number.format(usage.totals[name])} ${name}`).join(", ");
  return `${requests(usage.totals.all)} in ${USAGE_RANGES[usage.range].span}: ${parts}`;
}

/**
 * The one usage chart of the console (a key, a person's key, the company credentials, the organisation): a title,
 * the summary in words, the range switch, stacked bars by status class and, for screen readers and anyone who
 * wants numbers, the same figures as a table behind "Show as table". Hours and days are UTC, as the rollups are.
 */
export function UsagePanel({ title, usage, note, children }: { title: string; usage: Usage; note?: string; children?: ReactNode }) {
  const hourly = usage.range === "24h";
  const rows = usage.buckets.map((bucket) => ({
    label: hourly ? hourLabel.format(bucket.start) : dayLabel.format(bucket.start),
    full: hourly ? `${dayLabel.format(bucket.start)}, ${hourLabel.format(bucket.start)} UTC` : `${dayLabel.format(bucket.start)} (UTC)`,
    ...bucket.counts,
  }));
  const headingId = `usage-${title.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-3 rounded-xl border bg-card p-4 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        <UsageRangeSwitch range={usage.range} />
      </div>
      <p className="text-sm" aria-live="polite">
        {usageSummary(usage)}
        {note ? <span className="text-muted-foreground"> ({note})</span> : null}
      </p>
      <UsageBars data={rows.map(({ label, ...counts }) => ({ label, "2xx": counts["2xx"], "4xx": counts["4xx"], "5xx": counts["5xx"] }))} />
      <ul className="flex flex-wrap gap-4 text-xs text-muted-foreground" aria-label="Colours">
        {CHART_CLASSES.map((name) => (
          <li key={name} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`size-3 rounded-sm ${SWATCH[name]}`} />
            {name}
            {name === "2xx" ? " (with 1xx and 3xx)" : ""}
          </li>
        ))}
      </ul>
      <details className="text-sm">
        <summary className="w-fit cursor-pointer rounded-sm font-medium underline-offset-4 hover:underline">Show as table</summary>
        <div className="mt-2 max-h-80 overflow-auto" tabIndex={0} role="group" aria-label={`${title}, numbers`}>
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{`${title}, ${hourly ? "requests per hour" : "requests per day"} by status class`}</caption>
            <thead>
              <tr className="border-b">
                <th scope="col" className="py-1 pr-3 font-medium">
                  {hourly ? "Hour" : "Day"}
                </th>
                {CHART_CLASSES.map((name) => (
                  <th key={name} scope="col" className="py-1 pr-3 text-right font-medium">
                    {name}
                  </th>
                ))}
                <th scope="col" className="py-1 text-right font-medium">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.full} className="border-b last:border-0">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {row.full}
                  </th>
                  {CHART_CLASSES.map((name) => (
                    <td key={name} className="py-1 pr-3 text-right tabular-nums">
                      {number.format(row[name])}
                    </td>
                  ))}
                  <td className="py-1 text-right tabular-nums">{number.format(row["2xx"] + row["4xx"] + row["5xx"])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {children}
    </section>
  );
}

const SWATCH = { "2xx": "bg-success", "4xx": "bg-warning", "5xx": "bg-destructive" } as const;
