#!/usr/bin/env bash
# Chargeback benchmark: a control plane on PostgreSQL (the test services), one tenant whose rollups hold a month of
# ~10 million usage records (generate.sql), and the time of GET /api/tenants/{id}/chargeback for that month.
# Usage: eval "$(infra/services.sh env)"; bench/chargeback/run.sh [month, default 2026-11-01]
set -euo pipefail
cd "$(dirname "$0")/../.."
month="${1:-2026-11-01}"
: "${SWITCHYARD_TEST_POSTGRES:?eval \"\$(infra/services.sh env)\" first}"
pg="${SWITCHYARD_TEST_POSTGRES/Database=postgres/Database=switchyard_chargeback_bench}"
url_of() { # Npgsql connection string -> libpq URL
  local h p u w d; IFS=';' read -ra parts <<<"$1"
  for kv in "${parts[@]}"; do case "$kv" in Host=*) h=${kv#*=};; Port=*) p=${kv#*=};; Username=*) u=${kv#*=};; Password=*) w=${kv#*=};; Database=*) d=${kv#*=};; esac; done
  echo "postgresql://$u:$w@$h:$p/$d"
}
admin_url="$(url_of "$SWITCHYARD_TEST_POSTGRES")"
bench_url="$(url_of "$pg")"
psql "$admin_url" -qtc "SELECT 1 FROM pg_database WHERE datname = 'switchyard_chargeback_bench'" | grep -q 1 \
  || psql "$admin_url" -qc "CREATE DATABASE switchyard_chargeback_bench"

key="sk-sya-bench-platform-admin-key-0123456789abcdef"
port="${BENCH_PORT:-58990}"
dotnet build src/ControlPlane -c Release -nologo -v q >/dev/null
kek=/tmp/chargeback-bench-keyring.key
[ -s "$kek" ] || { (umask 077; openssl rand -base64 32 >"$kek"); }
ConnectionStrings__ControlPlane="$pg" Database__Provider=Postgres Database__MigrateOnStart=true DataProtection__KeyEncryptionKeyFile="$kek" \
  ControlPlane__NodeSecret="bench-node-secret-0123456789abcdef-0123456789" SWITCHYARD_ADMIN_KEY="$key" \
  Messaging__Transport=InMemory Jobs__Storage=InMemory ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
  dotnet src/ControlPlane/bin/Release/net10.0/Switchyard.ControlPlane.dll >/tmp/chargeback-bench-cp.log 2>&1 &
cp_pid=$!
trap 'kill "$cp_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 1; done

auth=(-H "Authorization: Bearer $key")
tenant=$(curl -fs "${auth[@]}" "http://127.0.0.1:$port/api/tenants" | python3 -c 'import json,sys; t=[x for x in json.load(sys.stdin) if x["name"]=="chargeback-bench"]; print(t[0]["id"] if t else "")')
if [ -z "$tenant" ]; then
  tenant=$(curl -fs "${auth[@]}" -H 'Content-Type: application/json' -d '{"name":"chargeback-bench"}' "http://127.0.0.1:$port/api/tenants" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
fi
echo "tenant $tenant; generating rollups for $month ..."
[ -n "${BENCH_SKIP_GENERATE:-}" ] || time psql "$bench_url" -q -v tenant="$tenant" -v month="$month" -f bench/chargeback/generate.sql

next=$(date -u -d "$month +1 month" +%Y-%m-%d)
whole="from=${month}T00:00:00Z&to=${next}T00:00:00Z"
edges="from=${month}T05:00:00Z&to=$(date -u -d "$next -1 day" +%Y-%m-%d)T19:00:00Z" # a month in a tenant zone: hourly edges
measure() { # name, query, extra curl args
  local name="$1" q="$2"; shift 2
  curl -fs -o /dev/null "${auth[@]}" "$@" "http://127.0.0.1:$port/api/tenants/$tenant/chargeback?$q" # warm-up
  for i in 1 2 3; do
    curl -fs -o /tmp/chargeback-bench.out -w "$name run $i: %{time_total}s, %{size_download} bytes\n" "${auth[@]}" "$@" "http://127.0.0.1:$port/api/tenants/$tenant/chargeback?$q"
  done
}
measure "whole month, team" "$whole&groupBy=team"
measure "whole month, model" "$whole&groupBy=model"
measure "whole month, key" "$whole&groupBy=key"
measure "whole month, tag" "$whole&groupBy=tag"
measure "hour edges, team" "$edges&groupBy=team"
measure "hour edges, key, CSV" "$edges&groupBy=key" -H "Accept: text/csv"
measure "hour edges, key, XLSX" "$edges&groupBy=key&format=xlsx"
measure "whole month, team, series=day (UTC)" "$whole&groupBy=team&series=day"
# series=day in a zone that is not UTC: the month as the tenant sees it, its days summed in that zone
curl -fs -o /dev/null "${auth[@]}" -X PATCH -H 'Content-Type: application/json' -d '{"timeZone":"America/New_York"}' "http://127.0.0.1:$port/api/tenants/$tenant"
zoned="from=${month}T04:00:00Z&to=${next}T05:00:00Z" # November 2026 in New York (EDT until 1 Nov 02:00, then EST)
measure "New York month, team, series=day" "$zoned&groupBy=team&series=day"
measure "New York month, key, series=day" "$zoned&groupBy=key&series=day"
curl -fs -o /dev/null "${auth[@]}" -X PATCH -H 'Content-Type: application/json' -d '{"timeZone":""}' "http://127.0.0.1:$port/api/tenants/$tenant"
