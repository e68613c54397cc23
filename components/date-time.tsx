"use client";

import { useSyncExternalStore } from "react";
import { dateTimeText } from "@/lib/local-time";

const subscribe = () => () => {};

/**
 * A date with year, time of day and time zone, in the reader's locale and zone: for labelled values ("Generated
 * on") and sentences. Tables show times with RelativeTime. The server renders UTC; the browser then shows local
 * time (the `<time>` element keeps the exact instant either way).
 */
export function DateTime({ value, seconds = false }: { value: Date | string; seconds?: boolean }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const local = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return <time dateTime={date.toISOString()}>{dateTimeText(date, { local, seconds })}</time>;
}
