"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A date with year, time of day and time zone, in the reader's locale and zone. The server renders UTC; the
 * browser then shows local time (the `<time>` element keeps the exact instant either way).
 */
export function DateTime({ value, seconds = false }: { value: Date | string; seconds?: boolean }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const local = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const text = date.toLocaleString(local ? undefined : "en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
    timeZoneName: "short",
    ...(local ? {} : { timeZone: "UTC" }),
  });
  return <time dateTime={date.toISOString()}>{text}</time>;
}
