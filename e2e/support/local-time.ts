/** `minutes` from now as a `datetime-local` value on a clock `hoursAhead` of UTC (a browser's zone in a test). */
export const localValue = (minutes: number, hoursAhead: number) =>
  new Date(Date.now() + minutes * 60_000 + hoursAhead * 3600_000).toISOString().slice(0, 16);
