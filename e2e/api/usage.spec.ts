import { expect, storageStateFor, test } from "../fixtures";
import { createKey } from "../support/api-keys";

test.use({ storageState: storageStateFor("admin") });

const OK = 4;
const REFUSED = 3;

interface Usage {
  range: string;
  from: string;
  to: string;
  buckets: { start: string; "2xx": number; "4xx": number; "5xx": number }[];
  totals: { "2xx": number; "4xx": number; "5xx": number; all: number };
}

test("An integration with keys:read reads how often a key was used, by status class, as the key's Usage tab shows it", async ({
  page,
  request,
}) => {
  // Two keys made in the console, seven calls, then polling until the writer's batch is in.
  test.slow();
  const used = await createKey(page, { policies: ["keys:read"] });
  for (let i = 0; i < OK; i++) expect((await request.get("/api/v1/me", { headers: { "X-API-Key": used.secret } })).status()).toBe(200);
  // users:read is not among its policies: 403, counted as 4xx.
  for (let i = 0; i < REFUSED; i++) expect((await request.get("/api/v1/users", { headers: { "X-API-Key": used.secret } })).status()).toBe(403);
  // Another key reads, so that the reads are not counted in what they read.
  const reader = await createKey(page, { policies: ["keys:read"] });
  const read = async (query: string) => {
    const response = await request.get(`/api/v1/usage?${query}`, { headers: { "X-API-Key": reader.secret } });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as Usage;
  };

  // The access log and its counts are written in batches, a moment after the requests.
  await expect.poll(async () => (await read(`keyId=${used.keyId}`)).totals).toEqual({ "2xx": OK, "4xx": REFUSED, "5xx": 0, all: OK + REFUSED });
  const day = await read(`keyId=${used.keyId}`);
  expect(day.range).toBe("24h");
  expect(day.buckets).toHaveLength(24);
  expect(day.buckets[0]!.start).toBe(day.from);
  expect(new Date(day.to).getTime() - new Date(day.from).getTime()).toBe(24 * 3_600_000);
  expect(day.buckets.reduce((sum, bucket) => sum + bucket["2xx"] + bucket["4xx"] + bucket["5xx"], 0)).toBe(OK + REFUSED);

  const month = await read(`range=30d&keyId=${used.keyId}`);
  expect(month.buckets).toHaveLength(30);
  expect(month.totals).toEqual(day.totals);
  // The whole organisation counts this key's requests among others'; the company credentials' count is apart.
  expect((await read("")).totals.all).toBeGreaterThanOrEqual(OK + REFUSED);
  expect((await read("credential=company_credentials")).buckets).toHaveLength(24);

  await page.goto(`/admin/api-keys/${used.keyId}/usage`);
  await expect(
    page.getByRole("region", { name: "Requests" }).getByText(`${OK + REFUSED} requests in the last 24 hours: ${OK} 2xx, ${REFUSED} 4xx, 0 5xx`),
  ).toBeVisible();
});

test("Usage queries that are not valid are refused with a message on the field, another organisation's key included", async ({
  page,
  browser,
  request,
}) => {
  const { secret } = await createKey(page, { policies: ["keys:read"] });
  const globex = await browser.newContext({ storageState: storageStateFor("globex") });
  const foreign = await createKey(await globex.newPage());
  await globex.close();
  const cases: [string, string][] = [
    ["range=7d", "range"],
    ["range=", "range"],
    ["keyId=nope", "keyId"],
    ["keyId=kwk_000000000000000000000000", "keyId"],
    [`keyId=${foreign.keyId}`, "keyId"],
    ["credential=everything", "credential"],
    [`keyId=${foreign.keyId}&credential=personal_keys`, "credential"],
  ];
  for (const [query, field] of cases) {
    const response = await request.get(`/api/v1/usage?${query}`, { headers: { "X-API-Key": secret } });
    expect(response.status(), query).toBe(422);
    expect(response.headers()["content-type"], query).toContain("application/problem+json");
    const body = (await response.json()) as { errors: Record<string, string[]> };
    expect(Object.keys(body.errors), query).toEqual([field]);
  }
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("A credential without keys:read is refused the usage with 403 naming the policy, and no credential with 401", async ({ page, request }) => {
  const { secret } = await createKey(page, { policies: ["users:read"] });
  const forbidden = await request.get("/api/v1/usage", { headers: { "X-API-Key": secret } });
  expect(forbidden.status()).toBe(403);
  expect(await forbidden.json()).toMatchObject({ policy: "keys:read" });

  const anonymous = await request.get("/api/v1/usage");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toContain("Bearer");
  expect(anonymous.headers()["content-type"]).toContain("application/problem+json");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
