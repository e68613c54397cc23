/** Webhook vocabulary, shared by the schema, the validators, the forms and the API (public names: never rename). */
export const WEBHOOK_ENTITIES = ["User", "ApiKey", "AccessCode", "CompanyCredentials", "PersonalApiKey", "Webhook"] as const;
export const WEBHOOK_OPERATIONS = ["Create", "Update", "Delete"] as const;
export const WEBHOOK_STATUSES = ["On", "Off"] as const;

export type WebhookEntity = (typeof WEBHOOK_ENTITIES)[number];
export type WebhookOperation = (typeof WEBHOOK_OPERATIONS)[number];
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];
