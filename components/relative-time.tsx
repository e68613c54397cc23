"use client";

import { useSyncExternalStore } from "react";

const TICK_MS = 30_000;

function subscribe(onChange: () => void) {
  const timer = setInterval(onChange, TICK_MS);
  return () => clearInterval(timer);
}
const now = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 min ago" for `date` at `at`, in `locale`; under a minute, "just now". */
export function relativeTimeText(date: Date, at: number, locale?: string): string {
  const elapsed = Math.round((date.getTime() - at) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size) return format.format(Math.trunc(elapsed / size), unit);
  }
  return "just now";
}

/**
 * How long ago `value` was ("3 min ago"), kept current while the page is open; the exact instant stays in the
 * `<time>` element and its title. Rendered only in the browser, whose clock the reader shares.
 */
export function RelativeTime({ value }: { value: Date | string }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const at = useSyncExternalStore(subscribe, now, () => null);
  if (at === null) return null;
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString(undefined, { dateStyle: "full", timeStyle: "long" })}>
      {relativeTimeText(date, at)}
    </time>
  );
}
