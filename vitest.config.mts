import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

// Unit tests: colocated `*.test.ts`, and `*.db.test.ts` on an in-memory PGlite; Playwright specs live in e2e/.
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    // Database tests run here too, each on its own in-memory PGlite; .ci/run repeats them on PostgreSQL.
    exclude: [...configDefaults.exclude, ".next/**", ".data/**", "e2e/**"],
    passWithNoTests: false,
    // Two cores here: parallel files help, but a test that opens an in-memory PGlite takes ~2 s of CPU.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 15_000,
    // Creating and migrating a fresh database in beforeAll takes several seconds on a busy two-core machine.
    hookTimeout: 60_000,
  },
});
