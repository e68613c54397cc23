import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The routes open the process's database: an in-memory one here, restored after for the files that share this worker.
vi.hoisted(() => {
  vi.stubEnv("PGLITE_DATA_DIR", "memory://");
  vi.stubEnv("DATABASE_URL", undefined);
});

const { eq } = await import("drizzle-orm");
const { closeDb, getHandle } = await import("@/db/client");
const { migrateDatabase } = await import("@/db/migrate");
const { apiKeys, organizations } = await import("@/db/schema");
const { createOrganization } = await import("@/lib/testing/fixtures");
const { flushAccessLog } = await import("@/lib/access-log/writer");
const { createApiKey } = await import("@/lib/services/api-keys");
const { createApiKeySchema } = await import("@/lib/validators/api-keys");
const keyRoute = await import("@/app/api/v1/api-keys/[id]/route");
const keysRoute = await import("@/app/api/v1/api-keys/route");

type Db = Awaited<ReturnType<typeof getHandle>>["db"];
let db: Db;
let ada: { id: string; name: string; organizationId: string };
let maxId: string;

/** A key made in the console by the organisation's Administrator; returns its id and access code. */
async function consoleKey(input: Record<string, unknown>) {
  const created = await createApiKey(
    db,
    { audit: { type: "user", id: ada.id, label: ada.name, organizationId: ada.organizationId }, userId: ada.id },
    createApiKeySchema.parse({ name: `Key ${Math.random()}`, ...input }),
    { ip: null, userAgent: null },
  );
  if (!created.ok) throw new Error(created.message);
  return { id: created.value.key.publicId, code: created.value.code.secret };
}

const patch = (id: string, code: string, body: unknown) =>
  keyRoute.PATCH(
    new Request(`http://localhost/api/v1/api-keys/${id}`, {
      method: "PATCH",
      headers: { "x-api-key": code, "content-type": "application/json", "x-forwarded-for": "198.51.100.60" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );

const post = (code: string, body: unknown) =>
  keysRoute.POST(
    new Request("http://localhost/api/v1/api-keys", {
      method: "POST",
      headers: { "x-api-key": code, "content-type": "application/json", "x-forwarded-for": "198.51.100.61" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );

beforeAll(async () => {
  const handle = await getHandle();
  db = handle.db;
  await migrateDatabase(db, handle.driver);
  const { people } = await createOrganization(db, "acme", [
    { name: "Ada Admin", roles: ["administrator"] },
    { name: "Max Member", roles: ["member"] },
  ]);
  ada = people[0]!;
  maxId = people[1]!.id;
  await db.update(organizations).set({ allowWritePolicies: true }).where(eq(organizations.id, ada.organizationId));
});
afterAll(async () => {
  await flushAccessLog();
  await closeDb();
  vi.unstubAllEnvs();
});

describe("changing keys through the API", () => {
  it("refuses to stop a key acting as a person when that would widen it beyond the caller: 403 naming the policy", async () => {
    const bound = await consoleKey({ policies: ["users:read", "keys:read", "audit:read"], actsAsUserId: maxId });
    const writer = await consoleKey({ policies: ["keys:write"] });
    const response = await patch(bound.id, writer.code, { actsAsUserId: null });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      status: 403,
      policy: "users:read",
      detail: "This credential does not have the users:read policy, which the key would hold after this change.",
    });
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.publicId, bound.id));
    expect(row!.actsAsUserId).toBe(maxId);

    // A caller holding everything the key would hold may make the same change.
    const strong = await consoleKey({ policies: ["users:read", "keys:read", "keys:write", "audit:read"] });
    expect((await patch(bound.id, strong.code, { actsAsUserId: null })).status).toBe(200);
  });

  it("judges the key as it would be, whatever the request changes", async () => {
    const wide = await consoleKey({ policies: ["users:read", "audit:read"] });
    const writer = await consoleKey({ policies: ["keys:read", "keys:write"] });
    const renamed = await patch(wide.id, writer.code, { description: "only a description" });
    expect(renamed.status).toBe(403);
    expect((await renamed.json()).policy).toBe("users:read");
    const granted = await patch(writer.id, writer.code, { policies: ["keys:read", "keys:write", "webhooks:read"] });
    expect((await granted.json()).policy).toBe("webhooks:read");
    expect((await patch(writer.id, writer.code, { policies: ["keys:write"] })).status).toBe(200);
  });

  it("refuses to create a key more powerful than the caller", async () => {
    const writer = await consoleKey({ policies: ["keys:write", "users:read"] });
    const native = await post(writer.code, { name: "Everything", policies: ["native"] });
    expect(native.status).toBe(403);
    expect((await native.json()).policy).toBe("native");
    const within = await post(writer.code, { name: "Within", policies: ["users:read"] });
    expect(within.status).toBe(201);
  });
});
