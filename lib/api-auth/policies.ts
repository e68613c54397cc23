import type { Permission } from "@/lib/auth/permissions";

/**
 * The API policy catalogue: what a credential may do over `/api/v1`. The names are public (integrations send and
 * read them), so they stay apart from the console permissions they map from below. Write policies are restricted:
 * greyed until an Administrator turns on "Allow write policies".
 */
export const API_POLICIES = [
  { name: "users:read", description: "Read the organisation's people and their roles.", write: false },
  { name: "users:write", description: "Change people's roles.", write: true },
  { name: "keys:read", description: "Read the organisation's API keys and their access codes (never secrets), and its request counts.", write: false },
  { name: "keys:write", description: "Create, change and archive API keys.", write: true },
  { name: "audit:read", description: "Read the audit log.", write: false },
  { name: "webhooks:read", description: "List the webhooks of the person the credential acts as.", write: false },
  { name: "webhooks:write", description: "Create, change and delete those webhooks.", write: true },
  { name: "native", description: "Full control of the organisation through the API.", write: true },
] as const;
export type ApiPolicy = (typeof API_POLICIES)[number]["name"];
export const API_POLICY_NAMES = API_POLICIES.map((p) => p.name) as ApiPolicy[];
export const WRITE_POLICIES = API_POLICIES.filter((p) => p.write).map((p) => p.name) as ApiPolicy[];

/** `native` grants every other policy. */
export function grants(held: readonly ApiPolicy[], needed: ApiPolicy): boolean {
  return held.includes(needed) || held.includes("native");
}

/**
 * What a person may do over the API, from their console permissions: a personal key acts as its person, and an
 * impersonating key gets the intersection of its own policies with these.
 */
export function policiesForPermissions(permissions: readonly Permission[]): ApiPolicy[] {
  const has = (p: Permission) => permissions.includes(p);
  const out: ApiPolicy[] = [];
  if (has("people:read")) out.push("users:read");
  if (has("people:write")) out.push("users:write");
  if (has("api_keys:read")) out.push("keys:read");
  if (has("api_keys:write")) out.push("keys:write");
  if (has("audit_log:read")) out.push("audit:read");
  if (has("webhooks:write")) out.push("webhooks:read", "webhooks:write");
  return API_POLICY_NAMES.filter((p) => out.includes(p));
}

/**
 * A personal key's policies: its person's current ones, without users:write and keys:write while the organisation's
 * Allow write policies is off, as for every other credential. webhooks:write stays: it manages the person's own
 * webhooks, which everyone may do in the console whatever the setting.
 */
export function personalKeyPolicies(personPolicies: readonly ApiPolicy[], allowWritePolicies: boolean): ApiPolicy[] {
  if (allowWritePolicies) return [...personPolicies];
  return personPolicies.filter((p) => p === "webhooks:write" || !WRITE_POLICIES.includes(p));
}
