import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

// Database tests on a real PostgreSQL: `bash scripts/with-postgres.sh npm run test:db` (DATABASE_URL is set).
// All files share one database, so they run one at a time.
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.db.test.ts", "**/*.pg.test.ts"],
    exclude: [...configDefaults.exclude, ".next/**", ".data/**", "e2e/**"],
    passWithNoTests: false,
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
