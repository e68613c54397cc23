// A real OpenID Provider (the `oidc-provider` package) on loopback, for the single sign-on e2e tests. Playwright
// starts it before the tests (playwright.config.ts) and Keyward's server is configured with it as AUTH_OIDC_ISSUER.
// Its own development login page accepts any password; the login typed chooses one of the people below.
// Plain JavaScript: the package ships no type definitions, and Node runs this file as it is.
import Provider from "oidc-provider";

const port = Number(process.env.KEYWARD_E2E_OIDC_PORT);
const keywardPort = Number(process.env.KEYWARD_E2E_PORT);
if (!port || !keywardPort) throw new Error("KEYWARD_E2E_OIDC_PORT and KEYWARD_E2E_PORT must be set");

/** The provider's people, by the login typed on its page (which is also their subject). */
const PEOPLE = {
  // A Keyward person, verified: signs in.
  "lea-at-idp": { email: "lead@acme.test", email_verified: true, name: "Lea Lead" },
  // Verified, but nobody at Keyward has this e-mail.
  "stranger-at-idp": { email: "stranger@acme.test", email_verified: true, name: "Stan Stranger" },
  // A Keyward person's e-mail that the provider has not verified.
  "unverified-at-idp": { email: "member@acme.test", email_verified: false, name: "Max Maybe" },
  // Another identity that shows Lea's e-mail once hers is linked.
  "impostor-at-idp": { email: "lead@acme.test", email_verified: true, name: "Ivan Impostor" },
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: process.env.KEYWARD_E2E_OIDC_CLIENT_ID,
      client_secret: process.env.KEYWARD_E2E_OIDC_CLIENT_SECRET,
      redirect_uris: [`http://localhost:${keywardPort}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  async findAccount(_ctx, id) {
    const person = PEOPLE[id];
    if (!person) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...person }) };
  },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // E-mail claims in the ID token, as most providers send them when the email scope is asked for.
  conformIdTokenClaims: false,
  // Keyward is a first-party client here: no consent page, every scope it asks for is granted.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
  cookies: { keys: ["keyward-e2e-oidc-cookie-key"] },
  ttl: { AccessToken: 600, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
  features: { devInteractions: { enabled: true } },
});

const server = provider.listen(port, "127.0.0.1", () => {
  console.log(`OpenID Provider for the e2e tests at http://127.0.0.1:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
