"use server";

import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { auth, signIn, signOut } from "@/lib/auth/config";
import { revokeSession } from "@/lib/auth/sessions";
import { lockedUntil } from "@/lib/auth/sign-in-guard";
import { failure, invalid, type ActionFailure } from "@/lib/errors";
import { signInSchema } from "@/lib/validators/auth";

const INCORRECT = "Incorrect email or password.";

/**
 * Only a path on this site: an open redirect after sign-in would hand the fresh session to a phishing page. The
 * proxy sends absolute callback URLs, so keep their path and drop their origin.
 */
function safeCallback(url: string | undefined): string {
  if (!url) return "/profile";
  try {
    const { pathname, search, hash } = new URL(url, "http://keyward.invalid");
    const path = `${pathname}${search}${hash}`;
    return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/login") ? path : "/profile";
  } catch {
    return "/profile";
  }
}

/** A failed sign-in; `retryAt` (ISO) when the e-mail is locked out, for the browser to show in local time. */
export type SignInFailure = ActionFailure & { retryAt?: string };

/** Signs in and redirects; returns only when it failed. */
export async function signInAction(raw: unknown): Promise<SignInFailure> {
  const input = signInSchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const db = await getDb();
  const locked = await lockedUntil(db, input.data.email);
  if (locked) return lockedOut(locked);
  try {
    await signIn("credentials", {
      email: input.data.email,
      password: input.data.password,
      redirectTo: safeCallback(input.data.callbackUrl),
    });
  } catch (error) {
    // The successful sign-in redirects by throwing; only Auth.js's own errors are answers to show.
    if (!(error instanceof AuthError)) throw error;
    const until = await lockedUntil(db, input.data.email);
    if (until && error.type === "CredentialsSignin" && "code" in error && error.code === "locked") return lockedOut(until);
    return failure("unauthenticated", INCORRECT);
  }
  return failure("unauthenticated", INCORRECT);
}

function lockedOut(until: Date): SignInFailure {
  return {
    ...failure("forbidden", `Too many failed sign-in attempts. Try again after ${until.toISOString()}.`),
    retryAt: until.toISOString(),
  };
}

export async function signOutAction(): Promise<void> {
  const sessionId = (await auth())?.sessionId;
  // Revoked first: a cookie that a request still in flight re-issues must not sign the person back in.
  if (sessionId) await revokeSession(await getDb(), sessionId);
  await signOut({ redirectTo: "/login" });
}

export async function ssoSignInAction(callbackUrl: string | undefined): Promise<void> {
  await signIn("oidc", { redirectTo: safeCallback(callbackUrl) });
}
