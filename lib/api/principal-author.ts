import "server-only";
import type { Principal } from "@/lib/api-auth/principal";
import type { Author } from "@/lib/author";

/**
 * Who an API request is, as the audit log records it: the API key for access codes, the OAuth client for
 * tokens, the person for personal keys. A person is recorded as creator only when the credential acts as one.
 */
export function principalAuthor(principal: Principal): Author {
  const kind = principal.credential.kind;
  return {
    audit: {
      type: kind === "access_code" ? "api_key" : kind === "oauth_token" ? "oauth_client" : "user",
      id: kind === "personal_key" ? (principal.user?.id ?? null) : (principal.apiKeyId ?? principal.credential.id),
      label: principal.auditLabel,
      organizationId: principal.organization.id,
    },
    userId: principal.user?.id ?? null,
  };
}
