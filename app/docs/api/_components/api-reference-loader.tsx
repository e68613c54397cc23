"use client";

import dynamic from "next/dynamic";

// Scalar touches `window` as it loads: render it in the browser only.
export const ApiReferenceLoader = dynamic(() => import("./api-reference").then((m) => m.ApiReference), {
  ssr: false,
  loading: () => <p className="text-sm text-muted-foreground">Loading the reference…</p>,
});
