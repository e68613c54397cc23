"use client";

import { useState, useSyncExternalStore } from "react";
import { Input } from "@/components/ui/input";
import { localInputToInstant, localInputValue } from "@/lib/local-time";

const subscribe = () => () => {};

/**
 * A date-and-time filter field for a GET form, read in the browser's time zone: the visible `datetime-local` field
 * has no zone, so once the page runs in the browser it submits a hidden ISO instant with the browser's offset
 * instead (the server runs in UTC). Before that, the visible field submits itself and counts as UTC.
 */
export function LocalDateTimeInput({ id, name, value }: { id: string; name: string; value?: string }) {
  const browser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const [typed, setTyped] = useState<string | null>(null);
  const shown = typed ?? (value ? (browser ? localInputValue(new Date(value)) : value.slice(0, 16)) : "");
  // Untouched, the URL's own value goes back unchanged, so re-submitting the form keeps the same instant.
  const sent = typed === null ? (value ?? "") : localInputToInstant(typed);
  return (
    <>
      <Input
        id={id}
        name={browser ? undefined : name}
        type="datetime-local"
        value={shown}
        onChange={(event) => setTyped(event.target.value)}
      />
      {browser && sent ? <input type="hidden" name={name} value={sent} /> : null}
    </>
  );
}
