/** How an audit action reads in the log: "<actor> <phrase> <target>". Unknown actions fall back to their code. */
const PHRASES: Record<string, string> = {
  "person.roles_updated": "changed the roles of",
  "company_credentials.generated": "generated the company API credentials",
  "company_credentials.deleted": "deleted the company API credentials",
};

export function describeAuditAction(event: { actorLabel: string; action: string; targetLabel: string | null }): string {
  const phrase = PHRASES[event.action];
  const target = event.targetLabel ?? "";
  return phrase ? `${event.actorLabel} ${phrase} ${target}`.trim() : `${event.actorLabel}: ${event.action} ${target}`.trim();
}
