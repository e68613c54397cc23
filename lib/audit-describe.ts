/** How each audit action reads in the log: "<actor> <phrase> <target>". */
export const AUDIT_PHRASES: Record<string, string> = {
  "person.roles_updated": "changed the roles of",
  "company_credentials.generated": "generated the company API credentials",
  "company_credentials.deleted": "deleted the company API credentials",
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
