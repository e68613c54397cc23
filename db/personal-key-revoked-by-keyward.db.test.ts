import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personalApiKeys } from "@/db/schema";
import { revokeReportedSecret } from "@/lib/services/leaked-secrets";
import { clearPersonalKey, enablePersonalKey } from "@/lib/services/personal-api-keys";
import { hashSecret } from "@/lib/secrets";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { readMigration } from "@/lib/testing/migration-file";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { deps } from "@/lib/testing/webhooks";

let t: TestDatabase;
let backfill: string;

beforeAll(async () => {
  t = await createTestDatabase();
  // Its statements after the new column, which the test database already has.
  const migration = await readMigration("_personal_key_revoked_by_keyward.sql");
  backfill = migration.split("--> statement-breakpoint").slice(1).join("\n");
}, 180_000);
afterAll(async () => t?.close());

const flagOf = async (secret: string) =>
  (await t.db.select({ flag: personalApiKeys.revokedByKeyward }).from(personalApiKeys).where(eq(personalApiKeys.keyHash, hashSecret(secret))))[0]
    ?.flag;

describe("the backfill of revoked_by_keyward", () => {
  it("marks the keys Keyward cleared on a leak report before the column existed, and no key an administrator cleared", async () => {
    const { people } = await createOrganization(t.db, "backfill-leaks", [
      { name: "Lee Leaked", roles: ["member"] },
      { name: "Cal Cleared", roles: ["member"] },
      { name: "Ada Backfill", roles: ["administrator"] },
    ]);
    const leaked = await enablePersonalKey(t.db, authorFor(people[0]!), NO_META);
    const cleared = await enablePersonalKey(t.db, authorFor(people[1]!), NO_META);
    if (!leaked.ok || !cleared.ok) throw new Error("could not enable the keys");
    expect(await revokeReportedSecret(t.db, leaked.value.secret, { url: "https://example.com/leak", source: "content" }, deps)).toBe(
      "true_positive",
    );
    expect((await clearPersonalKey(t.db, authorFor(people[2]!), people[1]!.id, NO_META)).ok).toBe(true);
    // As the rows stood before the column: false for every key.
    await t.db.update(personalApiKeys).set({ revokedByKeyward: false });

    await t.db.transaction(async (tx) => tx.execute(sql.raw(backfill)));
    expect(await flagOf(leaked.value.secret)).toBe(true);
    expect(await flagOf(cleared.value.secret)).toBe(false);
  });
});
