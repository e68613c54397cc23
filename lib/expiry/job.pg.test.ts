import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { auditEvents, expiryNotices } from "@/db/schema";
import { createApiKey } from "@/lib/services/api-keys";
import { createWebhook } from "@/lib/services/webhooks";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { postgresInstances } from "@/lib/testing/postgres-instances";
import { deps, receiver, resolve, secretKey } from "@/lib/testing/webhooks";
import { createApiKeySchema } from "@/lib/validators/api-keys";
import { createDeliveryWorker } from "@/lib/webhooks/worker";
import { runExpiryJob } from "./job";
import { DAY_MS } from "./thresholds";

const instances = postgresInstances("The expiry job's instance tests");

describe("the expiry job on two instances", () => {
  it("gives each notice once when two instances run it at the same moment, and the delivered event is signed", async () => {
    const { people } = await createOrganization(instances.first, "two-instances", [{ name: "Ada Twice", roles: ["administrator"] }]);
    const ada = people[0]!;
    const made = await createWebhook(
      instances.first,
      authorFor(ada),
      { url: "https://hooks.example.com/expiring", entity: "AccessCode", operationType: "Expiring" },
      NO_META,
      deps,
    );
    if (!made.ok) throw new Error(made.message);
    const codes = [];
    for (const keyName of ["One", "Two", "Three"]) {
      const created = await createApiKey(instances.first, authorFor(ada), createApiKeySchema.parse({ name: keyName, policies: [] }), NO_META);
      if (!created.ok) throw new Error(created.message);
      codes.push(created.value.code);
    }

    const now = new Date(codes[0]!.expiresAt.getTime() - 10 * DAY_MS);
    for (let round = 0; round < 3; round++) {
      const outcomes = await Promise.all([runExpiryJob(instances.first, now), runExpiryJob(instances.second, now), runExpiryJob(instances.second, now)]);
      // The advisory lock lets one run work at a time; a run that finds it held does nothing.
      expect(outcomes.filter((o) => o.notices > 0).length).toBeLessThanOrEqual(1);
    }

    const notices = await instances.first.select().from(expiryNotices).where(eq(expiryNotices.organizationId, ada.organizationId));
    expect(notices.map((n) => n.threshold).sort()).toEqual(["14d", "14d", "14d"]);
    const audits = await instances.first.select().from(auditEvents).where(eq(auditEvents.action, "access_code.expiring"));
    expect(audits.filter((a) => a.organizationId === ada.organizationId)).toHaveLength(3);

    const { received, send } = receiver();
    const worker = createDeliveryWorker({ db: instances.second, schedule: [], allowLoopback: false, secretKey, resolve, log: () => {}, send });
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
