import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { PEOPLE } from "../fixtures";

/** A name no other test (or worker) uses: specs run in parallel against one server. */
export const uniqueName = (base: string) => `${base} ${randomBytes(4).toString("hex")}`;

export interface KeyOptions {
  name?: string;
  description?: string;
  tags?: string[];
  policies?: string[];
  actsAs?: string;
  logBodies?: boolean;
  customValue?: string;
}

/** Chooses policies in the Policies modal of the open form. */
export async function choosePolicies(page: Page, policies: string[]) {
  await page.getByRole("button", { name: "Choose policies" }).click();
  const modal = page.getByRole("dialog", { name: "Choose policies" });
  for (const policy of policies) await modal.getByRole("checkbox", { name: policy, exact: true }).check();
  await modal.getByRole("button", { name: "Confirm policies" }).click();
  await expect(modal).toBeHidden();
}

/** Opens Create API key and fills it in, without saving. */
export async function fillCreateKeyForm(page: Page, options: KeyOptions) {
  await page.goto("/admin/api-keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name", { exact: true }).fill(options.name ?? uniqueName("Key"));
  if (options.description) await dialog.getByLabel("Description").fill(options.description);
  for (const tag of options.tags ?? []) {
    await dialog.getByRole("textbox", { name: "Tags" }).fill(tag);
    await dialog.getByRole("textbox", { name: "Tags" }).press("Enter");
  }
  if (options.policies?.length) await choosePolicies(page, options.policies);
  if (options.logBodies) await dialog.getByRole("checkbox", { name: "Log request and response bodies" }).check();
  if (options.actsAs) await dialog.getByLabel("Acts as user").selectOption({ label: options.actsAs });
  if (options.customValue !== undefined) {
    await dialog.getByRole("radio", { name: "Custom" }).check();
    await dialog.getByLabel("Custom key value").fill(options.customValue);
  }
  return dialog;
}

/** Creates a key through the console and returns its id and first access code, read from the secret dialog. */
export async function createKey(page: Page, options: KeyOptions = {}) {
  const name = options.name ?? uniqueName("Key");
  const dialog = await fillCreateKeyForm(page, { ...options, name });
  await dialog.getByRole("button", { name: "Save API key" }).click();
  const reveal = page.getByRole("dialog", { name: `Access code for ${name}` });
  // The reveal renders with the refreshed list that the action's answer carries: on a busy server, a page's time.
  await expect(reveal).toBeVisible({ timeout: 30_000 });
  const keyId = await reveal.getByRole("textbox", { name: "API key ID" }).inputValue();
  const secret = await reveal.getByRole("textbox", { name: "Access code" }).inputValue();
  await reveal.getByRole("button", { name: "Copy access code" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return { name, keyId, secret };
}

/**
 * The key's Logs tab lists a refused request with `status` (the access log is written in batches, so it is polled),
 * and the Audit Log has the Administrator's change of the key.
 */
export async function expectRefusalLoggedAndChangeAudited(page: Page, { keyId, name, status }: { keyId: string; name: string; status: number }) {
  await expect(async () => {
    await page.goto(`/admin/api-keys/${keyId}/logs?status=4xx`);
    await expect(page.getByRole("table", { name: "Access log" })).toContainText(String(status), { timeout: 1000 });
  }).toPass();
  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: new RegExp(`${PEOPLE.admin.name} changed the API key ${name}`) }).first()).toBeVisible();
}
