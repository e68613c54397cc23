"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { auth, signIn, signOut } from "@/lib/auth/config";
import { revokeSession } from "@/lib/auth/sessions";
import { refusalFor, type Refusal } from "@/lib/auth/sign-in-guard";
import { failure, invalid, type ActionFailure } from "@/lib/errors";
import { clientIp } from "@/lib/request-meta";
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

/**
 * A failed sign-in; when it was throttled, why and until when (ISO), for the browser to say in local time. None of
 * it says whether the e-mail belongs to anyone: unknown e-mails are throttled exactly like known ones.
 */
export type SignInFailure = ActionFailure & { retryAt?: string; throttle?: Refusal["reason"] };

/**
 * Signs in and redirects; returns only when it failed. The throttling itself happens in the credentials provider
 * (lib/auth/verify-credentials.ts), which Auth.js's own callback route reaches too; this only explains a refusal.
 */
export async function signInAction(raw: unknown): Promise<SignInFailure> {
  const input = signInSchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  try {
    await signIn("credentials", {
      email: input.data.email,
      password: input.data.password,
      redirectTo: safeCallback(input.data.callbackUrl),
    });
  } catch (error) {
    // The successful sign-in redirects by throwing; only Auth.js's own errors are answers to show.
    if (!(error instanceof AuthError)) throw error;
    if (error.type === "CredentialsSignin" && "code" in error && error.code === "throttled") {
      const refusal = await refusalFor(await getDb(), input.data.email, clientIp(await headers()));
      return throttled(refusal ?? { reason: "slowed", until: new Date(Date.now() + 1000) });
    }
    return failure("unauthenticated", INCORRECT);
  }
  return failure("unauthenticated", INCORRECT);
}

function throttled({ reason, until }: Refusal): SignInFailure {
  return {
    ...failure("forbidden", `Too many failed sign-in attempts. Try again after ${until.toISOString()}.`),
    retryAt: until.toISOString(),
    throttle: reason,
  };
}

export async function signOutAction(): Promise<void> {
  const sessionId = (await auth())?.sessionId;
  // Revoked first: a cookie that a request still in flight re-issues must not sign the person back in. (Auth.js's
  // signOut event revokes it too, for sign-outs that do not come through here.)
  if (sessionId) await revokeSession(await getDb(), sessionId);
  await signOut({ redirectTo: "/login" });
}

export async function ssoSignInAction(callbackUrl: string | undefined): Promise<void> {
  await signIn("oidc", { redirectTo: safeCallback(callbackUrl) });
}
