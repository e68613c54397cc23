import { getDb } from "@/db/client";
import { getApiKey } from "@/db/queries/api-keys";
import { getUsage, serializeUsage, type UsageScope } from "@/db/queries/usage";
import { json } from "@/lib/api/problem";
import { validationProblem } from "@/lib/api/request-body";
import { withPrincipal } from "@/lib/api/route";
import { usageQuerySchema } from "@/lib/validators/usage-api";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

const SCOPE_OF_CREDENTIAL = {
  company_credentials: { kind: "company_credentials" },
  personal_keys: { kind: "personal_key" },
} as const satisfies Record<string, UsageScope>;

/** The organisation's requests by status class, from the same hourly counts as the console's usage charts. */
export const GET = withPrincipal("keys:read", async ({ request, principal }) => {
  const query = usageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return validationProblem(query.error);
  const { range, keyId, credential } = query.data;
  const db = await getDb();
  const organizationId = principal.organization.id;
  let scope: UsageScope = credential ? SCOPE_OF_CREDENTIAL[credential] : { kind: "organization" };
  if (keyId) {
    // Looked up within the organisation: another organisation's key id reads as unknown, never as its usage.
    const key = await getApiKey(db, organizationId, keyId);
    if (!key) return validationProblem({ keyId: ["No API key with this id in your organisation."] });
    scope = { kind: "api_key", apiKeyId: key.id };
  }
  return json(serializeUsage(await getUsage(db, organizationId, scope, range)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
