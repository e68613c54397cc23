// Where the Next.js command line lives, for every script that builds or starts an app: run it with this process's
// node (`spawn(process.execPath, [NEXT_BIN, …])`), so that no script depends on a shell shim or on PATH.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const NEXT_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "next", "dist", "bin", "next");
