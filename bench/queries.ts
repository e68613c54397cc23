// `npm run bench:queries`: the console's lists and charts that must stay fast at scale, measured on a migrated
// in-memory PGlite (or the PostgreSQL in DATABASE_URL): API Management with 10,000 people who have keys, the Audit Log
// with 1,000,000 events, and the usage charts over 1,000,000 access-log entries (30 days, 20 keys). Each query runs REPEAT times after a warm-up; the table gives p50 and max in milliseconds.
import { eq, sql } from "drizzle-orm";
import { listApiAccessPeople } from "@/db/queries/api-management";
import { listAuditEvents } from "@/db/queries/audit";
import { getUsage } from "@/db/queries/usage";
import { users } from "@/db/schema";
import { auditFiltersSchema } from "@/lib/validators/audit";
import { createOrganization } from "@/lib/testing/fixtures";
import { createTestDatabase } from "@/lib/testing/test-database";

const PEOPLE = Number(process.env.BENCH_PEOPLE || 10_000);
const EVENTS = Number(process.env.BENCH_EVENTS || 1_000_000);
const ACCESS_LOGS = Number(process.env.BENCH_ACCESS_LOGS || 1_000_000);
const KEYS = 20;
const REPEAT = 20;

async function measure(label: string, run: () => Promise<unknown>) {
  await run();
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} ${times[REPEAT >> 1]!.toFixed(1).padStart(8)} ${times[REPEAT - 1]!.toFixed(1).padStart(8)}`);
}

const t = await createTestDatabase();
const { db } = t;
console.log(`Seeding ${PEOPLE} people with keys and ${EVENTS} audit events (${t.driver})…`);
const { org } = await createOrganization(db, "bench", []);
await db.execute(sql`
  insert into users (organization_id, name, email)
  select ${org.id}, 'Person ' || lpad(i::text, 5, '0'), 'p' || i || '@bench.test' from generate_series(1, ${PEOPLE}) i`);
await db.execute(sql`
  insert into personal_api_keys (organization_id, user_id, key_hash, prefix)
  select organization_id, id, md5(id::text), 'kwpk_' || substr(md5(id::text), 1, 8) from users where organization_id = ${org.id}`);
const [person] = await db.select({ id: users.id }).from(users).where(eq(users.organizationId, org.id)).limit(1);
await db.execute(sql`
  insert into audit_events (organization_id, actor_type, actor_id, actor_label, action, target_type, target_id, target_label, created_at)
  select ${org.id}, 'user', ${person?.id ?? null}, 'Person 00001',
         (array['person.roles_updated','api_key.created','api_key.archived','webhook.updated'])[1 + i % 4],
         (array['person','api_key','api_key','webhook'])[1 + i % 4], i::text, 'Target ' || i,
         now() - (i || ' seconds')::interval
  from generate_series(1, ${EVENTS}) i`);
// Access-log entries spread over 30 days and 20 keys (two codes each), about 1 in 10 refused and 1 in 100 failing,
// and their hourly counts made as the writer makes them (lib/access-log/rollup.ts): per organisation, key, credential,
// code prefix, UTC hour and status class.
await db.execute(sql`
  insert into api_keys (organization_id, public_id, name)
  select ${org.id}, 'bench_key_' || k, 'Bench key ' || k from generate_series(1, ${KEYS}) k`);
await db.execute(sql`
  insert into access_logs (organization_id, api_key_id, access_code_prefix, credential_kind, credential_id, method, path, status, duration_ms, created_at)
  select ${org.id}, k.id, 'kwak_' || (i % 2), 'access_code', k.id::text || (i % 2), 'GET', '/api/v1/me',
         case when i % 100 = 0 then 503 when i % 10 = 0 then 403 else 200 end, 3,
         now() - ((i::float / ${ACCESS_LOGS}) * interval '30 days')
  from generate_series(1, ${ACCESS_LOGS}) i
  join (select id, row_number() over (order by public_id) - 1 as n from api_keys where organization_id = ${org.id}) k on k.n = i % ${KEYS}`);
await db.execute(sql`
  insert into access_log_rollups (organization_id, hour, api_key_id, credential_kind, credential_id, access_code_prefix, status_class, requests)
  select organization_id, date_trunc('hour', created_at, 'UTC'), api_key_id, credential_kind, credential_id, access_code_prefix, status / 100, count(*)
  from access_logs where organization_id = ${org.id} group by 1, 2, 3, 4, 5, 6, 7`);
await db.execute(sql`analyze`);
const [benchKey] = await db.execute(sql`select id from api_keys where organization_id = ${org.id} order by public_id limit 1`).then((r) =>
  (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { id: string }[],
);

console.log(`\n${"query".padEnd(58)} ${"p50 ms".padStart(8)} ${"max ms".padStart(8)}`);
await measure("API Management: first page, by name", () => listApiAccessPeople(db, org.id, {}));
await measure("API Management: page 400, by last used", () => listApiAccessPeople(db, org.id, { sort: "last_used", dir: "desc", page: 400 }));
await measure("API Management: search 'Person 0999'", () => listApiAccessPeople(db, org.id, { q: "Person 0999" }));

const filters = (extra: Record<string, string>) => auditFiltersSchema.parse(extra);
const first = await listAuditEvents(db, org.id, filters({}));
await measure("Audit Log: newest page of 50", () => listAuditEvents(db, org.id, filters({})));
// Page 200, or the last page of a smaller BENCH_EVENTS: a cursor page needs at least two pages of events.
const PAGE = filters({}).limit;
const page = Math.min(200, Math.ceil(EVENTS / PAGE));
let deep = first.nextCursor;
for (let i = 2; i < page && deep; i++) deep = (await listAuditEvents(db, org.id, filters({ cursor: deep }))).nextCursor;
if (deep && page >= 2) {
  const cursor = deep;
  await measure(`Audit Log: page ${page} by cursor (${Math.min(page * PAGE, EVENTS).toLocaleString("en")} events deep)`, () =>
    listAuditEvents(db, org.id, filters({ cursor })),
  );
}
await measure("Audit Log: filtered to action api_key.archived", () =>
  listAuditEvents(db, org.id, filters({ action: "api_key.archived" })),
);
await measure("Audit Log: filtered to one day, a week back", () =>
  listAuditEvents(db, org.id, filters({ from: new Date(Date.now() - 8 * 86400_000).toISOString(), to: new Date(Date.now() - 7 * 86400_000).toISOString() })),
);
await measure("Usage chart: organisation, 30 days", () => getUsage(db, org.id, { kind: "organization" }, "30d"));
await measure("Usage chart: organisation, 24 hours", () => getUsage(db, org.id, { kind: "organization" }, "24h"));
await measure("Usage chart: one key, 30 days", () => getUsage(db, org.id, { kind: "api_key", apiKeyId: benchKey!.id }, "30d"));
await measure("Usage chart: one key, 24 hours", () => getUsage(db, org.id, { kind: "api_key", apiKeyId: benchKey!.id }, "24h"));
await t.close();
