"use client";

import { createContext, useContext } from "react";

const RequestTimeContext = createContext<number | null>(null);

/**
 * The instant the server rendered the page, so relative times ("3 min ago") render on the server and hydrate to
 * the same text; the browser's clock takes over once the page is live.
 */
export function RequestTimeProvider({ at, children }: { at: number; children: React.ReactNode }) {
  return <RequestTimeContext value={at}>{children}</RequestTimeContext>;
}

export const useRequestTime = () => useContext(RequestTimeContext);
