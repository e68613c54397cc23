/** Webhook vocabulary, shared by the schema, the validators, the forms and the API (public names: never rename). */
export const WEBHOOK_ENTITIES = ["User", "ApiKey", "AccessCode", "CompanyCredentials", "PersonalApiKey", "Webhook"] as const;
/** Expiring (14 and 3 days before) and Expired come from the expiry job, for access codes and personal keys. */
export const WEBHOOK_OPERATIONS = ["Create", "Update", "Delete", "Expiring", "Expired"] as const;
export const WEBHOOK_STATUSES = ["On", "Off"] as const;

export type WebhookEntity = (typeof WEBHOOK_ENTITIES)[number];
export type WebhookOperation = (typeof WEBHOOK_OPERATIONS)[number];
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/** The type of a test delivery (Send test event): one no subscription receives otherwise. */
export const TEST_EVENT_TYPE = "Webhook.Test";

/** Why Off webhooks get no resend or test event: an Off webhook sends nothing. */
export const WEBHOOK_OFF_RESEND = "This webhook is Off, so a resend would not be sent. Switch it On to resend.";
export const WEBHOOK_OFF_TEST = "This webhook is Off, so a test event would not be sent. Switch it On first.";
