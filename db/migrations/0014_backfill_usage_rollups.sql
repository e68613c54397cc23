-- Hourly counts for the access-log rows written before the counts existed (or by an instance still running the code
-- from before them). Since then every batch of rows and its counts have been written in one transaction, so a bucket
-- never counts more than its raw rows, except where pruning has deleted raw rows (it keeps the counts): each bucket
-- gets max(0, raw rows - count), bucketed exactly as lib/access-log/rollup.ts buckets them.
-- Safe while the API serves and when run again: one statement reads one snapshot, so a batch committed meanwhile is
-- in it whole (rows and counts) or not at all, and ON CONFLICT adds the difference to the row as it is by then,
-- keeping that batch's increment. Rows are locked in the writer's order, so the two never wait on each other crosswise.
-- An OAuth token counts under the company credentials that issued it while its row exists, under itself once gone
-- (tokens are deleted a day after they expire): a token deleted since the writer counted its rows now buckets them
-- apart from their count. So the difference is taken over each hour's company side as a whole (every token and
-- company credential of the same organisation, hour and status class), and what it lacks goes to its buckets short of
-- their raw rows, in a fixed order.
insert into access_log_rollups as r (organization_id, hour, api_key_id, credential_kind, credential_id, access_code_prefix, status_class, requests)
select organization_id, hour, api_key_id, credential_kind, credential_id, access_code_prefix, status_class, least(short, missing - short_before)
from (
  select b.*,
    greatest(0, b.raw - b.counted) as short,
    greatest(0, sum(b.raw - b.counted) over side) as missing,
    coalesce(sum(greatest(0, b.raw - b.counted)) over (side order by b.credential_kind, b.credential_id rows between unbounded preceding and 1 preceding), 0) as short_before
  from (
    select organization_id, hour, api_key_id, credential_kind, credential_id, access_code_prefix, status_class,
      sum(raw) as raw, sum(counted) as counted,
      coalesce(credential_kind in ('company_credentials', 'oauth_token'), false) as company_side
    from (
      select l.organization_id,
        date_trunc('hour', l.created_at at time zone 'UTC') at time zone 'UTC' as hour,
        l.api_key_id,
        case when t.id is null then l.credential_kind else 'company_credentials' end as credential_kind,
        coalesce(t.credential_id::text, l.credential_id) as credential_id,
        l.access_code_prefix,
        least(5, greatest(1, l.status / 100))::smallint as status_class,
        count(*) as raw,
        0 as counted
      from access_logs l
      left join oauth_access_tokens t on l.credential_kind = 'oauth_token' and t.id::text = l.credential_id
      group by 1, 2, 3, 4, 5, 6, 7
      union all
      select organization_id, hour, api_key_id, credential_kind, credential_id, access_code_prefix, status_class, 0, requests
      from access_log_rollups
    ) c
    group by organization_id, hour, api_key_id, credential_kind, credential_id, access_code_prefix, status_class
  ) b
  window side as (
    partition by b.organization_id, b.hour, b.api_key_id, b.access_code_prefix, b.status_class, b.company_side,
      case when b.company_side then null else b.credential_kind end,
      case when b.company_side then null else b.credential_id end
  )
) d
where least(short, missing - short_before) > 0
order by 1, 2, 3, 4, 5, 6, 7
on conflict on constraint access_log_rollups_bucket do update set requests = r.requests + excluded.requests;
