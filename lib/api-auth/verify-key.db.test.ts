import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { createApiKey, updateApiKey } from "@/lib/services/api-keys";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createApiKeySchema, updateApiKeySchema } from "@/lib/validators/api-keys";
import { invalidateVerificationCache } from "./resolvers/verification-cache";
import { verifyKey } from "./verify-key";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

describe("verifying a key with allowed IP addresses", () => {
  it("reports IP_NOT_ALLOWED for a caller outside the list, and checks nothing without the caller's address", async () => {
    const { people } = await createOrganization(t.db, "allow", [{ name: "Ada Allow", roles: ["administrator"] }]);
    const ada = authorFor(people[0]!);
    const created = await createApiKey(t.db, ada, createApiKeySchema.parse({ name: "Gate", policies: ["users:read"] }), NO_META);
    if (!created.ok) throw new Error(created.message);
    const { key } = created.value;
    const { secret } = created.value.code;
    const input = updateApiKeySchema.parse({ allowedIps: "203.0.113.0/24\n2001:db8::/32" });
    expect(await updateApiKey(t.db, ada, key.publicId, input, NO_META)).toMatchObject({ ok: true });
    invalidateVerificationCache();

    for (const ip of ["203.0.113.77", "2001:db8::5", "::ffff:203.0.113.1"]) {
      expect(await verifyKey(t.db, secret, ip), ip).toMatchObject({ valid: true, keyId: key.publicId });
    }
    for (const ip of ["198.51.100.1", "2001:db9::5"]) {
      expect(await verifyKey(t.db, secret, ip), ip).toEqual({ valid: false, code: "IP_NOT_ALLOWED" });
    }
    expect(await verifyKey(t.db, secret)).toMatchObject({ valid: true });

    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "api_key.updated"), eq(auditEvents.targetId, key.publicId)));
    expect(event?.metadata).toEqual({ changes: { allowedIps: { before: [], after: ["203.0.113.0/24", "2001:db8::/32"] } } });
  });
});
