"use client";

import { useSyncExternalStore } from "react";
import { useRequestTime } from "@/components/request-time";
import { dateTimeText, relativeTimeText } from "@/lib/local-time";

const TICK_MS = 30_000;

function subscribe(onChange: () => void) {
  const timer = setInterval(onChange, TICK_MS);
  return () => clearInterval(timer);
}
const now = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;

/**
 * The one way a table shows a time: how long ago or how soon ("3 min ago", "in 12 days"), with the full date, time
 * of day and zone in its title (on hover) and read out after it by screen readers.
 *
 * The server and the browser's hydrating render both count from the request time in UTC, so they agree to the
 * character; the browser then switches to its own clock, locale and zone, and keeps the text current.
 */
export function RelativeTime({ value, seconds = false }: { value: Date | string; seconds?: boolean }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const browserNow = useSyncExternalStore(subscribe, now, () => null);
  const requestTime = useRequestTime();
  const local = browserNow !== null;
  const full = dateTimeText(date, { local, seconds });
  const at = browserNow ?? requestTime;
  return (
    <time dateTime={date.toISOString()} title={full} className="whitespace-nowrap">
      {at === null ? (
        full
      ) : (
        <>
          {relativeTimeText(date, at, local ? undefined : "en-GB")}
          <span className="sr-only">{` (${full})`}</span>
        </>
      )}
    </time>
  );
}
