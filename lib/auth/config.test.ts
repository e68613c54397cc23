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

const { closeDb, getHandle } = await import("@/db/client");
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
const ssoSignIn = (profile: Record<string, unknown>) =>
  (authConfig().callbacks!.signIn as SignIn)({
    account: { provider: "oidc", type: "oidc", providerAccountId: "sub-1" },
    profile,
    user: { id: "sub-1" },
  } as Parameters<SignIn>[0]);

describe("single sign-on through OIDC", () => {
  it("is offered, under its configured name, when the three variables are set", () => {
    const providers = authConfig().providers.map((p) => (typeof p === "function" ? p() : p));
    expect(providers.map((p) => p.id)).toEqual(["credentials", "oidc"]);
    expect(providers[1]).toMatchObject({ name: "Example ID", type: "oidc", issuer: "https://id.example.test" });
  });

  it("lets in a person who already exists, matched by e-mail", async () => {
    expect(await ssoSignIn({ email: "Member@Acme.test", email_verified: true })).toBe(true);
  });

  it("never creates a person: an unknown e-mail goes back to sign-in with a message", async () => {
    expect(await ssoSignIn({ email: "stranger@acme.test", email_verified: true })).toBe("/login?error=sso");
  });

  it("refuses an e-mail address the provider has not verified", async () => {
    expect(await ssoSignIn({ email: "member@acme.test", email_verified: false })).toBe("/login?error=sso");
  });
});
