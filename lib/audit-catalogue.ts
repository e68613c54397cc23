import type { actorTypeEnum } from "@/db/schema";
import type { WebhookEntity, WebhookOperation } from "@/lib/webhooks/constants";

/**
 * What audit events are about, as the Audit Log's target filter names them, and the webhook entity each one is
 * delivered as (null: no webhook entity, e.g. settings).
 */
export const AUDIT_RESOURCES = {
  person: { label: "Person", entity: "User" },
  company_credentials: { label: "Company credentials", entity: "CompanyCredentials" },
  api_key: { label: "API key", entity: "ApiKey" },
  access_code: { label: "Access code", entity: "AccessCode" },
  personal_api_key: { label: "Personal API key", entity: "PersonalApiKey" },
  webhook: { label: "Webhook", entity: "Webhook" },
  settings: { label: "Settings", entity: null },
  // Sign-ins and tokens are not entities a webhook receiver manages: recorded for the log only.
  session: { label: "Sign-in", entity: null },
  oauth_token: { label: "OAuth access token", entity: null },
} as const satisfies Record<string, { label: string; entity: WebhookEntity | null }>;
export type AuditResource = keyof typeof AUDIT_RESOURCES;

interface AuditActionSpec {
  resource: AuditResource;
  /** How the event reads in the log: "<actor> <sentence> <target>". */
  sentence: string;
  /** The webhook operation it is delivered as; null when it sends no webhook event. */
  operation: WebhookOperation | null;
}

/**
 * Every audit action, `resource.past_verb`: the one table that the writer, the Audit Log, its CSV export and the
 * webhook outbox read. An action missing here does not compile at `writeAudit`.
 */
export const AUDIT_ACTIONS = {
  "person.roles_updated": { resource: "person", sentence: "changed the roles of", operation: "Update" },
  "company_credentials.generated": {
    resource: "company_credentials",
    sentence: "generated the company API credentials",
    operation: "Create",
  },
  // A roll keeps the client id and changes its secret: an Update, as is ending the previous secret's grace.
  "company_credentials.rolled": {
    resource: "company_credentials",
    sentence: "rolled the client secret of the company API credentials",
    operation: "Update",
  },
  "company_credentials.previous_secret_stopped": {
    resource: "company_credentials",
    sentence: "stopped the previous client secret of the company API credentials",
    operation: "Update",
  },
  "company_credentials.deleted": {
    resource: "company_credentials",
    sentence: "deleted the company API credentials",
    operation: "Delete",
  },
  "api_key.created": { resource: "api_key", sentence: "created the API key", operation: "Create" },
  "api_key.linked": { resource: "api_key", sentence: "linked the API key", operation: "Create" },
  "api_key.updated": { resource: "api_key", sentence: "changed the API key", operation: "Update" },
  "api_key.archived": { resource: "api_key", sentence: "archived the API key", operation: "Update" },
  "api_key.deleted": { resource: "api_key", sentence: "deleted the API key", operation: "Delete" },
  "access_code.created": { resource: "access_code", sentence: "created the access code", operation: "Create" },
  // Switching a code on or off changes an existing code: an Update, like archiving a key.
  "access_code.enabled": { resource: "access_code", sentence: "enabled the access code", operation: "Update" },
  "access_code.disabled": { resource: "access_code", sentence: "disabled the access code", operation: "Update" },
  "access_code.updated": { resource: "access_code", sentence: "changed the access code", operation: "Update" },
  "access_code.deleted": { resource: "access_code", sentence: "deleted the access code", operation: "Delete" },
  // Keyward's expiry job (lib/expiry/job.ts) writes these, once per code and threshold (14 days, 3 days, expired).
  "access_code.expiring": {
    resource: "access_code",
    sentence: "gave notice of the coming expiry of the access code",
    operation: "Expiring",
  },
  "access_code.expired": { resource: "access_code", sentence: "recorded the expiry of the access code", operation: "Expired" },
  "settings.updated": { resource: "settings", sentence: "changed the API settings of", operation: null },
  // A personal key is created by enabling API access and ends when it is turned off or cleared.
  "personal_api_key.enabled": {
    resource: "personal_api_key",
    sentence: "enabled the personal API key of",
    operation: "Create",
  },
  "personal_api_key.regenerated": {
    resource: "personal_api_key",
    sentence: "regenerated the personal API key of",
    operation: "Update",
  },
  "personal_api_key.turned_off": {
    resource: "personal_api_key",
    sentence: "turned off the personal API key of",
    operation: "Delete",
  },
  "personal_api_key.cleared": {
    resource: "personal_api_key",
    sentence: "cleared the personal API key of",
    operation: "Delete",
  },
  "personal_api_key.expiring": {
    resource: "personal_api_key",
    sentence: "gave notice of the coming expiry of the personal API key of",
    operation: "Expiring",
  },
  "personal_api_key.expired": {
    resource: "personal_api_key",
    sentence: "recorded the expiry of the personal API key of",
    operation: "Expired",
  },
  "webhook.created": { resource: "webhook", sentence: "added the webhook", operation: "Create" },
  "webhook.updated": { resource: "webhook", sentence: "changed the webhook", operation: "Update" },
  "webhook.deleted": { resource: "webhook", sentence: "deleted the webhook", operation: "Delete" },
  "webhook.disabled": { resource: "webhook", sentence: "switched Off the webhook", operation: "Update" },
  // A new signing secret for the same subscription: an Update, whether its owner rolled it or a leak report did.
  "webhook.secret_rolled": { resource: "webhook", sentence: "rolled the signing secret of the webhook", operation: "Update" },
  "webhook.previous_secret_stopped": {
    resource: "webhook",
    sentence: "stopped the previous signing secret of the webhook",
    operation: "Update",
  },
  "webhook.delivery_resent": { resource: "webhook", sentence: "resent a delivery of the webhook", operation: "Update" },
  // A test event changes nothing: it is delivered only to the webhook tested, never fanned out.
  "webhook.test_sent": { resource: "webhook", sentence: "sent a test event to the webhook", operation: null },
  // The person signs in ("Ada Admin signed in"); a refusal is Keyward's ("Keyward refused a sign-in as Ada Admin"),
  // recorded only for e-mails of existing people, whose organisation's log it belongs to.
  "session.signed_in": { resource: "session", sentence: "signed in", operation: null },
  "session.sign_in_failed": { resource: "session", sentence: "refused a sign-in as", operation: null },
  "oauth_token.issued": { resource: "oauth_token", sentence: "was issued the access token", operation: null },
  "oauth_token.revoked": { resource: "oauth_token", sentence: "revoked the access token", operation: null },
} as const satisfies Record<string, AuditActionSpec>;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const isAuditAction = (value: string): value is AuditAction => Object.hasOwn(AUDIT_ACTIONS, value);

