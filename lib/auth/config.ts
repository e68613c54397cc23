import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { headers } from "next/headers";
import { clientIp, requestMeta } from "@/lib/request-meta";
import { signInSchema } from "@/lib/validators/auth";
import { authSecret } from "./secret";
import { startSession } from "./sessions";
import { verifyCredentials } from "./verify-credentials";

/** Thrown from authorize() so the sign-in form can tell a lockout from a wrong password. */
export class SignInLockedError extends CredentialsSignin {
  code = "locked";
}

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const input = signInSchema.safeParse(raw);
        if (!input.success) return null;
        const result = await verifyCredentials(await getDb(), {
          ...input.data,
          ip: clientIp(request.headers),
        });
        if (result.ok) return { id: result.userId };
        if (result.reason === "locked") throw new SignInLockedError();
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

/** Single sign-on only lets in people who already exist here, matched by verified e-mail; nobody is created. */
async function userIdForEmail(email: unknown): Promise<string | null> {
  if (typeof email !== "string") return null;
  const db = await getDb();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user?.id ?? null;
}

/** The Auth.js configuration, built per request so it reads the current environment and generated secret. */
export function authConfig(): NextAuthConfig {
  return {
    secret: authSecret(),
    // Keyward runs behind a load balancer or on localhost; the Host it is reached by is the one to use.
    trustHost: true,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: providers(),
    logger: {
      // A wrong password is an expected outcome, not a server error worth a stack trace.
      error(error) {
        if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
        console.error("[auth]", error.name, error.message);
      },
    },
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        if (profile?.email_verified === false) return "/login?error=sso";
        return (await userIdForEmail(profile?.email)) ? true : "/login?error=sso";
      },
      async jwt({ token, user, account, profile }) {
        // The token names the person and the session row, nothing more: roles and organisation are read from the
        // database on every request.
        if (!account) return token;
        const uid = account.provider === "oidc" ? await userIdForEmail(profile?.email) : (user?.id ?? null);
        if (uid) {
          token.uid = uid;
          token.sid = await startSession(await getDb(), uid, requestMeta(await headers()));
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
