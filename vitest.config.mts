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
    // next-auth imports `next/server` without an extension, which only a bundler resolves: let Vite handle it.
    server: { deps: { inline: ["next-auth"] } },
    include: ["**/*.test.ts"],
    // Database tests run here too, each on its own in-memory PGlite; .ci/run repeats them on PostgreSQL.
    // `*.pg.test.ts` need a PostgreSQL server: `npm run test:db` runs them.
    exclude: [...configDefaults.exclude, ".next/**", ".data/**", "e2e/**", "**/*.pg.test.ts"],
    passWithNoTests: false,
    // Two cores here: parallel files help, but a test that opens an in-memory PGlite takes ~2 s of CPU.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 15_000,
    // Creating, migrating and seeding an in-memory database in beforeAll takes seconds of CPU, far more when the
    // shared cores are busy; the 10 s default made database tests fail for reasons that were not theirs.
    hookTimeout: 60_000,
  },
});
