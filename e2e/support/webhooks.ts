import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { keepRevealedSecret } from "./secret-reveal";

/** A webhook URL no other test uses (loopback is allowed in tests; nothing listens on port 9). */
export const uniqueHookUrl = (owner: string) => `https://127.0.0.1:9/${owner}/${randomBytes(4).toString("hex")}`;

/** Adds a Webhook Update webhook on the signed-in person's API Access tab; returns the signing secret shown once. */
export async function addWebhookInConsole(page: Page, url: string): Promise<string> {
  await page.goto("/profile/api-access");
  await page.getByRole("button", { name: "Add webhook" }).click();
  const form = page.getByRole("dialog", { name: "Add webhook" });
  await form.getByLabel("URL").fill(url);
  await form.getByLabel("Entity").selectOption("Webhook");
  await form.getByLabel("Operation Type").selectOption("Update");
  await form.getByRole("button", { name: "Add webhook" }).click();
  return keepSigningSecret(page);
}

/** Reads the signing secret from the secret reveal dialog, copies it (so Done closes at once) and closes it. */
export const keepSigningSecret = (page: Page) => keepRevealedSecret(page, { dialog: "Webhook signing secret", field: "Signing secret", copy: "Copy signing secret", format: /^whsec_/ });
