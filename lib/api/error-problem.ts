import { RETRY_AFTER_SECONDS } from "@/db/timeouts";
import { classifyDatabaseError, conflictFor } from "@/lib/db-errors";
import { logUnavailable } from "@/lib/unavailable-log";
import { problem, problemFor } from "./problem";

/**
 * The answer to an error a handler did not expect, for every `/api` route (v1, OAuth, verify): the database
 * classification of lib/db-errors.ts decides between 503, 409 and 400; anything else is logged and answered 500
 * without its message.
 */
export function problemForError(error: unknown): Response {
  switch (classifyDatabaseError(error)) {
    case "unavailable":
      logUnavailable("API request", error);
      return problem("unavailable", {
        detail: `The database is not answering right now; try again in ${RETRY_AFTER_SECONDS} seconds.`,
        headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
      });
    case "conflict":
      return problemFor(conflictFor(error)!);
    case "unstorable":
      return problem("invalid_request", {
        detail: "The request contains a value that cannot be stored, such as a control character or a date out of range.",
      });
    default:
      console.error("[keyward] API request failed:", error instanceof Error ? error.message : error);
      return problem("internal", { detail: "Something went wrong on our side." });
  }
}
