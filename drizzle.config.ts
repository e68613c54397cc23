import path from "node:path";
import { defineConfig } from "drizzle-kit";

// drizzle-kit runs outside Next, so it reads the two variables itself; the app reads them through lib/env.ts.
const url = process.env.DATABASE_URL;

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  ...(url
    ? { dbCredentials: { url } }
    : {
        driver: "pglite",
        dbCredentials: { url: path.resolve(process.env.PGLITE_DATA_DIR ?? ".data/pglite") },
      }),
});
