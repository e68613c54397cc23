// `npm run bench:queries`: the console's two lists that must stay fast at scale, measured on a migrated in-memory
// PGlite (or the PostgreSQL in DATABASE_URL): API Management with 10,000 people who have keys, and the Audit Log with
// 1,000,000 events. Each query runs REPEAT times after a warm-up; the table gives p50 and max in milliseconds.
import { eq, sql } from "drizzle-orm";
import { listApiAccessPeople } from "@/db/queries/api-management";
import { listAuditEvents } from "@/db/queries/audit";
import { users } from "@/db/schema";
import { auditFiltersSchema } from "@/lib/validators/audit";
import { createOrganization } from "@/lib/testing/fixtures";
import { createTestDatabase } from "@/lib/testing/test-database";

const PEOPLE = Number(process.env.BENCH_PEOPLE || 10_000);
const EVENTS = Number(process.env.BENCH_EVENTS || 1_000_000);
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
await db.execute(sql`analyze`);

console.log(`\n${"query".padEnd(58)} ${"p50 ms".padStart(8)} ${"max ms".padStart(8)}`);
await measure("API Management: first page, by name", () => listApiAccessPeople(db, org.id, {}));
await measure("API Management: page 400, by last used", () => listApiAccessPeople(db, org.id, { sort: "last_used", dir: "desc", page: 400 }));
await measure("API Management: search 'Person 0999'", () => listApiAccessPeople(db, org.id, { q: "Person 0999" }));

const filters = (extra: Record<string, string>) => auditFiltersSchema.parse(extra);
const first = await listAuditEvents(db, org.id, filters({}));
await measure("Audit Log: newest page of 50", () => listAuditEvents(db, org.id, filters({})));
let deep = first.nextCursor;
for (let i = 0; i < 200 && deep; i++) deep = (await listAuditEvents(db, org.id, filters({ cursor: deep }))).nextCursor;
await measure("Audit Log: page 200 by cursor (10,000 events deep)", () =>
  listAuditEvents(db, org.id, filters({ cursor: deep! })),
);
await measure("Audit Log: filtered to action api_key.archived", () =>
  listAuditEvents(db, org.id, filters({ action: "api_key.archived" })),
);
await measure("Audit Log: filtered to one day, a week back", () =>
  listAuditEvents(db, org.id, filters({ from: new Date(Date.now() - 8 * 86400_000).toISOString(), to: new Date(Date.now() - 7 * 86400_000).toISOString() })),
);
await t.close();
