#!/usr/bin/env bash
# The translated path beside the pass-through path, on the targets the shared harness started
# (../shared/bench: ./start.sh mock, then [NODE=1] ./switchyard.sh CHECKOUT). Starts a mock Anthropic upstream
# (nginx/mock-anthropic.conf, 127.0.0.1:18090), adds a route `bench-anthropic` (provider kind anthropic) to the bench
# tenant through the admin API, and runs the harness's saturation scenario against each target twice: model `bench`
# (OpenAI caller -> OpenAI upstream, passed through) and `bench-anthropic` (OpenAI caller -> Anthropic upstream,
# translated both ways). Prints one JSON line per run with the gateway CPU per request.
#
#   bench/translated.sh HARNESS_DIR 'NAME|URL|HEADERS|PIDFILE|MODEL' ...   (target lines as switchyard.sh prints them)
#   bench/translated.sh stop HARNESS_DIR
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if [[ ${1:?harness dir} == stop ]]; then H=$(cd "${2:?harness dir}" && pwd); else H=$(cd "$1" && pwd); fi
RUN=$H/.run/mock-anthropic
if [[ $1 == stop ]]; then [[ -f $RUN/mock-anthropic.pid ]] && kill -QUIT "$(cat "$RUN/mock-anthropic.pid")" || true; exit 0; fi
shift
mkdir -p "$RUN/tmp"
[[ -f $RUN/mock-anthropic.pid ]] && kill -0 "$(cat "$RUN/mock-anthropic.pid")" 2>/dev/null ||
  nginx -p "$RUN/" -e "$RUN/error.log" -c "$HERE/nginx/mock-anthropic.conf" -g 'worker_processes 1;'
# switchyard.sh gave the host its admin key in the environment; find the tenant through the API.
ADMIN=$(tr '\0' '\n' < "/proc/$(cat "$H/.run/switchyard.pid")/environ" | sed -n 's/^SWITCHYARD_ADMIN_KEY=//p')
API=http://127.0.0.1:18400 AUTH="Authorization: Bearer $ADMIN"
T=$(curl -sf -H "$AUTH" "$API/api/tenants" | jq -r '.[] | select(.name=="bench") | .id')
C=$(curl -sf -H "$AUTH" -H 'content-type: application/json' -d '{"name":"bench-anthropic","providerKind":"anthropic","secret":"sk-ant-mock-upstream"}' \
  "$API/api/tenants/$T/credentials" | jq -r .id)
curl -s -o /dev/null -H "$AUTH" -H 'content-type: application/json' \
  -d "{\"publicModel\":\"bench-anthropic\",\"deployments\":[{\"providerKind\":\"anthropic\",\"upstreamModel\":\"claude-3-5-haiku-20241022\",\"baseUrl\":\"http://127.0.0.1:18090\",\"credentialId\":\"$C\"}]}" \
  "$API/api/tenants/$T/routes"
sleep 2
cd "$H"
for target in "$@"; do
  IFS='|' read -r name url headers pidfile _ <<< "$target"
  for model in bench bench-anthropic bench bench-anthropic; do
    ./run.sh -s sat "$name-$model" "$url" "$headers" "$(cat "$pidfile")" "$model" 2>/dev/null |
      jq -c --arg m "$model" '{target:.name, model:$m, rps:.rps, p50_ms:.p50_ms, p99_ms:.p99_ms, errors:.errors, gw_cpu_ms_per_req:((.gw_cpu_s*1000)/(.requests // 1))}'
  done
done
