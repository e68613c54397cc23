import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { NewAccessLog } from "@/db/schema";

const HOUR_MS = 3_600_000;

/** 1xx to 5xx; a status outside that range (never sent by the API, but the column is only an integer) counts as 5xx. */
export const statusClassOf = (status: number) => Math.min(5, Math.max(1, Math.floor(status / 100)));

interface Bucket {
  organizationId: string;
  hour: Date;
  apiKeyId: string | null;
  credentialKind: string | null;
  credentialId: string | null;
  accessCodePrefix: string | null;
  statusClass: number;
  requests: number;
}

/** The batch's rows counted per bucket, in one order for every writer: concurrent upserts lock rows alike, never crosswise. */
export function bucketsOf(rows: NewAccessLog[]): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const row of rows) {
    const at = row.createdAt instanceof Date ? row.createdAt : new Date();
    const bucket: Bucket = {
      organizationId: row.organizationId,
      hour: new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS),
      apiKeyId: row.apiKeyId ?? null,
      credentialKind: row.credentialKind ?? null,
      credentialId: row.credentialId ?? null,
      accessCodePrefix: row.accessCodePrefix ?? null,
      statusClass: statusClassOf(row.status),
      requests: 0,
    };
    const key = JSON.stringify([bucket.organizationId, bucket.hour.getTime(), bucket.apiKeyId, bucket.credentialKind, bucket.credentialId, bucket.accessCodePrefix, bucket.statusClass]);
    const existing = buckets.get(key) ?? buckets.set(key, bucket).get(key)!;
    existing.requests++;
  }
  return [...buckets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, bucket]) => bucket);
}

/**
 * Adds the rows to the hourly counts; call it in the transaction that inserts them, so counts and log never diverge.
 * An OAuth token's requests are counted under the company credentials that issued it (joined here: the log records
 * the token); a token that is gone keeps its own kind and id, so its requests still add up in the organisation total.
 */
export async function addToRollups(tx: Executor, rows: NewAccessLog[]): Promise<void> {
  const buckets = bucketsOf(rows);
  if (buckets.length === 0) return;
  const values = sql.join(
    buckets.map(
      (b) =>
        sql`(${b.organizationId}::uuid, ${b.hour.toISOString()}::timestamptz, ${b.apiKeyId}::uuid, ${b.credentialKind}::text, ${b.credentialId}::text, ${b.credentialKind === "oauth_token" ? b.credentialId : null}::uuid, ${b.accessCodePrefix}::text, ${b.statusClass}::smallint, ${b.requests}::integer)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    insert into access_log_rollups as r (organization_id, hour, api_key_id, credential_kind, credential_id, access_code_prefix, status_class, requests)
    select v.organization_id, v.hour, v.api_key_id,
      case when t.id is null then v.credential_kind else 'company_credentials' end,
      coalesce(t.credential_id::text, v.credential_id),
      v.access_code_prefix, v.status_class, sum(v.requests)
    from (values ${values}) as v(organization_id, hour, api_key_id, credential_kind, credential_id, token_id, access_code_prefix, status_class, requests)
    left join oauth_access_tokens t on t.id = v.token_id
    group by 1, 2, 3, 4, 5, 6, 7
    order by 1, 2, 3, 4, 5, 6, 7
    on conflict on constraint access_log_rollups_bucket do update set requests = r.requests + excluded.requests`);
}
