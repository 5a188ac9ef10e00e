#!/usr/bin/env bash
# End-to-end load test of the gateway: builds and starts the all-in-one host (src/Host) in Release on loopback
# ports, creates a tenant, team, mock route and virtual key through the admin API, then drives
# POST /v1/chat/completions with wrk (non-streaming, then "stream": true) and prints requests/s and latency
# percentiles. The mock provider answers with no artificial latency, so this measures the gateway itself
# (auth, parse, route, mock answer, usage accounting). wrk runs on the same machine and competes for CPU.
#
# Usage: bench/load.sh            (from anywhere; needs the .NET 10 SDK, curl, jq, openssl; installs wrk if missing)
# Knobs (environment): DURATION=20s THREADS=2 CONNECTIONS="32 64" WARMUP=5s SKIP_BUILD=1 KEEP_DATA=1
#   MODEL=bench            the route wrk drives: `bench` (one mock deployment) or `bench-latency10` (ten mock
#                          deployments, `latency` strategy: the route stage's cost with many deployments)
#   FAILOVER=1             instead of wrk: time sequential requests (one keep-alive connection, interleaved) on `bench`
#                          and on `bench-failover`, whose first deployment refuses connections (priority strategy,
#                          breaker set not to open) so every request fails over to the mock: the added time is the
#                          failover (connect refused + retry) per request
# Any other setting reaches the host through its environment, e.g. Telemetry__Tracing=true or Telemetry__Metrics=false.
# Each result line ends with host_cpu_us_per_req: the host process's CPU time during that run per request served.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-20s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32 64}"
WARMUP="${WARMUP:-5s}"
HOST_DIR="$ROOT/src/Host/bin/Release/net10.0"

log() { printf '[load] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in curl jq openssl; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

if ! command -v wrk >/dev/null; then
  log "wrk not found; installing it with apt-get"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; } \
    || die "could not install wrk"
fi

# --- build -------------------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  log "building src/Host (Release)"
  for attempt in 1 2 3; do
    # Other builds may hold files briefly (file in use); retry a couple of times.
    if dotnet build -c Release "$ROOT/src/Host" -nologo -v q >/tmp/switchyard-load-build.$$ 2>&1; then break; fi
    [ "$attempt" -lt 3 ] || { cat /tmp/switchyard-load-build.$$ >&2; die "build failed"; }
    log "build attempt $attempt failed; retrying"; sleep 5
  done
  rm -f /tmp/switchyard-load-build.$$
fi
[ -f "$HOST_DIR/Switchyard.Host.dll" ] || die "$HOST_DIR/Switchyard.Host.dll not found"

# --- start the host ----------------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PORTAL_PORT="$(free_port)"
GATEWAY_PORT="$(free_port)"
while [ "$GATEWAY_PORT" = "$PORTAL_PORT" ]; do GATEWAY_PORT="$(free_port)"; done
PORTAL="http://127.0.0.1:$PORTAL_PORT"
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
WORK="$(mktemp -d -t switchyard-load.XXXXXX)"
ADMIN_KEY="sk-sya-$(openssl rand -hex 20)"
HOST_PID=""

cleanup() {
  local rc=$?
  if [ -n "$HOST_PID" ] && kill -0 "$HOST_PID" 2>/dev/null; then
    log "stopping host (pid $HOST_PID)"
    kill -TERM "$HOST_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$HOST_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$HOST_PID" 2>/dev/null && kill -KILL "$HOST_PID" 2>/dev/null || true
    wait "$HOST_PID" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ] && [ -f "$WORK/host.log" ]; then
    log "host log (last 40 lines):"; tail -n 40 "$WORK/host.log" >&2 || true
  fi
  if [ "${KEEP_DATA:-0}" = "1" ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT INT TERM

log "starting host: portal $PORTAL, gateway $GATEWAY, data $WORK"
(
  cd "$HOST_DIR"
  exec env Switchyard__PortalUrl="$PORTAL" Switchyard__GatewayUrl="$GATEWAY" Switchyard__DataDirectory="$WORK/data" \
    SWITCHYARD_ADMIN_KEY="$ADMIN_KEY" ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=false \
    Egress__AllowedNetworks__0=127.0.0.1/32 \
    Logging__LogLevel__Default=Warning \
    dotnet Switchyard.Host.dll
) >"$WORK/host.log" 2>&1 &
HOST_PID=$!

wait_for() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    kill -0 "$HOST_PID" 2>/dev/null || die "host exited before $1 answered"
    [ "$SECONDS" -lt "$deadline" ] || die "$1 not ready after $2 s"
    sleep 0.5
  done
}
wait_for "$GATEWAY/readyz" 120
log "gateway ready"

