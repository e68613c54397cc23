import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { SSO_ERRORS, ssoProviderName } from "@/lib/auth/config";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { AuthCard } from "../auth-card";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const TRY_AGAIN = "Try again, or sign in with your password.";

/**
 * What the page says when single sign-on sends someone back here: Keyward's own refusals, and the failures Auth.js
 * reports by name (any other failure it reports as Configuration, keeping the cause in the server's log).
 */
const SSO_MESSAGES: Record<string, string> = {
  OAuthCallbackError: `Single sign-on did not complete: the identity provider did not confirm the sign-in. ${TRY_AGAIN}`,
  AccessDenied: "Single sign-on was refused. Ask an Administrator if you should have access.",
  MissingCSRF: "The sign-in page had expired. Sign in again.",
  Configuration: `Single sign-on could not be completed. ${TRY_AGAIN}`,
  [SSO_ERRORS.unverified]:
    "Your identity provider has not verified that e-mail address, so Keyward cannot sign you in with it. Verify the address with your provider, or sign in with your password.",
  [SSO_ERRORS.unknown]: "Single sign-on found no Keyward account with that e-mail address. Ask an Administrator to add you.",
  [SSO_ERRORS.taken]:
    "That Keyward account is already linked to a different identity at your provider. Sign in with that identity, or ask an Administrator.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const { callbackUrl, error } = firstValues(await searchParams);
  if (await getActor()) redirect("/profile");
  return (
    <AuthCard title="Sign in to Keyward" description="Manage your organisation's API access.">
      <LoginForm
        callbackUrl={callbackUrl}
        ssoName={ssoProviderName()}
        ssoError={error && Object.hasOwn(SSO_MESSAGES, error) ? SSO_MESSAGES[error] : undefined}
      />
    </AuthCard>
  );
}
