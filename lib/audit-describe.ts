/** How an audit action reads in the log: "<actor> <phrase> <target>". Unknown actions fall back to their code. */
const PHRASES: Record<string, string> = {
  "person.roles_updated": "changed the roles of",
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

export function describeAuditAction(event: { actorLabel: string; action: string; targetLabel: string | null }): string {
  const phrase = PHRASES[event.action];
  const target = event.targetLabel ?? "";
  return phrase ? `${event.actorLabel} ${phrase} ${target}`.trim() : `${event.actorLabel}: ${event.action} ${target}`.trim();
}
