/** How each audit action reads in the log: "<actor> <phrase> <target>". */
export const AUDIT_PHRASES: Record<string, string> = {
  "person.roles_updated": "changed the roles of",
  "company_credentials.generated": "generated the company API credentials",
  "company_credentials.deleted": "deleted the company API credentials",
  "api_key.created": "created the API key",
  "api_key.linked": "linked the API key",
  "api_key.updated": "changed the API key",
  "api_key.archived": "archived the API key",
  "api_key.deleted": "deleted the API key",
  "access_code.created": "created the access code",
  "access_code.enabled": "enabled the access code",
  "access_code.disabled": "disabled the access code",
  "access_code.deleted": "deleted the access code",
  "settings.updated": "changed the API settings of",
  "personal_api_key.enabled": "enabled the personal API key of",
  "personal_api_key.regenerated": "regenerated the personal API key of",
  "personal_api_key.turned_off": "turned off the personal API key of",
  "personal_api_key.cleared": "cleared the personal API key of",
  "webhook.created": "added the webhook",
  "webhook.updated": "changed the webhook",
  "webhook.deleted": "deleted the webhook",
  "webhook.disabled": "switched Off the webhook",
  "webhook.delivery_resent": "resent a delivery of the webhook",
};

/** The resources that audit actions are about (`<resource>.<past_verb>`), as the target-type filter shows them. */
export const AUDIT_TARGET_TYPES: Record<string, string> = {
  person: "Person",
  company_credentials: "Company credentials",
  api_key: "API key",
  access_code: "Access code",
  personal_api_key: "Personal API key",
  webhook: "Webhook",
  settings: "Settings",
};

export function describeAuditAction(event: { actorLabel: string; action: string; targetLabel: string | null }): string {
  const phrase = AUDIT_PHRASES[event.action];
  const target = event.targetLabel ?? "";
  return phrase ? `${event.actorLabel} ${phrase} ${target}`.trim() : `${event.actorLabel}: ${event.action} ${target}`.trim();
}
