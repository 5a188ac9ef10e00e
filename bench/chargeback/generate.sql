-- Fills the rollups of one tenant as ingest would for a month of ~10 million usage records, directly in SQL (no raw
-- records: chargeback reads only rollups). psql -v tenant=<uuid> -v month=2026-11-01 -f generate.sql
-- Shape: 40 teams, 2,000 keys (each in one team), 8 models with 2 deployments each, 2 price versions on 2 models;
-- 3,100 (team, key, model, deployment, price) combinations active in every hour of the month, 1..8 requests each.
-- The cost is split by token kind (input and output parts adding up to it), as current nodes send it.
\set ON_ERROR_STOP on
BEGIN;
DELETE FROM "UsageRollups" WHERE "TenantId" = :'tenant';
DELETE FROM "UsageTagRollups" WHERE "TenantId" = :'tenant';
COMMIT;
VACUUM "UsageRollups";
VACUUM "UsageTagRollups";
BEGIN;

CREATE TEMP TABLE bench_hours ON COMMIT DROP AS
SELECT
    0::smallint AS granularity,
    (:'month'::timestamptz + make_interval(hours => h)) AS start,
    (k % 40) AS team,
    k AS key,
    m AS model,
    (c % 2) AS deployment,
    CASE WHEN m < 2 AND h >= 360 THEN 'v2' ELSE 'v1' END AS price,
    r AS requests
FROM generate_series(0, (extract(epoch FROM (:'month'::timestamptz + interval '1 month') - :'month'::timestamptz) / 3600)::int - 1) AS h,
     generate_series(0, 3099) AS c,
     LATERAL (SELECT (c * 7 + h * 13) % 2000 AS k, (c * 3 + h) % 8 AS m, 1 + (c * 7 + h) % 8 AS r) AS x;

INSERT INTO "UsageRollups" ("Granularity", "Start", "TenantId", "TeamId", "KeyId", "Model", "DeploymentId", "PriceVersion",
    "Requests", "Errors", "Streams", "InputTokens", "OutputTokens", "CachedInputTokens", "CacheWriteTokens", "ReasoningTokens",
    "CostMicros", "LatencyMsSum", "TtftCount", "TtftMsSum", "RateOutputTokens", "RateMs", "InputCostMicros", "OutputCostMicros")
SELECT granularity, start, :'tenant',
    ('00000000-0000-0000-0000-' || lpad(to_hex(1000000 + team), 12, '0'))::uuid,
    ('00000000-0000-0000-0001-' || lpad(to_hex(key), 12, '0'))::uuid,
    'model-' || model,
    ('00000000-0000-0000-0002-' || lpad(to_hex(model * 2 + deployment), 12, '0'))::uuid,
    'price:model-' || model || ':' || price,
    sum(requests), sum(requests) / 20, sum(requests) / 3, sum(requests * 900), sum(requests * 300), sum(requests * 200), sum(requests * 10),
    sum(requests * 40), sum(requests * (600 + model * 150)), sum(requests * 800.0), sum(requests) / 3, sum(requests * 100.0), sum(requests * 300), sum(requests * 700.0),
    sum(requests * 300), sum(requests * (300 + model * 150))
FROM bench_hours
GROUP BY granularity, start, team, key, model, deployment, price
ORDER BY start; -- ingest writes an hour's rows during that hour: rows of one hour lie together

-- Tags: each combination carries one of 30 cost-centre tags.
INSERT INTO "UsageTagRollups" ("Granularity", "Start", "TenantId", "Tag", "TeamId", "Model", "PriceVersion",
    "Requests", "Errors", "InputTokens", "OutputTokens", "CachedInputTokens", "CacheWriteTokens", "ReasoningTokens", "CostMicros", "InputCostMicros", "OutputCostMicros")
SELECT 0, r."Start", r."TenantId", 'cost-center:' || (abs(hashtext(r."KeyId"::text)) % 30), r."TeamId", r."Model", r."PriceVersion",
    sum(r."Requests"), sum(r."Errors"), sum(r."InputTokens"), sum(r."OutputTokens"), sum(r."CachedInputTokens"), sum(r."CacheWriteTokens"),
    sum(r."ReasoningTokens"), sum(r."CostMicros"), sum(r."InputCostMicros"), sum(r."OutputCostMicros")
FROM "UsageRollups" r WHERE r."TenantId" = :'tenant' AND r."Granularity" = 0
GROUP BY r."Start", r."TenantId", 'cost-center:' || (abs(hashtext(r."KeyId"::text)) % 30), r."TeamId", r."Model", r."PriceVersion"
ORDER BY r."Start";

-- Daily rows summed from the hours, as DailyRollupJob does.
INSERT INTO "UsageRollups" ("Granularity", "Start", "TenantId", "TeamId", "KeyId", "Model", "DeploymentId", "PriceVersion",
    "Requests", "Errors", "Streams", "InputTokens", "OutputTokens", "CachedInputTokens", "CacheWriteTokens", "ReasoningTokens",
    "CostMicros", "LatencyMsSum", "TtftCount", "TtftMsSum", "RateOutputTokens", "RateMs", "InputCostMicros", "OutputCostMicros")
SELECT 1, date_trunc('day', "Start" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', "TenantId", "TeamId", "KeyId", "Model", "DeploymentId", "PriceVersion",
    sum("Requests"), sum("Errors"), sum("Streams"), sum("InputTokens"), sum("OutputTokens"), sum("CachedInputTokens"), sum("CacheWriteTokens"),
    sum("ReasoningTokens"), sum("CostMicros"), sum("LatencyMsSum"), sum("TtftCount"), sum("TtftMsSum"), sum("RateOutputTokens"), sum("RateMs"),
    sum("InputCostMicros"), sum("OutputCostMicros")
FROM "UsageRollups" WHERE "TenantId" = :'tenant' AND "Granularity" = 0
GROUP BY 2, "TenantId", "TeamId", "KeyId", "Model", "DeploymentId", "PriceVersion"
ORDER BY 2;
INSERT INTO "UsageTagRollups" ("Granularity", "Start", "TenantId", "Tag", "TeamId", "Model", "PriceVersion",
    "Requests", "Errors", "InputTokens", "OutputTokens", "CachedInputTokens", "CacheWriteTokens", "ReasoningTokens", "CostMicros", "InputCostMicros", "OutputCostMicros")
SELECT 1, date_trunc('day', "Start" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', "TenantId", "Tag", "TeamId", "Model", "PriceVersion",
    sum("Requests"), sum("Errors"), sum("InputTokens"), sum("OutputTokens"), sum("CachedInputTokens"), sum("CacheWriteTokens"),
    sum("ReasoningTokens"), sum("CostMicros"), sum("InputCostMicros"), sum("OutputCostMicros")
FROM "UsageTagRollups" WHERE "TenantId" = :'tenant' AND "Granularity" = 0
GROUP BY 2, "TenantId", "Tag", "TeamId", "Model", "PriceVersion"
ORDER BY 2;
COMMIT;
ANALYZE "UsageRollups";
ANALYZE "UsageTagRollups";
SELECT "Granularity", count(*) AS rows, sum("Requests") AS requests FROM "UsageRollups" WHERE "TenantId" = :'tenant' GROUP BY 1 ORDER BY 1;
SELECT "Granularity", count(*) AS tag_rows FROM "UsageTagRollups" WHERE "TenantId" = :'tenant' GROUP BY 1 ORDER BY 1;
