"use client";

import "@scalar/api-reference-react/style.css";
import "./api-reference.css";
import { ApiReferenceReact } from "@scalar/api-reference-react";
import { useMemo, useSyncExternalStore } from "react";

/**
 * Scalar's reference, rendered in the browser from the document this page received, served from our own bundle.
 * Everything that would reach another host is off: no CDN fonts, no request proxy or "try it" client (it would
 * send credentials through proxy.scalar.com), no telemetry, no AI agent or MCP generator, no developer toolbar.
 */
export function ApiReference({ document }: { document: Record<string, unknown> }) {
  // Scalar paints the page's background in its own theme: it must be the page's, or the guide above turns unreadable.
  const scheme = useSyncExternalStore(subscribeToColorScheme, resolvedColorScheme, () => "light" as const);
  const configuration = useMemo(
    () => ({
      content: document,
      withDefaultFonts: false,
      hideClientButton: true,
      hideTestRequestButton: true,
      telemetry: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: "never" as const,
      documentDownloadType: "json" as const,
      hideDarkModeToggle: true,
      forceDarkModeState: scheme,
      defaultOpenAllTags: true,
      expandAllResponses: false,
      layout: "modern" as const,
    }),
    [document, scheme],
  );
  return (
    <div className="keyward-api-reference">
      {/* Scalar reads its colour scheme once, at mount: a new scheme mounts it afresh. */}
      <ApiReferenceReact key={scheme} configuration={configuration} />
    </div>
  );
}

/** The page's colour scheme: a person's choice on <html data-theme>, or else the system's. */
function resolvedColorScheme(): "light" | "dark" {
  const chosen = window.document.documentElement.dataset.theme;
  if (chosen === "light" || chosen === "dark") return chosen;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function subscribeToColorScheme(onChange: () => void): () => void {
  const query = window.matchMedia("(prefers-color-scheme: dark)");
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
