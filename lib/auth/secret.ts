import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { embeddedDataDir } from "@/db/data-dir";
import { env } from "@/lib/env";

const holder = globalThis as unknown as { __keywardAuthSecret?: string };

/**
 * The key that signs session cookies: AUTH_SECRET when set; otherwise (embedded demo, development) one generated
 * on first start and kept beside the data dir, so `npm start` needs no configuration and sessions survive restarts.
 */
export function authSecret(): string {
  if (holder.__keywardAuthSecret) return holder.__keywardAuthSecret;
  const { AUTH_SECRET, PGLITE_DATA_DIR } = env();
  if (AUTH_SECRET) return (holder.__keywardAuthSecret = AUTH_SECRET);
  const dataDir = embeddedDataDir(PGLITE_DATA_DIR);
  if (dataDir.startsWith("memory://")) return (holder.__keywardAuthSecret = randomBytes(32).toString("base64url"));
  const file = `${dataDir}.auth-secret`;
  try {
    holder.__keywardAuthSecret = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    // `wx`: if another process wrote one in the meantime, keep theirs.
    try {
      writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      holder.__keywardAuthSecret = secret;
    } catch {
      holder.__keywardAuthSecret = readFileSync(file, "utf8").trim();
    }
  }
  return holder.__keywardAuthSecret;
}
