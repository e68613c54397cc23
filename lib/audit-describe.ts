/** How an audit action reads in the log: "<actor> <phrase> <target>". Unknown actions fall back to their code. */
const PHRASES: Record<string, string> = {
  "person.roles_updated": "changed the roles of",
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
};

export function describeAuditAction(event: { actorLabel: string; action: string; targetLabel: string | null }): string {
  const phrase = PHRASES[event.action];
  const target = event.targetLabel ?? "";
  return phrase ? `${event.actorLabel} ${phrase} ${target}`.trim() : `${event.actorLabel}: ${event.action} ${target}`.trim();
}
