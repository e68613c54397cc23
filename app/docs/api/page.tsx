import type { Metadata } from "next";
import { connection } from "next/server";
import { getOpenApiDocument } from "@/lib/openapi/document";
import { ApiReferenceLoader } from "./_components/api-reference-loader";
import { GettingStarted } from "./_components/getting-started";

export const metadata: Metadata = { title: "API documentation" };

export default async function ApiDocsPage() {
  // Rendered per request so Next's scripts carry this request's CSP nonce.
  await connection();
  const document = getOpenApiDocument();
  return (
    <div className="space-y-12">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Keyward API</h1>
        <p className="mt-2 max-w-3xl text-muted-foreground">
          JSON over HTTPS under <code>/api/v1</code>. The machine-readable description is{" "}
          <a className="font-medium underline underline-offset-4" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </div>
      <GettingStarted />
      <section aria-labelledby="reference-heading" className="space-y-4">
        <h2 id="reference-heading" className="text-2xl font-semibold tracking-tight">
          Reference
        </h2>
        <ApiReferenceLoader document={structuredClone(document) as unknown as Record<string, unknown>} />
      </section>
    </div>
  );
}
