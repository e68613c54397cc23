"use client";

import { createContext, useContext } from "react";

const ConsoleOrigin = createContext<string | null>(null);

/** Hands the console's origin, as the server saw the request, to the client components that write it into files. */
export function ConsoleOriginProvider({ origin, children }: { origin: string; children: React.ReactNode }) {
  return <ConsoleOrigin.Provider value={origin}>{children}</ConsoleOrigin.Provider>;
}

/** The origin the person reached the console by; outside the console, the browser's own. */
export function useConsoleOrigin(): string {
  return useContext(ConsoleOrigin) ?? (typeof window === "undefined" ? "" : window.location.origin);
}
