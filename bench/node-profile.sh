#!/usr/bin/env bash
# Where a dedicated data-plane node's CPU goes at saturation, measured beside nginx (see bench/README.md, "Node CPU profile").
# Needs a running ../shared/bench setup (mock + proxy started, `NODE=1 ./switchyard.sh` target line in a file).
#
#   bench/node-profile.sh sat      BENCH_DIR NODE_LINE_FILE [ROUNDS] [SECONDS]  nginx/node interleaved: CPU ms/request (utime+stime
#                                                                            from /proc), req/s, p99, managed bytes allocated per
#                                                                            request (dotnet-counters), load average
#   bench/node-profile.sh syscalls BENCH_DIR NODE_LINE_FILE                  syscalls per request (strace -c -f, wrk -c16 8 s)
#   bench/node-profile.sh perf     BENCH_DIR NODE_LINE_FILE NAME             perf record of the node (warm 15 s, record 10 s) and the
#                                                                            share of samples in a few places; start the node with
#                                                                            DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
# Tools: wrk, jq, strace, perf (apt), dotnet-counters (dotnet tool install --tool-path /tmp/perf-tools dotnet-counters).
set -euo pipefail
MODE=$1 B=$(cd "$2" && pwd) LINE=$(cat "$3")
IFS='|' read -r _ URL HDRS PIDF _ <<< "$LINE"
NPID=$(cat "$PIDF") XPID=$(cat "$B/.run/proxy.pid")
NGINX_URL=$(sed -n "s/.*\[nginx\]='nginx|\([^|]*\)|.*/\1/p" "$B/compare.sh" | sed 's/{v}//')   # the harness's nginx proxy
COUNTERS=${COUNTERS:-/tmp/perf-tools/dotnet-counters}
BODY=$(mktemp); jq -c '.model = "bench"' "$B/body/chat.json" > "$BODY"
load() { cut -d' ' -f1 /proc/loadavg; }
ticks() { local t=0 p x; for p in $1 $(pgrep -P "$1" || true); do x=$(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12+$13}'); t=$((t + x)); done; echo $t; }
wrk_node() { (cd "$B" && BODY_FILE=$BODY HEADERS="$HDRS" wrk "$@" -s lua/chat.lua "$URL"); }

sat_one() {  # NAME URL PID HEADERS BODY
  local d=${SECONDS_:-10} cpid= alloc=""
  (cd "$B" && BODY_FILE=$5 HEADERS="$4" wrk -t2 -c64 -d2s -s lua/chat.lua "$2" > /dev/null 2>&1) || true
  if [[ $1 == node && -x $COUNTERS ]]; then
    rm -f "$B/.run/counters.json"
    "$COUNTERS" collect -p "$3" --counters System.Runtime --refresh-interval 1 --format json --duration "00:00:$(printf %02d $((d + 3)))" \
      -o "$B/.run/counters.json" > /dev/null 2>&1 & cpid=$!; sleep 1
  fi
  local t0 t1 out req; t0=$(ticks "$3")
  out=$(cd "$B" && BODY_FILE=$5 HEADERS="$4" wrk -t2 -c64 -d"${d}s" -s lua/chat.lua "$2" | grep RESULT | sed 's/RESULT //')
  t1=$(ticks "$3"); req=$(jq .requests <<< "$out")
  if [[ -n $cpid ]]; then
    wait "$cpid" || true
    alloc=" alloc_B/req=$(jq '[.Events[] | select(.name | test("total_allocated")) | .value] | add' "$B/.run/counters.json" | awk -v r="$req" '{printf "%.0f", $1 / r}')"
  fi
  echo "$1 rps=$(jq .rps <<< "$out") p99_ms=$(jq .p99_ms <<< "$out") cpu_ms/req=$(awk -v t=$((t1 - t0)) -v r="$req" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.4f", t / hz * 1000 / r}')$alloc errors=$(jq .errors <<< "$out") load=$(load)"
}

case $MODE in
  sat)
    SECONDS_=${5:-10}
    for ((r = 1; r <= ${4:-2}; r++)); do
      if ((r % 2)); then sat_one nginx "$NGINX_URL" "$XPID" "" "$B/body/chat.json"; sat_one node "$URL" "$NPID" "$HDRS" "$BODY"
      else sat_one node "$URL" "$NPID" "$HDRS" "$BODY"; sat_one nginx "$NGINX_URL" "$XPID" "" "$B/body/chat.json"; fi
    done ;;
  syscalls)
    out=$(mktemp)
    timeout 12 strace -c -f -p "$NPID" -o "$out" 2> /dev/null & sleep 1
    req=$(wrk_node -t1 -c16 -d8s | grep RESULT | sed 's/RESULT //' | jq .requests)
    wait || true
    echo "requests=$req load=$(load)"
    awk -v r="$req" 'NR > 2 && $NF != "total" && $4 + 0 > 0 {printf "%-16s %8.2f per request\n", $NF, $4 / r}' "$out" | sort -k2 -rn | head -12 ;;
  perf)
    NAME=${4:?name}; OUT=$B/.run/perf-$NAME
    wrk_node -t2 -c64 -d15s > /dev/null
    (wrk_node -t2 -c64 -d13s > "$OUT.wrk" &)
    sleep 1; perf record -F 999 -g -p "$NPID" -o "$OUT.data" -- sleep 10 > /dev/null 2>&1; sleep 3
    perf script -i "$OUT.data" 2> /dev/null > "$OUT.txt"
    echo "load=$(load) $(grep RESULT "$OUT.wrk")"
    python3 - "$OUT.txt" <<'PY'
import sys, collections
keys = ['LowLevelLifoSemaphore::Wait', 'sched_yield', 'UsageSpoolWriter', 'UsageRecorder::Completed', 'AuditRecorder',
        'GatewayMetrics', 'JsonConverter', 'DiagnosticsHandler', 'HttpForwarder']
n, c = 0, collections.Counter()
for s in open(sys.argv[1]).read().split('\n\n'):
    l = [x.strip() for x in s.strip().split('\n') if x.strip()]
    if len(l) < 2: continue
    n += 1; st = ' '.join(l[1:])
    for k in keys:
        if k in st: c[k] += 1
    for lib in ('libcrypto', 'libcoreclr', 'libclrjit', '[kernel'):
        if lib in l[1]: c['leaf ' + lib] += 1
print('samples', n)
for k in keys + ['leaf libcrypto', 'leaf libcoreclr', 'leaf libclrjit', 'leaf [kernel']:
    print(f"{c[k] / n * 100:5.1f}%  {k}")
PY
    ;;
  *) sed -n 2,14p "$0"; exit 2 ;;
esac
