import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import * as schema from "@/db/schema";
import { auditEvents, expiryNotices } from "@/db/schema";
import { createServerPool, serverOptions, type ServerPool } from "@/db/server-pool";
import { createApiKey } from "@/lib/services/api-keys";
import { createWebhook } from "@/lib/services/webhooks";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { deps, receiver, resolve, secretKey } from "@/lib/testing/webhooks";
import { createApiKeySchema } from "@/lib/validators/api-keys";
import { createDeliveryWorker } from "@/lib/webhooks/worker";
import { runExpiryJob } from "./job";
import { DAY_MS } from "./thresholds";

const url = process.env.DATABASE_URL;
// Two instances are two connection pools: only PostgreSQL has them. These run in `npm run test:db`.
if (!url) throw new Error("The expiry job's instance tests need PostgreSQL: bash scripts/with-postgres.sh npm run test:db");

const name = `keyward_x_${randomBytes(6).toString("hex")}`;
const admin = postgres(url, { max: 1, onnotice: () => {} });
const pools: ServerPool[] = [];
let first: Db;
let second: Db;

/** One app instance's database handle: its own pool on the shared database. */
function instance(): Db {
  const target = new URL(url!);
  target.pathname = `/${name}`;
  const pool = createServerPool(target.toString(), { options: serverOptions({ max: 3 }) });
  pools.push(pool);
  return drizzle(pool.client, { schema }) as unknown as Db;
}

beforeAll(async () => {
  await admin.unsafe(`create database ${name}`);
  first = instance();
  second = instance();
  await migrateDatabase(first, "postgres");
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.end({ timeout: 5 });
});

describe("the expiry job on two instances", () => {
  it("gives each notice once when two instances run it at the same moment, and the delivered event is signed", async () => {
    const { people } = await createOrganization(first, "two-instances", [{ name: "Ada Twice", roles: ["administrator"] }]);
    const ada = people[0]!;
    const made = await createWebhook(
      first,
      authorFor(ada),
      { url: "https://hooks.example.com/expiring", entity: "AccessCode", operationType: "Expiring" },
      NO_META,
      deps,
    );
    if (!made.ok) throw new Error(made.message);
    const codes = [];
    for (const keyName of ["One", "Two", "Three"]) {
      const created = await createApiKey(first, authorFor(ada), createApiKeySchema.parse({ name: keyName, policies: [] }), NO_META);
      if (!created.ok) throw new Error(created.message);
      codes.push(created.value.code);
    }

    const now = new Date(codes[0]!.expiresAt.getTime() - 10 * DAY_MS);
    for (let round = 0; round < 3; round++) {
      const outcomes = await Promise.all([runExpiryJob(first, now), runExpiryJob(second, now), runExpiryJob(second, now)]);
      // The advisory lock lets one run work at a time; a run that finds it held does nothing.
      expect(outcomes.filter((o) => o.notices > 0).length).toBeLessThanOrEqual(1);
    }

    const notices = await first.select().from(expiryNotices).where(eq(expiryNotices.organizationId, ada.organizationId));
    expect(notices.map((n) => n.threshold).sort()).toEqual(["14d", "14d", "14d"]);
    const audits = await first.select().from(auditEvents).where(eq(auditEvents.action, "access_code.expiring"));
    expect(audits.filter((a) => a.organizationId === ada.organizationId)).toHaveLength(3);

    const { received, send } = receiver();
    const worker = createDeliveryWorker({ db: second, schedule: [], allowLoopback: false, secretKey, resolve, log: () => {}, send });
    while ((await worker.runOnce()) > 0);
    expect(received).toHaveLength(3);
    const payloads = received.map(
      (r) => new Webhook(made.value.secret).verify(r.body, r.headers) as { type: string; data: { id: string; actor: { label: string } } },
    );
    expect(payloads.map((p) => p.type)).toEqual(["AccessCode.Expiring", "AccessCode.Expiring", "AccessCode.Expiring"]);
    expect(payloads.map((p) => p.data.id).sort()).toEqual(codes.map((c) => c.id).sort());
    expect(payloads.every((p) => p.data.actor.label === "Keyward")).toBe(true);
  });
});
