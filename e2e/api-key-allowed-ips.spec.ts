import type { APIRequestContext } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures";
import { createKey, expectRefusalLoggedAndChangeAudited } from "./support/api-keys";

// Loopback is a trusted proxy of the e2e server (playwright.config.ts), so X-Forwarded-For chooses the client
// address each request comes from, as a load balancer in front of Keyward would.
test.use({ storageState: storageStateFor("admin") });

const from = (address: string, secret: string) => ({ headers: { "X-Forwarded-For": address, "X-API-Key": secret } });

const ALLOWED = ["203.0.113.7", "198.51.100.0/24", "2001:db8::/32"];

const ADDRESSES: [string, string, number][] = [
  ["an allowed IPv4 address", "203.0.113.7", 200],
  ["the next IPv4 address", "203.0.113.8", 403],
  ["an IPv4 address inside the CIDR range", "198.51.100.250", 200],
  ["an IPv4 address just outside the CIDR range", "198.51.101.1", 403],
  ["an IPv6 address inside the IPv6 range", "2001:db8:1::9", 200],
  ["an IPv6 address outside the IPv6 range", "2001:db9::1", 403],
  ["the allowed IPv4 address written IPv4-mapped", "::ffff:203.0.113.7", 200],
];

async function me(request: APIRequestContext, address: string, secret: string) {
  return request.get("/api/v1/me", from(address, secret));
}

test("An Administrator limits a key to some addresses in Details: a bad line gets a field error, and requests from elsewhere get 403", async ({
  page,
  request,
}) => {
  const { name, keyId, secret } = await createKey(page, { policies: ["users:read", "keys:read"] });
  const field = page.getByRole("textbox", { name: "Allowed IP addresses" });
  await expect(field).toHaveValue("");
  expect((await me(request, "192.0.2.55", secret)).status()).toBe(200);

  await field.fill("203.0.113.7\n10.0.0.300");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/Line 2, "10\.0\.0\.300", is not an IPv4 or IPv6 address/);
  expect((await me(request, "192.0.2.55", secret)).status()).toBe(200);

  await field.fill(ALLOWED.join("\n"));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("API key saved")).toBeVisible();
  await page.reload();
  await expect(field).toHaveValue(ALLOWED.join("\n"));

  for (const [what, address, status] of ADDRESSES) {
    const response = await me(request, address, secret);
    expect(response.status(), what).toBe(status);
    if (status === 403) {
      expect(response.headers()["content-type"], what).toBe("application/problem+json");
      expect(await response.json(), what).toMatchObject({
        status: 403,
        reason: "ip_not_allowed",
        detail: expect.stringContaining("does not allow requests from your IP address"),
      });
    }
  }
  // Whichever way the access code travels.
  const byQuery = await request.get(`/api/v1/me?apiKey=${encodeURIComponent(secret)}`, { headers: { "X-Forwarded-For": "192.0.2.1" } });
  expect(byQuery.status()).toBe(403);
  const byBearer = await request.get("/api/v1/users", { headers: { "X-Forwarded-For": "192.0.2.1", Authorization: `Bearer ${secret}` } });
  expect(byBearer.status()).toBe(403);

  await expectRefusalLoggedAndChangeAudited(page, { keyId, name, status: 403 });
});

test("The API reads a key's allowed IP addresses, refuses to change them without keys:write, and keys/verify checks the caller's address", async ({
  page,
  request,
}) => {
  const { keyId, secret } = await createKey(page, { policies: ["keys:read"] });
  const field = page.getByRole("textbox", { name: "Allowed IP addresses" });
  await field.fill("198.51.100.0/24\n2001:db8::1");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("API key saved")).toBeVisible();

  const read = await request.get(`/api/v1/api-keys/${keyId}`, from("198.51.100.3", secret));
  expect(read.status()).toBe(200);
  expect((await read.json()).allowedIps).toEqual(["198.51.100.0/24", "2001:db8::1"]);

  const widen = await request.patch(`/api/v1/api-keys/${keyId}`, { ...from("198.51.100.3", secret), data: { allowedIps: [] } });
  expect(widen.status()).toBe(403);
  expect(await widen.json()).toMatchObject({ policy: "keys:write" });
  await page.reload();
  await expect(field).toHaveValue("198.51.100.0/24\n2001:db8::1");

  // A gateway sends the caller's address; each check from an address of its own, away from the per-address limit.
  const verify = (ip?: string) =>
    request.post("/api/v1/keys/verify", { headers: { "X-Forwarded-For": "192.0.2.201" }, data: { key: secret, ...(ip ? { ip } : {}) } });
  expect(await (await verify("198.51.100.9")).json()).toMatchObject({ valid: true, keyId });
  expect(await (await verify("2001:db8::1")).json()).toMatchObject({ valid: true, keyId });
  expect(await (await verify("192.0.2.1")).json()).toEqual({ valid: false, code: "IP_NOT_ALLOWED" });
  expect(await (await verify()).json()).toMatchObject({ valid: true });
  const bad = await verify("not-an-address");
  expect(bad.status()).toBe(422);
});
