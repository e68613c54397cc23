const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, "0");

/**
 * A `datetime-local` value (`2026-12-02T10:05`, seconds optional), read in the time zone of the process that runs
 * this (the browser), as an ISO 8601 instant with that zone's offset (`2026-12-02T10:05:00+01:00`), so the server,
 * which runs in UTC, reads the moment the person meant. Empty or unreadable input gives "".
 */
export function localInputToInstant(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) return "";
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const date = new Date(y!, mo! - 1, d!, h!, mi!, Number.isNaN(s) ? 0 : s!);
  if (Number.isNaN(date.getTime())) return "";
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return `${localInputValue(date)}:${pad(date.getSeconds())}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** An instant as a `datetime-local` value (to the minute) in this process's time zone; "" when not a date. */
export function localInputValue(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

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
 * An instant with year, time of day and time zone. `local` formats in the reader's own locale and zone (only in
 * the browser); otherwise in a fixed locale and UTC, so the server and the browser's first render agree.
 */
export function dateTimeText(date: Date, { local, seconds = false }: { local: boolean; seconds?: boolean }): string {
  return date.toLocaleString(local ? undefined : "en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
    timeZoneName: "short",
    ...(local ? {} : { timeZone: "UTC" }),
  });
}
