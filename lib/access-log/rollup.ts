import "server-only";
import { sql, type SQL } from "drizzle-orm";

/**
 * Adds the access-log rows that `logged` returns (the `RETURNING` of their insert, in the same statement) to the hourly
 * counts, so counts and log are written together or not at all. Buckets: the row's hour in UTC and its status divided
 * by 100, from 1 to 5 (a status outside that range, never sent by the API, counts as 1xx or 5xx). An OAuth token's
 * requests are counted under the company credentials that issued it (joined here: the log records the token); a token
 * that is gone keeps its own kind and id, so its requests still add up in the organisation total. Rows are locked in
 * one order by every writer, so concurrent batches never wait on each other crosswise.
 */
export function addToRollups(logged: SQL): SQL {
  return sql`
    insert into access_log_rollups as r (organization_id, hour, api_key_id, credential_kind, credential_id, access_code_prefix, status_class, requests)
    select l.organization_id,
      date_trunc('hour', l.created_at at time zone 'UTC') at time zone 'UTC',
      l.api_key_id,
      case when t.id is null then l.credential_kind else 'company_credentials' end,
      coalesce(t.credential_id::text, l.credential_id),
      l.access_code_prefix,
      least(5, greatest(1, l.status / 100))::smallint,
      count(*)
    from ${logged} l
    left join oauth_access_tokens t on t.id = case when l.credential_kind = 'oauth_token' then l.credential_id::uuid end
    group by 1, 2, 3, 4, 5, 6, 7
    order by 1, 2, 3, 4, 5, 6, 7
    on conflict on constraint access_log_rollups_bucket do update set requests = r.requests + excluded.requests`;
}
