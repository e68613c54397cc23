"use client";

import { useSyncExternalStore } from "react";
import { relativeTimeText } from "@/lib/local-time";

const TICK_MS = 30_000;

function subscribe(onChange: () => void) {
  const timer = setInterval(onChange, TICK_MS);
  return () => clearInterval(timer);
}
const now = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;

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
