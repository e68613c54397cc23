import type { AuditActor } from "@/lib/audit";
import type { Principal } from "./principal";

/**
 * Who an API request is in the audit log: the person for a personal key, the organisation API key for an access
 * code, the OAuth client for a token; always labelled with `principal.auditLabel`.
 */
export function principalAuditActor(principal: Principal): AuditActor {
  const organizationId = principal.organization.id;
  const label = principal.auditLabel;
  switch (principal.credential.kind) {
    case "personal_key":
      return { type: "user", id: principal.user?.id ?? null, label, organizationId };
    case "access_code":
      return { type: "api_key", id: principal.apiKeyId ?? principal.credential.id, label, organizationId };
    case "oauth_token":
      return { type: "oauth_client", id: principal.credential.id, label, organizationId };
  }
}
