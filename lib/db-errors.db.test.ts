import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, auditEvents } from "@/db/schema";
import { createApiKey } from "@/lib/services/api-keys";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createApiKeySchema } from "@/lib/validators/api-keys";
import { classifyDatabaseError, conflictFor } from "./db-errors";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe("database errors, as each driver reports them", () => {
  it("classifies what PostgreSQL refuses to store", async () => {
    const { org } = await createOrganization(t.db, "unstorable", []);
    const row = { organizationId: org.id, publicId: "kwk_unstorable0000000000000", name: "x" };
    expect(classifyDatabaseError(await failureOf(t.db.insert(apiKeys).values({ ...row, name: "nul\u0000" })))).toBe("unstorable");
    expect(
      classifyDatabaseError(
        await failureOf(
          t.db.insert(auditEvents).values({
            organizationId: org.id,
            actorType: "system",
            actorLabel: "test",
            action: "api_key.created",
            targetType: "api_key",
            metadata: { name: "emoji \ud83d" },
          }),
        ),
      ),
    ).toBe("unstorable");
    expect(classifyDatabaseError(await failureOf(t.db.execute(sql`select ${"+010000-01-01T00:00:00.000Z"}::timestamptz`)))).toBe(
      "unstorable",
    );
  });

  it("answers 20 concurrent creations of one key name with one key and 19 conflicts on the name", async () => {
    const { people } = await createOrganization(t.db, "race", [{ name: "Ada Race", roles: ["administrator"] }]);
    const author = authorFor(people[0]!);
    const input = createApiKeySchema.parse({ name: "Billing" });
    const settled = await Promise.allSettled(Array.from({ length: 20 }, () => createApiKey(t.db, author, input, NO_META)));
    const outcomes = settled.map((s) => {
      if (s.status === "fulfilled") return s.value.ok ? "created" : `${s.value.reason}:${s.value.field}`;
      // A request that lost the race after its own check passed: the unique index refused it.
      const conflict = conflictFor(s.reason);
      return conflict ? `${conflict.reason}:${conflict.field}` : `error:${String(s.reason)}`;
    });
    expect(outcomes.filter((o) => o === "created")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "conflict:name")).toHaveLength(19);
  });
});
