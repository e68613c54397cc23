import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { requestMeta } from "@/lib/request-meta";
import { signInSchema } from "@/lib/validators/auth";
import { authSecret } from "./secret";
import { revokeSession, sessionLimits, startSession, type SignInMethod } from "./sessions";
import { boundPerson, decideSsoSignIn, ssoIdentity, type SsoRefusal } from "./sso";
import { verifyCredentials } from "./verify-credentials";

/** Thrown from authorize() so the sign-in form can tell throttling from a wrong password. */
export class SignInThrottledError extends CredentialsSignin {
  code = "throttled";
}

/** The `error` the sign-in page is sent back with when single sign-on refuses someone; it shows the reason. */
export const SSO_ERRORS: Record<SsoRefusal, string> = {
  unverified: "sso-unverified",
  unknown: "sso-unknown",
  taken: "sso-taken",
};

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const input = signInSchema.safeParse(raw);
        if (!input.success) return null;
        const result = await verifyCredentials(await getDb(), {
          email: input.data.email,
          password: input.data.password,
          meta: requestMeta(request.headers),
        });
        if (result.ok) return { id: result.userId };
        if (result.reason === "throttled") throw new SignInThrottledError();
        return null;
      },
    }),
  ];
  const { AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET, AUTH_OIDC_NAME } = env();
  if (AUTH_OIDC_ISSUER && AUTH_OIDC_CLIENT_ID && AUTH_OIDC_CLIENT_SECRET) {
    list.push({
      id: "oidc",
      name: AUTH_OIDC_NAME,
      type: "oidc",
      issuer: AUTH_OIDC_ISSUER,
      clientId: AUTH_OIDC_CLIENT_ID,
      clientSecret: AUTH_OIDC_CLIENT_SECRET,
    });
  }
  return list;
}

const configuredIssuer = () => env().AUTH_OIDC_ISSUER ?? "";

/** The Auth.js configuration, built per request so it reads the current environment and generated secret. */
export function authConfig(): NextAuthConfig {
  return {
    secret: authSecret(),
    // Keyward runs behind a load balancer or on localhost; the Host it is reached by is the one to use.
    trustHost: true,
    // The cookie lapses after the idle timeout unless a request renews it; the session row is what really decides
    // (lib/auth/sessions.ts): its absolute lifetime and idle timeout are checked on every request.
    session: { strategy: "jwt", maxAge: Math.floor(sessionLimits().idleMs / 1000) },
    // Auth.js's own failures (a sign-in cancelled at the provider, a state that no longer matches) come back to the
    // sign-in page too, which says what happened, instead of Auth.js's unstyled error page.
    pages: { signIn: "/login", signOut: "/logout", error: "/login" },
    providers: providers(),
    logger: {
      // A wrong password is an expected outcome, not a server error worth a stack trace.
      error(error) {
        if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
        console.error("[auth]", error.name, error.message);
      },
    },
    events: {
      // Every sign-out revokes the session row, Auth.js's own POST /api/auth/signout included: a copy of the
      // cookie kept from before is worthless afterwards.
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : null;
        if (typeof sid === "string") await revokeSession(await getDb(), sid);
      },
    },
    callbacks: {
      // Single sign-on lets in only people who already exist here; see decideSsoSignIn for how they are matched.
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const identity = ssoIdentity(profile, configuredIssuer());
        if (!identity) return `/login?error=${SSO_ERRORS.unknown}`;
        const outcome = await decideSsoSignIn(
          await getDb(),
          { ...identity, email: profile?.email, emailVerified: profile?.email_verified },
          requestMeta(await headers()),
        );
        return outcome.ok ? true : `/login?error=${SSO_ERRORS[outcome.reason]}`;
      },
      async jwt({ token, user, account, profile }) {
        // The token names the person and the session row, nothing more: roles and organisation are read from the
        // database on every request.
        if (!account) return token;
        const db = await getDb();
        let uid: string | null = null;
        let how: SignInMethod = { method: "password" };
        if (account.provider === "oidc") {
          // signIn() has just bound the identity; the binding, not the e-mail, names the person.
          const identity = ssoIdentity(profile, configuredIssuer());
          uid = identity ? await boundPerson(db, identity.issuer, identity.subject) : null;
          how = { method: "sso", issuer: identity?.issuer ?? configuredIssuer() };
        } else {
          uid = user?.id ?? null;
        }
        if (uid) {
          token.uid = uid;
          token.sid = await startSession(db, uid, requestMeta(await headers()), how);
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        if (typeof token.sid === "string") session.sessionId = token.sid;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

export const ssoProviderName = () => {
  const { AUTH_OIDC_ISSUER, AUTH_OIDC_NAME } = env();
  return AUTH_OIDC_ISSUER ? AUTH_OIDC_NAME : null;
};
