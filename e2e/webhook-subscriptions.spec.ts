import { expect, storageStateFor, test } from "./fixtures";
import { nextActionRequest, replayAction } from "./support/replay";

// Max Member's own webhooks: what the Crelate article's webhook form offers someone who cannot see API keys.
test.use({ storageState: storageStateFor("member") });

test("Following the Crelate article, a Member adding a webhook is offered only what can reach them, each operation saying what triggers it, and a replayed ApiKey subscription is refused", async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.goto("/profile/api-access");
  await page.getByRole("button", { name: "Add webhook" }).click();
  const form = page.getByRole("dialog", { name: "Add webhook" });
  const entity = form.getByLabel("Entity");
  const operation = form.getByLabel("Operation Type");

  await expect(entity.getByRole("option", { name: "ApiKey (not available to you)" })).toBeDisabled();
  await expect(entity.getByRole("option", { name: "AccessCode (not available to you)" })).toBeDisabled();
  const refused = form.getByRole("list", { name: "Entities not available to you" });
  await expect(refused).toContainText("Only Administrators receive ApiKey events: you cannot see ApiKey changes.");

  // Nothing adds people to an organisation or removes them, so User offers Update alone.
  await entity.selectOption("User");
  await expect(operation.getByRole("option")).toHaveText(["Update"]);
  await expect(operation).toHaveAccessibleDescription("Triggered by: changing a person's roles.");

  await entity.selectOption("PersonalApiKey");
  // Create, Update and Delete, and the expiry job's Expiring and Expired.
  await expect(operation.getByRole("option")).toHaveCount(5);
  await operation.selectOption("Expiring");
  await expect(operation).toHaveAccessibleDescription("Triggered by: the key expiring in 14 days, and again in 3 days.");
  await operation.selectOption("Update");
  await expect(operation).toHaveAccessibleDescription("Triggered by: Regenerate New Key (Regenerate is an Update).");

  await entity.selectOption("CompanyCredentials");
  await operation.selectOption("Update");
  await expect(operation).toHaveAccessibleDescription("Triggered by: rolling the client secret.");

  await entity.selectOption("User");
  const url = `http://127.0.0.1:9/member-${Date.now()}/users`;
  await form.getByLabel("URL").fill(url);
  const added = nextActionRequest(page);
  await form.getByRole("button", { name: "Add webhook" }).click();
  const addRequest = await added;
  const reveal = page.getByRole("dialog", { name: "Webhook signing secret" });
  await reveal.getByRole("button", { name: "Copy signing secret" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row").filter({ hasText: url })).toContainText("User");

  // The server refuses what the form greys out, whatever the browser sends.
  const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
  const keysUrl = url.replace("/users", "/keys");
  const body = (addRequest.postData() ?? "").replace(url, keysUrl).replace('"entity":"User"', '"entity":"ApiKey"');
  const replayed = await replayAction(asMember, addRequest, body);
  expect(await replayed.text()).toContain("Only Administrators receive ApiKey events");
  const userCreate = (addRequest.postData() ?? "").replace(url, keysUrl).replace('"operationType":"Update"', '"operationType":"Create"');
  expect(await (await replayAction(asMember, addRequest, userCreate)).text()).toContain("Nothing in Keyward emits User Create events");
  await asMember.dispose();
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: keysUrl })).toHaveCount(0);
});