# --- provision through the admin API -----------------------------------------------------------------------
admin() { # method path json -> response body; fails on non-2xx
  local out status
  out="$(curl -sS -X "$1" "$PORTAL$2" -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
    -d "$3" -w '\n%{http_code}')"
  status="${out##*$'\n'}"
  [[ "$status" == 2* ]] || die "$1 $2 -> HTTP $status: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}
TENANT_ID="$(admin POST /api/tenants '{"name":"bench"}' | jq -er .id)"
TEAM_ID="$(admin POST "/api/tenants/$TENANT_ID/teams" '{"name":"bench"}' | jq -er .id)"
admin POST "/api/tenants/$TENANT_ID/routes" \
  '{"publicModel":"bench","deployments":[{"providerKind":"mock","upstreamModel":"bench"}]}' >/dev/null
MOCK='{"providerKind":"mock","upstreamModel":"bench"}'
admin POST "/api/tenants/$TENANT_ID/routes" \
  "{\"publicModel\":\"bench-latency10\",\"strategy\":\"latency\",\"deployments\":[$MOCK$(printf ",$MOCK%.0s" $(seq 9))]}" >/dev/null
CREDENTIAL_ID="$(admin POST "/api/tenants/$TENANT_ID/credentials" '{"name":"refused","providerKind":"openai","secret":"sk-bench-refused"}' | jq -er .id)"
REFUSED_PORT="$(free_port)" # nothing listens there: connections are refused
admin POST "/api/tenants/$TENANT_ID/routes" "{\"publicModel\":\"bench-failover\",\"strategy\":\"priority\",
  \"retry\":{\"maxAttempts\":2,\"backoffMs\":0,\"maxBackoffMs\":0,\"budgetPercent\":100,\"maxRetryAfterSeconds\":0},
  \"breaker\":{\"consecutiveFailures\":1000,\"failureRatePercent\":100,\"minimumRequests\":100000,\"windowSeconds\":1,\"cooldownSeconds\":1},
  \"deployments\":[{\"providerKind\":\"openai\",\"upstreamModel\":\"gpt-4o-mini\",\"baseUrl\":\"http://127.0.0.1:$REFUSED_PORT/v1\",
  \"credentialId\":\"$CREDENTIAL_ID\",\"priority\":0},{\"providerKind\":\"mock\",\"upstreamModel\":\"bench\",\"priority\":1}]}" >/dev/null
VKEY="$(admin POST "/api/tenants/$TENANT_ID/keys" "{\"teamId\":\"$TEAM_ID\",\"name\":\"load\"}" | jq -er .secret)"
log "created tenant $TENANT_ID, team $TEAM_ID, routes 'bench', 'bench-latency10', 'bench-failover', key ${VKEY:0:12}****"

MODEL="${MODEL:-bench}"
BODY='{"model":"'"$MODEL"'","messages":[{"role":"system","content":"You are a concise assistant."},{"role":"user","content":"Summarise the benefits of an AI gateway in two sentences."}],"temperature":0.2,"max_completion_tokens":200}'
STREAM_BODY="${BODY%\}},\"stream\":true}"

# The key works once the node has applied the revision that contains it.
deadline=$((SECONDS + 60))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY/v1/chat/completions" -H "Authorization: Bearer $VKEY" \
  -H 'Content-Type: application/json' -d "$BODY")" = "200" ]; do
  [ "$SECONDS" -lt "$deadline" ] || die "the new key was not accepted by the gateway within 60 s"
  sleep 0.5
done
curl -sS -N "$GATEWAY/v1/chat/completions" -H "Authorization: Bearer $VKEY" -H 'Content-Type: application/json' \
  -d "$STREAM_BODY" | grep -q 'data: \[DONE\]' || die "streaming request did not end with [DONE]"
log "key accepted (non-stream 200, stream ends with [DONE])"

# --- failover timing ---------------------------------------------------------------------------------------
if [ "${FAILOVER:-0}" = "1" ]; then
  echo
  echo "Switchyard failover timing $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores: sequential requests on one keep-alive connection, latencies in ms"
  GATEWAY_PORT="$GATEWAY_PORT" VKEY="$VKEY" python3 - <<'PY'
