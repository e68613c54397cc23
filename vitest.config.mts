import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

// Unit tests: colocated `*.test.ts` for pure logic. Database tests (`*.db.test.ts`) run separately on a real
// PostgreSQL with vitest.db.config.mts; Playwright specs live in e2e/.
export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: [...configDefaults.exclude, ".next/**", ".data/**", "e2e/**", "**/*.db.test.ts"],
    passWithNoTests: false,
    // Two cores here: parallel files help, but a test that opens an in-memory PGlite takes ~2 s of CPU.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 15_000,
  },
});