export type AuditActorType = (typeof actorTypeEnum.enumValues)[number];

/** Who did it, as the log will show it. */
export interface AuditActor {
  type: AuditActorType;
  id: string | null;
  label: string;
  organizationId: string;
}

export interface AuditEntry {
  action: AuditAction;
  /** The changed thing; its type is the action's resource. */
  target: { id?: string | null; label?: string | null };
  /** Identifiers and changed fields only; never a secret or a hash. */
  metadata?: Record<string, unknown>;
  /**
   * The person the target belongs to (a personal key's or a webhook's owner): they receive webhook events about it
   * even without the permission to see everyone's.
   */
  ownerUserId?: string | null;
}

/** The webhook event an audit action is delivered as (`api_key.archived` → ApiKey Update), or null. */
export function webhookEventOf(action: AuditAction): { entity: WebhookEntity; operation: WebhookOperation } | null {
  const spec: AuditActionSpec = AUDIT_ACTIONS[action];
  const entity = AUDIT_RESOURCES[spec.resource].entity;
  return entity && spec.operation ? { entity, operation: spec.operation } : null;
}

/** The sentence of a stored event; an action no longer in the catalogue still reads, as its raw name. */
export function describeAuditAction(event: {
  actorLabel: string;
  action: string;
  targetLabel: string | null;
  metadata?: unknown;
}): string {
  const target = event.targetLabel ?? "";
  const sentence = isAuditAction(event.action) ? AUDIT_ACTIONS[event.action].sentence : null;
  const text = sentence ? `${event.actorLabel} ${sentence} ${target}`.trim() : `${event.actorLabel}: ${event.action} ${target}`.trim();
  const leak = reportedLeakOf(event.metadata);
  return leak ? `${text}, reported leaked at ${leak.url ?? "an address the report did not give"}` : text;
}

/**
 * An event's target as the Audit Log shows it: its name, else its kind and the start of its id (a sign-in, a
 * token), whole in the event's details.
 */
export function auditTargetText(event: { targetType: string; targetId: string | null; targetLabel: string | null }): string {
  if (event.targetLabel) return event.targetLabel;
  if (!event.targetId) return "—";
  const kind = Object.hasOwn(AUDIT_RESOURCES, event.targetType)
    ? AUDIT_RESOURCES[event.targetType as AuditResource].label
    : event.targetType;
  return `${kind} ${event.targetId.slice(0, 8)}`;
}

/** The secret-scanning report recorded with an event (lib/audit.ts), if the change was one. */
export function reportedLeakOf(metadata: unknown): { url: string | null; source: string | null } | null {
  if (!metadata || typeof metadata !== "object" || !("reportedLeak" in metadata)) return null;
  const leak = (metadata as { reportedLeak: unknown }).reportedLeak;
  if (!leak || typeof leak !== "object") return null;
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return { url: text((leak as { url?: unknown }).url), source: text((leak as { source?: unknown }).source) };
}
