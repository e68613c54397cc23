"use client";

import "@scalar/api-reference-react/style.css";
import { ApiReferenceReact } from "@scalar/api-reference-react";
import { useMemo } from "react";

/**
 * Scalar's reference, rendered in the browser from the document this page received, served from our own bundle.
 * Everything that would reach another host is off: no CDN fonts, no request proxy or "try it" client (it would
 * send credentials through proxy.scalar.com), no telemetry, no AI agent or MCP generator, no developer toolbar.
 */
export function ApiReference({ document }: { document: Record<string, unknown> }) {
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
      forceDarkModeState: "light" as const,
      defaultOpenAllTags: true,
      expandAllResponses: false,
      layout: "modern" as const,
    }),
    [document],
  );
  return <ApiReferenceReact configuration={configuration} />;
}
