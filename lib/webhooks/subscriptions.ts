import { AUDIT_ACTIONS, webhookEventOf, type AuditAction } from "@/lib/audit-catalogue";
import { roleGranting, type Permission } from "@/lib/auth/permissions";
import { ROLE_PLURALS } from "@/lib/auth/roles";
import { WEBHOOK_ENTITIES, WEBHOOK_OPERATIONS, type WebhookEntity, type WebhookOperation } from "./constants";
import { ENTITY_PERMISSION } from "./events";

/**
 * What a webhook can subscribe to: only the entity/operation pairs that some change in Keyward actually emits, each
 * with the actions that trigger it, as the form explains them. A pair missing here is refused by the form, the
 * server action and the API alike: subscribing to it would wait forever. Nothing adds people to an organisation or
 * removes them today, so User has no Create or Delete.
 */
export const WEBHOOK_TRIGGERS: Record<WebhookEntity, Partial<Record<WebhookOperation, string>>> = {
  User: { Update: "changing a person's roles" },
  ApiKey: {
    Create: "creating a key, or linking an existing one",
    Update: "edits, archiving (Archive is an Update)",
    Delete: "deleting a key",
  },
  AccessCode: {
    Create: "creating a code",
    Update: "edits, enabling/disabling (the Enabled switch is an Update)",
    Delete: "deleting a code",
    Expiring: "a code expiring in 14 days, and again in 3 days",
    Expired: "a code reaching its expiry date",
  },
  CompanyCredentials: {
    Create: "generating the credentials",
    Update: "rolling the client secret",
    Delete: "deleting the credentials",
  },
  PersonalApiKey: {
    Create: "enabling API access",
    Update: "Regenerate New Key (Regenerate is an Update)",
    Delete: "turning API access off, or an Administrator clearing the key",
    Expiring: "the key expiring in 14 days, and again in 3 days",
    Expired: "the key reaching its expiry date",
  },
  Webhook: {
    Create: "adding a webhook",
    Update: "edits, switching On/Off, resending a delivery, rolling the signing secret",
    Delete: "deleting a webhook",
  },
};

/** The operations of `entity` that some change emits, in catalogue order. */
export const operationsOf = (entity: WebhookEntity): WebhookOperation[] =>
  WEBHOOK_OPERATIONS.filter((operation) => WEBHOOK_TRIGGERS[entity][operation] !== undefined);

export const isOffered = (entity: WebhookEntity, operation: WebhookOperation) => operationsOf(entity).includes(operation);

/** Entities whose events reach their owner whatever their permissions: their own personal key and webhooks. */
const OWN_ENTITIES: readonly WebhookEntity[] = ["PersonalApiKey", "Webhook"];

/** Why a person with `permissions` would never receive events about `entity`, or null when they would. */
export function entityRefusal(entity: WebhookEntity, permissions: readonly Permission[]): string | null {
  if (OWN_ENTITIES.includes(entity)) return null;
  const needed = ENTITY_PERMISSION[entity];
  if (permissions.includes(needed)) return null;
  return `Only ${ROLE_PLURALS[roleGranting(needed)]} receive ${entity} events: you cannot see ${entity} changes.`;
}

/** Every entity with whether it may be chosen, for the form. */
export const entityChoices = (permissions: readonly Permission[]) =>
  WEBHOOK_ENTITIES.map((entity) => ({ entity, refusal: entityRefusal(entity, permissions) }));

/** The catalogued actions that deliver as `entity` `operation`: the events a subscriber of the pair receives. */
export const actionsDelivering = (entity: WebhookEntity, operation: WebhookOperation): AuditAction[] =>
  (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((action) => {
    const event = webhookEventOf(action);
    return event?.entity === entity && event.operation === operation;
  });