import http.client, json, os, statistics, time
conn = http.client.HTTPConnection("127.0.0.1", int(os.environ["GATEWAY_PORT"]))
headers = {"Authorization": "Bearer " + os.environ["VKEY"], "Content-Type": "application/json"}
def call(model):
    body = json.dumps({"model": model, "messages": [{"role": "user", "content": "Summarise the benefits of an AI gateway."}], "max_completion_tokens": 50})
    start = time.perf_counter()
    conn.request("POST", "/v1/chat/completions", body, headers)
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status == 200, (model, response.status)
    return elapsed, response.getheader("x-switchyard-attempts")
times = {"bench": [], "bench-failover": []}
for _ in range(100):  # warm-up (the breaker opens after 1000 failures in a row: keep warm-up + requests below)
    for model in times: call(model)
for _ in range(int(os.environ.get("FAILOVER_REQUESTS", "850"))):
    for model in times:
        elapsed, attempts = call(model)
        times[model].append(elapsed)
        assert attempts == ("2" if model == "bench-failover" else "1"), (model, attempts)
def pct(values, p): return sorted(values)[min(len(values) - 1, int(len(values) * p / 100))]
for model, values in times.items():
    print(f"{model:15} n={len(values)} p50={pct(values, 50):.3f} p90={pct(values, 90):.3f} p99={pct(values, 99):.3f}")
print(f"failover adds   p50={pct(times['bench-failover'], 50) - pct(times['bench'], 50):.3f} ms"
      f" p90={pct(times['bench-failover'], 90) - pct(times['bench'], 90):.3f} ms per request that meets the refused deployment")
PY
  exit 0
fi

# --- wrk ---------------------------------------------------------------------------------------------------
cat >"$WORK/chat.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
wrk.body = os.getenv("BENCH_BODY")

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT rps=%.0f p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f requests=%d errors=%d non2xx=%d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
LUA

CLK_TCK="$(getconf CLK_TCK)"
host_cpu_ticks() { # user + system CPU of the host process so far (clock ticks)
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$HOST_PID/stat"
}

run_wrk() { # label body connections duration
  local cpu_before cpu_after requests
  cpu_before="$(host_cpu_ticks)"
  BENCH_KEY="$VKEY" BENCH_BODY="$2" wrk -t"$THREADS" -c"$3" -d"$4" --timeout 10s --latency -s "$WORK/chat.lua" \
    "$GATEWAY/v1/chat/completions" >"$WORK/wrk.out" 2>&1 || { cat "$WORK/wrk.out" >&2; die "wrk failed"; }
  cpu_after="$(host_cpu_ticks)"
  local result
  result="$(grep '^RESULT' "$WORK/wrk.out" | sed 's/^RESULT //')"
  requests="$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$result")"
  # The host's CPU (all its threads) over the run, per request served: what the gateway costs, whatever wrk takes.
  result="$result host_cpu_us_per_req=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$CLK_TCK" -v n="${requests:-0}" \
    'BEGIN { if (n > 0) printf "%.0f", t * 1e6 / hz / n; else print "n/a" }')"
  printf '%-11s c=%-3s %s\n' "$1" "$3" "$result"
}

log "warm-up ($WARMUP)"
run_wrk warmup "$BODY" 16 "$WARMUP" >/dev/null
run_wrk warmup "$STREAM_BODY" 16 "$WARMUP" >/dev/null

echo
echo "Switchyard gateway load test $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t$THREADS -d$DURATION, route $MODEL, mock provider (no delay)"
echo "latencies in ms; errors = socket errors/timeouts; non2xx = HTTP status >= 400"
for c in $CONNECTIONS; do run_wrk non-stream "$BODY" "$c" "$DURATION"; done
for c in $CONNECTIONS; do run_wrk stream "$STREAM_BODY" "$c" "$DURATION"; done

# h2load (nghttp2) is optional; the gateway's cleartext endpoint speaks HTTP/1.1, so it runs with --h1.
if command -v h2load >/dev/null; then
  printf '%s' "$BODY" >"$WORK/body.json"
  for c in $CONNECTIONS; do
    echo "h2load --h1 c=$c:"
    h2load --h1 -c "$c" -t "$THREADS" -D "${DURATION%s}" -d "$WORK/body.json" -H "Authorization: Bearer $VKEY" \
      -H 'Content-Type: application/json' "$GATEWAY/v1/chat/completions" | grep -E 'finished in|requests:|status codes:|time for request:' || true
  done
else
  echo "h2load not installed; skipped"
fi

echo
log "host RSS at end: $(ps -o rss= -p "$HOST_PID" | awk '{printf "%.0f MB", $1/1024}')"
