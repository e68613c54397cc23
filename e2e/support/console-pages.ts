import type { PersonKey } from "../fixtures";

/** Ids of the records that detail pages need; e2e/screens.spec.ts creates them before the sweep. */
export interface ScreensData {
  /** An Acme API key with a long name, tags, policies and two access codes. */
  keyId: string;
  /** An access-log entry of that key's requests. */
  accessLogId: string;
  /** Gus Globex: his personal key has a webhook with a delivery. */
  globexUserId: string;
  webhookId: string;
}

export interface ConsolePage {
  name: string;
  path: (data: ScreensData) => string;
  /** The demo people who may see it (PRODUCT.md's roles); detail pages only in the organisation that owns the data. */
  people: readonly PersonKey[];
}

const EVERYONE = ["admin", "lead", "member", "globex"] as const;
const ADMINISTRATORS = ["admin", "globex"] as const;

/** Every page under app/(console), with who may see it. */
export const CONSOLE_PAGES: readonly ConsolePage[] = [
  { name: "Profile", path: () => "/profile", people: EVERYONE },
  { name: "Account Settings", path: () => "/profile/account-settings", people: EVERYONE },
  { name: "API Access", path: () => "/profile/api-access", people: EVERYONE },
  { name: "own webhook's delivery log", path: (d) => `/profile/api-access/webhooks/${d.webhookId}`, people: ["globex"] },
  { name: "Administration (opens API Keys)", path: () => "/admin", people: ADMINISTRATORS },
  { name: "API Keys", path: () => "/admin/api-keys", people: ADMINISTRATORS },
  { name: "key Details", path: (d) => `/admin/api-keys/${d.keyId}`, people: ["admin"] },
  { name: "key Access Codes", path: (d) => `/admin/api-keys/${d.keyId}/access-codes`, people: ["admin"] },
  { name: "key Usage", path: (d) => `/admin/api-keys/${d.keyId}/usage`, people: ["admin"] },
  { name: "key Logs", path: (d) => `/admin/api-keys/${d.keyId}/logs`, people: ["admin"] },
  { name: "API Management", path: () => "/admin/api-management?access=all", people: ADMINISTRATORS },
  { name: "person's API access", path: (d) => `/admin/api-management/${d.globexUserId}`, people: ["globex"] },
  {
    name: "person's webhook delivery log",
    path: (d) => `/admin/api-management/${d.globexUserId}/webhooks/${d.webhookId}`,
    people: ["globex"],
  },
  { name: "Access Logs", path: () => "/admin/access-logs", people: ADMINISTRATORS },
  { name: "access-log entry", path: (d) => `/admin/access-logs/${d.accessLogId}`, people: ["admin"] },
  { name: "Audit Log", path: () => "/admin/audit-log", people: ADMINISTRATORS },
  { name: "People", path: () => "/admin/people", people: EVERYONE },
  { name: "Settings", path: () => "/admin/settings", people: ADMINISTRATORS },
];
