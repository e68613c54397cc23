import type { ApiPolicy } from "./policies";

export type CredentialKind = "access_code" | "personal_key" | "oauth_token";

/** Who an API request is: the organisation it acts in, the credential, the person (if any), what it may do. */
export interface Principal {
  organization: { id: string; slug: string; name: string };
  credential: { kind: CredentialKind; id: string };
  user: { id: string; email: string; name: string } | null;
  policies: ApiPolicy[];
  /** The organisation API key behind an access code (for access logs and last-used). */
  apiKeyId: string | null;
  /** What the access log keeps, as the key's Log requests / Log request and response bodies options ask. */
  logging: { requests: boolean; bodies: boolean };
  /** The access code's display prefix (`kwak_3fQ9xT2a`), for the access log. */
  accessCodePrefix?: string | null;
  /** Label for audit events caused by this request ("Billing sync (API key)"). */
  auditLabel: string;
}
