import { z } from "zod";

/**
 * Text that people type, as PostgreSQL can store it. PostgreSQL refuses U+0000 in `text` and jsonb (audit
 * metadata copies names and descriptions), and refuses a lone UTF-16 surrogate once JSON carries it as `\ud83d`;
 * the other C0 control characters are stored but break what shows them (tables, CSV cells, headers). So they are
 * refused here, with a message, rather than answered 500 by the database.
 */

/** C0 controls and DEL; tab and line feed (and the carriage return of CRLF) allowed where `multiline`. */
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `value` cannot be stored as typed, or null. */
export function unstorableTextProblem(value: string, options: { multiline?: boolean } = {}): string | null {
  if (value.includes("\u0000")) return "Remove the NUL character (U+0000).";
  if ((options.multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(value)) {
    return options.multiline ? "Remove control characters (tabs and line breaks are fine)." : "Remove control characters such as tabs or line breaks.";
  }
  if (LONE_SURROGATE.test(value)) return "Remove the broken character (half of an emoji or symbol).";
  return null;
}

/**
 * A string schema for typed text: trims, then refuses what PostgreSQL cannot store. Chain length rules after it:
 * `text().min(1, "Enter a name.").max(100, …)`.
 */
export function text(options: { multiline?: boolean; error?: string } = {}) {
  return z
    .string(options.error ? { error: options.error } : undefined)
    .trim()
    .superRefine((value, ctx) => {
      const problem = unstorableTextProblem(value, options);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** The earliest and latest instants the app accepts: four-digit years, which every layer (ISO 8601, PostgreSQL) keeps. */
// setUTCFullYear, because Date.UTC reads years 0–99 as 1900–1999.
const MIN_TIME = new Date(0).setUTCFullYear(1, 0, 1);
const MAX_TIME = new Date(0).setUTCFullYear(10000, 0, 1) - 1;

/** A date typed or sent as text: valid, and within years 1–9999 (PostgreSQL refuses `+275760-09-13`). */
export function dateTime(message = "Enter a valid date and time.") {
  return z.string().transform((value, ctx) => {
    const date = new Date(value);
    const time = date.getTime();
    if (Number.isNaN(time) || time < MIN_TIME || time > MAX_TIME) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return date;
  });
}
