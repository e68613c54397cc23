import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Stubbed before the modules below read the environment; restored after, for the files that share this worker.
vi.hoisted(() => {
  vi.stubEnv("AUTH_OIDC_ISSUER", "https://id.example.test");
  vi.stubEnv("AUTH_OIDC_CLIENT_ID", "keyward");
  vi.stubEnv("AUTH_OIDC_CLIENT_SECRET", "oidc-client-secret");
  vi.stubEnv("AUTH_OIDC_NAME", "Example ID");
  vi.stubEnv("AUTH_SECRET", "a".repeat(32));
  vi.stubEnv("PGLITE_DATA_DIR", "memory://");
  vi.stubEnv("DATABASE_URL", undefined);
});

const { eq } = await import("drizzle-orm");
const { closeDb, getHandle } = await import("@/db/client");
const { users } = await import("@/db/schema");
const { migrateDatabase } = await import("@/db/migrate");
const { seedDemoData } = await import("@/db/seed");
const { authConfig } = await import("./config");

beforeAll(async () => {
  const { db, driver } = await getHandle();
  await migrateDatabase(db, driver);
  await seedDemoData(db);
});
afterAll(async () => {
  await closeDb();
  vi.unstubAllEnvs();
});

type SignIn = NonNullable<NonNullable<ReturnType<typeof authConfig>["callbacks"]>["signIn"]>;
type Jwt = NonNullable<NonNullable<ReturnType<typeof authConfig>["callbacks"]>["jwt"]>;
const ISSUER = "https://id.example.test";
const account = (sub: string) => ({ provider: "oidc", type: "oidc", providerAccountId: sub }) as const;
const ssoSignIn = (profile: Record<string, unknown>) =>
  (authConfig().callbacks!.signIn as SignIn)({
    account: account(String(profile.sub)),
    profile: { iss: ISSUER, ...profile },
    user: { id: String(profile.sub) },
  } as Parameters<SignIn>[0]);

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.7" }) }));

/** Who the session cookie names after a successful SSO sign-in. */
async function signedInAs(profile: Record<string, unknown>) {
  const token = await (authConfig().callbacks!.jwt as Jwt)({
    token: {},
    account: account(String(profile.sub)),
    profile: { iss: ISSUER, ...profile },
    user: { id: "ignored" },
    trigger: "signIn",
  } as Parameters<Jwt>[0]);
  const { db } = await getHandle();
  const [person] = await db.select({ email: users.email }).from(users).where(eq(users.id, String(token?.uid)));
  return person?.email;
}

describe("single sign-on through OIDC", () => {
  it("is offered, under its configured name, when the three variables are set", () => {
    const providers = authConfig().providers.map((p) => (typeof p === "function" ? p() : p));
    expect(providers.map((p) => p.id)).toEqual(["credentials", "oidc"]);
    expect(providers[1]).toMatchObject({ name: "Example ID", type: "oidc", issuer: ISSUER });
  });

  it("refuses an e-mail address the provider does not say is verified, even one that exists", async () => {
    expect(await ssoSignIn({ sub: "sub-max", email: "member@acme.test" })).toBe("/login?error=sso-unverified");
    expect(await ssoSignIn({ sub: "sub-max", email: "member@acme.test", email_verified: false })).toBe(
      "/login?error=sso-unverified",
    );
    expect(await ssoSignIn({ sub: "sub-max", email: "member@acme.test", email_verified: "true" })).toBe(
      "/login?error=sso-unverified",
    );
  });

  it("never creates a person: an unknown e-mail goes back to sign-in with a message", async () => {
    expect(await ssoSignIn({ sub: "sub-stranger", email: "stranger@acme.test", email_verified: true })).toBe(
      "/login?error=sso-unknown",
    );
  });

  it("binds issuer and subject on the first sign-in, matched by verified e-mail, and matches on them later", async () => {
    expect(await ssoSignIn({ sub: "sub-max", email: "Member@Acme.test", email_verified: true })).toBe(true);
    expect(await signedInAs({ sub: "sub-max", email: "member@acme.test", email_verified: true })).toBe("member@acme.test");
    // The provider's e-mail changed: the subject still names the same person.
    expect(await ssoSignIn({ sub: "sub-max", email: "max.new@example.com", email_verified: true })).toBe(true);
    expect(await signedInAs({ sub: "sub-max", email: "max.new@example.com", email_verified: true })).toBe(
      "member@acme.test",
    );
  });

  it("refuses another identity that sets its e-mail to a linked person's, an Administrator's included", async () => {
    expect(await ssoSignIn({ sub: "sub-ada", email: "admin@acme.test", email_verified: true })).toBe(true);
    expect(await ssoSignIn({ sub: "sub-mallory", email: "admin@acme.test", email_verified: true })).toBe(
      "/login?error=sso-taken",
    );
    // Nor can an identity bound to someone else sign in as the Administrator by showing her e-mail.
    expect(await signedInAs({ sub: "sub-max", email: "admin@acme.test", email_verified: true })).toBe("member@acme.test");
  });
});
