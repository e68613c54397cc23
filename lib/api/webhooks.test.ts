import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/api-auth/principal";
import { principalUser } from "./webhooks";

const principal = (user: Principal["user"]): Principal => ({
  organization: { id: "o", slug: "acme", name: "Acme" },
  credential: { kind: user ? "personal_key" : "access_code", id: "c" },
  user,
  policies: ["webhooks:read", "webhooks:write"],
  apiKeyId: user ? null : "k",
  logging: { requests: false, bodies: false },
  auditLabel: "x",
});

describe("webhooks over the API", () => {
  it("belong to the person a credential acts as", () => {
    expect(principalUser(principal({ id: "u", email: "u@acme.test", name: "U" }))).toMatchObject({ id: "u" });
  });

  it("are refused with a clear 403 to a credential that acts as no one (an access code without a user)", async () => {
    const refusal = principalUser(principal(null));
    expect(refusal).toBeInstanceOf(Response);
    const response = refusal as Response;
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = await response.json();
    expect(body.detail).toMatch(/acts as no one/);
    expect(body.reason).toBe("no_user");
  });
});
