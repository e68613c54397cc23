/** The usage charts' ranges, as the URL's `usage` parameter gives them: hourly bars for a day, daily bars for a month. */
export const USAGE_RANGES = {
  "24h": { label: "24 hours", span: "the last 24 hours", buckets: 24, bucketMs: 3_600_000 },
  "30d": { label: "30 days", span: "the last 30 days", buckets: 30, bucketMs: 86_400_000 },
} as const;
export type UsageRange = keyof typeof USAGE_RANGES;

/** A hand-edited or missing parameter shows the default, 24 hours. */
export const usageRangeOf = (value: string | undefined): UsageRange => (value === "30d" ? "30d" : "24h");

/** The status classes a chart stacks; 1xx and 3xx are counted with 2xx (answered, not refused). */
export const CHART_CLASSES = ["2xx", "4xx", "5xx"] as const;
export type ChartClass = (typeof CHART_CLASSES)[number];
