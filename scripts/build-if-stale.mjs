// The production build, made only when missing or older than the sources: shared by `npm start` and the fault
// suite, which reuse the build `npm test` made rather than build again.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NEXT_BIN } from "./next-bin.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildId = path.join(root, ".next", "BUILD_ID");

const SOURCE_DIRS = ["app", "components", "lib", "db", "public"];
const SOURCE_FILES = [
  "package.json",
  "next.config.ts",
  "proxy.ts",
  "instrumentation.ts",
  "postcss.config.mjs",
  "tsconfig.json",
];

/** Newest modification time (ms) of a file, or of any file below a directory; 0 when absent. */
export function newestMtime(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows only as a newer directory
  for (const entry of readdirSync(target)) {
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Why the build must be made again, or null when `.next` is newer than every source. */
export function staleReason() {
  if (!existsSync(buildId)) return "no build yet (.next/BUILD_ID is missing)";
  const built = statSync(buildId).mtimeMs;
  for (const name of [...SOURCE_DIRS, ...SOURCE_FILES]) {
    if (newestMtime(path.join(root, name)) > built) return `${name} changed since the last build`;
  }
  return null;
}

/** Runs `next build` when the build is stale; exits the process with next's code when the build fails. */
export function buildIfStale(env) {
  const reason = staleReason();
  if (!reason) return;
  console.log(`Building: ${reason}.`);
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: root, stdio: "inherit", env });
  if (build.error) {
    console.error(`Could not run next build: ${build.error.message}`);
    process.exit(1);
  }
  if (build.status !== 0) process.exit(build.status ?? 1);
}
