import { expect, test } from "./fixtures";

type Document = { paths: Record<string, Record<string, { summary?: string; operationId?: string }>> };
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("A visitor without an account reads the API reference, with every operation of the OpenAPI document", async ({
  page,
  request,
  baseURL,
}) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = (await response.json()) as Document;
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, summary: operation.summary! })),
  );
  expect(operations.length).toBeGreaterThan(0);
  // One sidebar visit per operation: the time this takes grows with the API, not with anything under test.
  test.setTimeout(30_000 + operations.length * 5_000);

  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  const violations: string[] = [];
  page.on("request", (sent) => {
    const url = new URL(sent.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.origin !== origin) foreign.push(sent.url());
  });
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });

  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "Keyward API" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the console" })).toHaveAttribute("href", "/profile");

  // Scalar's sidebar lists each operation; following the link renders that operation with its path.
  const reference = page.getByRole("region", { name: "Reference" });
  for (const { path, method, summary } of operations) {
    const where = `${method.toUpperCase()} ${path}`;
    const link = reference
      .getByRole("complementary")
      // Scalar abbreviates some methods in the sidebar (DELETE shows as DEL).
      .getByRole("link", { name: new RegExp(`^${escapeRegExp(summary)} HTTP Method: ${method.toUpperCase().slice(0, 3)}`) });
    await expect(link, where).toBeVisible();
    await link.click();
    const operation = reference.getByRole("main").getByRole("heading", { name: summary, exact: true });
    await expect(operation, where).toBeVisible();
    await expect(reference.getByRole("main").getByText(path, { exact: true }).first(), where).toBeVisible();
  }

  expect(foreign, "requests to other origins").toEqual([]);
  expect(violations, "CSP violations").toEqual([]);
});

test("The Getting started guide walks through each kind of credential and every transport", async ({ page }) => {
  await page.goto("/docs/api");
  const guide = page.getByRole("region", { name: "Getting started" });
  for (const heading of [
    "Company API credentials (OAuth client credentials)",
    "Organisation API keys (access codes)",
    "Personal API keys",
    "Six ways to send a credential",
    "Acting for a linking organisation: X-Keyward-Account",
    "Errors",
  ]) {
    await expect(guide.getByRole("heading", { name: heading })).toBeVisible();
  }
  await expect(guide.getByLabel("Request an access token", { exact: true })).toContainText("grant_type=client_credentials");
  for (const transport of ["Authorization: Bearer", "X-API-Key header", "apiKey query parameter", "key query parameter"]) {
    await expect(guide.getByLabel(transport, { exact: true })).toContainText("$KEYWARD/api/v1/me");
  }
  await expect(guide.getByLabel("Act in a linking organisation")).toContainText("X-Keyward-Account: globex");
});

test("An integration downloads the OpenAPI document without a credential", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(response.headers()["cache-control"]).toContain("no-store");
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/v1/me", "/api/health", "/api/v1/openapi.json"]));
  expect(document.components.securitySchemes.ApiKeyHeader).toMatchObject({ type: "apiKey", in: "header", name: "X-API-Key" });
  expect(document.components.securitySchemes.CompanyOAuth.flows.clientCredentials.tokenUrl).toBe("/api/oauth/token");
});
