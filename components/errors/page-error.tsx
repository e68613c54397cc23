"use client";

import { useRouter } from "next/navigation";
import { startTransition, useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/** How often the page asks whether the database answers again, to retry by itself. */
const RECHECK_MS = 5_000;

type Cause = "checking" | "database" | "other";

/**
 * What a console page shows when it failed on the server. In production the browser gets no error message (only
 * a digest), so the cause is asked of `/api/health`: while it answers 503 the page says plainly that the database
 * is not answering, and retries by itself once it answers again.
 */
export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [cause, setCause] = useState<Cause>("checking");

  const retry = useCallback(() => {
    // refresh() fetches the server components again; reset() alone would only re-render what the browser has.
    startTransition(() => {
      router.refresh();
      reset();
    });
  }, [router, reset]);

  useEffect(() => {
    let stopped = false;
    let wasDown = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      let databaseDown = false;
      try {
        databaseDown = (await fetch("/api/health", { cache: "no-store" })).status === 503;
      } catch {
        // The server itself is unreachable: not something this page can tell.
      }
      if (stopped) return;
      if (databaseDown) {
        wasDown = true;
        setCause("database");
        timer = setTimeout(check, RECHECK_MS);
      } else if (wasDown) {
        retry();
      } else {
        setCause("other");
      }
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [retry]);

  return (
    <div role="alert" className="mx-auto grid max-w-lg gap-3 py-16 text-center">
      {cause === "database" ? (
        <>
          <h1 className="text-2xl font-semibold">The database is not answering</h1>
          <p className="text-muted-foreground">
            Keyward cannot reach its database right now, so this page cannot be shown. Nothing you saved is lost. This
            page tries again by itself every few seconds.
          </p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">This page could not be loaded</h1>
          <p className="text-muted-foreground">
            {cause === "checking" ? "Checking what went wrong…" : "Something went wrong on our side. Try again; nothing you saved is lost."}
          </p>
        </>
      )}
      {error.digest ? <p className="text-xs text-muted-foreground">Reference: {error.digest}</p> : null}
      <div>
        <Button onClick={retry}>Try again</Button>
      </div>
    </div>
  );
}
