import path from "node:path";

/** Where the embedded database lives; `memory://` keeps it in memory (tests). */
export function embeddedDataDir(configured: string | undefined): string {
  if (configured?.startsWith("memory://")) return configured;
  // Static path pieces keep Turbopack's file tracing from pulling in the whole project.
  return configured ? path.resolve(/*turbopackIgnore: true*/ configured) : path.join(process.cwd(), ".data", "pglite");
}
