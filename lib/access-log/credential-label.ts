/** What an access-log entry records about the credential that made the request. */
export interface LoggedCredential {
  keyName: string | null;
  apiKeyId: string | null;
  credentialKind: string | null;
  /** For a personal key: the name of the person it belongs to, when they still exist. */
  personalKeyOwner: string | null;
}

/**
 * The Key column's words for an entry: the API key's name, the person's personal key, or the company credentials,
 * instead of the stored kind (`personal_key`, `oauth_token`).
 */
export function credentialLabel(entry: LoggedCredential): string {
  if (entry.keyName) return entry.keyName;
  if (entry.apiKeyId) return "Deleted key";
  switch (entry.credentialKind) {
    case "personal_key":
      return entry.personalKeyOwner ? `${entry.personalKeyOwner}'s personal key` : "Personal key of a deleted person";
    case "oauth_token":
      return "Company credentials (OAuth token)";
    case "access_code":
      return "Deleted key";
    default:
      return "—";
  }
}

/** The kind of credential, in words, for an entry's details. */
export const CREDENTIAL_KIND_LABELS: Record<string, string> = {
  access_code: "Access code",
  personal_key: "Personal API key",
  oauth_token: "OAuth access token (company credentials)",
};

/**
 * The key filter's value: an API key's public id, `oauth_token` (the company credentials), `personal_key` (every
 * person's key) or `personal_key:<user id>` (one person's).
 */
export type CredentialFilter =
  | { kind: "api_key"; publicId: string }
  | { kind: "oauth_token" }
  | { kind: "personal_key"; userId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseCredentialFilter(value: string | undefined): CredentialFilter | undefined {
  if (!value) return undefined;
  if (value === "oauth_token") return { kind: "oauth_token" };
  if (value === "personal_key") return { kind: "personal_key" };
  if (value.startsWith("personal_key:")) {
    const userId = value.slice("personal_key:".length);
    return UUID.test(userId) ? { kind: "personal_key", userId } : undefined;
  }
  return { kind: "api_key", publicId: value };
}
