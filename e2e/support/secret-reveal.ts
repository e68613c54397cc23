import { expect, type Page } from "@playwright/test";

/**
 * Reads a secret from the secret reveal dialog titled `dialog`, from its field `field` (the value must match
 * `format`), copies it with the button `copy` (so Done closes at once) and closes the dialog.
 */
export async function keepRevealedSecret(
  page: Page,
  { dialog, field, copy, format }: { dialog: string; field: string; copy: string; format: RegExp },
): Promise<string> {
  const reveal = page.getByRole("dialog", { name: dialog });
  const input = reveal.getByRole("textbox", { name: field });
  await expect(input).toHaveValue(format);
  const secret = await input.inputValue();
  await reveal.getByRole("button", { name: copy }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  return secret;
}
