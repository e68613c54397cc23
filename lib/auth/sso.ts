import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, Executor } from "@/db/client";
import { userIdentities, users } from "@/db/schema";
import { systemActor, writeAudit } from "@/lib/audit";
import { isUniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";

/** What the identity provider says, from its validated ID token. */
export interface SsoClaims {
  issuer: string;
  subject: string;
  email: unknown;
  emailVerified: unknown;
}

/**
 * Why single sign-on refused someone:
 * - `unverified`: the provider does not vouch for the e-mail address (`email_verified` is not `true`);
 * - `unknown`: no Keyward person has that e-mail address, and nobody is created by signing in;
 * - `taken`: the person is already linked to another identity at this provider.
 */
export type SsoRefusal = "unverified" | "unknown" | "taken";

export type SsoOutcome = { ok: true; userId: string } | { ok: false; reason: SsoRefusal };

/** The issuer and subject of an ID token's claims, or null when either is missing. */
export function ssoIdentity(profile: { iss?: unknown; sub?: unknown } | undefined, configuredIssuer: string) {
  const subject = typeof profile?.sub === "string" && profile.sub ? profile.sub : null;
  const issuer = typeof profile?.iss === "string" && profile.iss ? profile.iss : configuredIssuer;
  return subject ? { issuer, subject } : null;
}

/** The person bound to this identity, if any. */
export async function boundPerson(db: Executor, issuer: string, subject: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)));
  return row?.userId ?? null;
}

/**
 * Decides a single sign-on. The provider must say the e-mail address is verified, every time. An identity already
 * bound to a person signs that person in, whatever e-mail it shows now. An unbound one is matched once by e-mail to
 * an existing person and bound to them (issuer + subject), unless that person already has another identity at this
 * provider: a provider that lets its users choose their e-mail address thus cannot sign anyone in as someone else.
 * Refusals for an existing person's e-mail go to their organisation's audit log.
 */
export async function decideSsoSignIn(db: Db, claims: SsoClaims, meta: RequestMeta): Promise<SsoOutcome> {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null;
  const [person] = email
    ? await db.select({ id: users.id, name: users.name, organizationId: users.organizationId }).from(users).where(eq(users.email, email))
    : [];
  const refuse = async (reason: SsoRefusal): Promise<SsoOutcome> => {
    if (person) {
      await writeAudit(
        db,
        systemActor(person.organizationId),
        {
          action: "session.sign_in_failed",
          target: { id: person.id, label: person.name },
          metadata: { email, method: "sso", issuer: claims.issuer, reason: `sso_${reason}` },
        },
        meta,
      );
    }
    return { ok: false, reason };
  };

  if (claims.emailVerified !== true) return refuse("unverified");
  const bound = await boundPerson(db, claims.issuer, claims.subject);
  if (bound) return { ok: true, userId: bound };
  if (!person) return refuse("unknown");
  try {
    await db.insert(userIdentities).values({ userId: person.id, issuer: claims.issuer, subject: claims.subject });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Either this identity was bound a moment ago by a parallel sign-in, or the person has another one.
    const now = await boundPerson(db, claims.issuer, claims.subject);
    return now === person.id ? { ok: true, userId: person.id } : refuse("taken");
  }
  return { ok: true, userId: person.id };
}
