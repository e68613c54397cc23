import { DateTime } from "@/components/date-time";
import type { ExpiryState } from "@/lib/expiry/thresholds";

/** "Your personal API key expires on …": always said when the key has an expiry, as a warning once it is near. */
export function ExpiryNotice({ expiresAt, state }: { expiresAt: string; state: ExpiryState }) {
  return (
    <p
      role="status"
      className={
        state === "later" ? "text-sm text-muted-foreground" : "rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm"
      }
    >
      {state === "expired" ? "Your personal API key expired on " : "Your personal API key expires on "}
      <DateTime value={expiresAt} />.{" "}
      {state === "expired"
        ? "Every link using it now fails: regenerate a new key to get API access back."
        : state === "soon"
          ? "Regenerate a new key before then, and give it to every link that uses this one."
          : null}
    </p>
  );
}
