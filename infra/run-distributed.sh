#!/usr/bin/env bash
# shellcheck disable=SC2030,SC2031 # services.sh is sourced in subshells only, to reuse its apt helper
# shellcheck source-path=SCRIPTDIR
# Start the whole distributed Switchyard topology on loopback, each part its own process:
#   PostgreSQL, RabbitMQ, Redis (private instances via infra/services.sh, own state dir and ports),
#   control plane http://127.0.0.1:5001, portal http://127.0.0.1:5000,
#   N data-plane nodes http://127.0.0.1:8081 … 808N, nginx load balancer http://127.0.0.1:8080.
#
#   infra/run-distributed.sh [--nodes N] [--no-build] [--no-nginx] [--with-prometheus] [--detach]
#   infra/run-distributed.sh stop | status
#
# --with-prometheus also starts Prometheus (the Debian package, installed if missing) on http://127.0.0.1:9090
# (SWITCHYARD_PROMETHEUS_PORT), loopback only, its data in the state dir, scraping the control plane, the portal and
# every node every 5 s with the alert rules of infra/observability/alerts.yml loaded.
#
# Ctrl-C, SIGTERM or SIGHUP (or `infra/run-distributed.sh stop`) stops everything it started: the nodes
# first, all at once (each drains its requests in flight, up to SWITCHYARD_DRAIN_TIMEOUT s), then the
# portal, the control plane and the services. A second signal while stopping kills what is left.
# State (logs, pids, secrets, data) lives in SWITCHYARD_DISTRIBUTED_DIR (default <repo>/.switchyard-distributed).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
STATE="${SWITCHYARD_DISTRIBUTED_DIR:-$REPO/.switchyard-distributed}"
mkdir -p "$STATE"
STATE="$(cd "$STATE" && pwd)"
SERVICES="$SCRIPT_DIR/services.sh"

# Services get their own state dir, node name and ports so they never collide with the test
# instances (.test-services on 55432/55672/56379). Not exported: the app processes must not
# inherit them; svc passes them to services.sh only.
SVC_ENV=(
  SWITCHYARD_SERVICES_DIR="$STATE/services"
  SWITCHYARD_PG_PORT="${SWITCHYARD_DIST_PG_PORT:-55442}"
  SWITCHYARD_RABBITMQ_PORT="${SWITCHYARD_DIST_RABBITMQ_PORT:-55682}"
  SWITCHYARD_RABBITMQ_DIST_PORT="${SWITCHYARD_DIST_RABBITMQ_DIST_PORT:-55683}"
  SWITCHYARD_RABBITMQ_EPMD_PORT="${SWITCHYARD_DIST_RABBITMQ_EPMD_PORT:-54379}"
  SWITCHYARD_RABBITMQ_NODENAME="${SWITCHYARD_DIST_RABBITMQ_NODENAME:-switchyard-dist@localhost}"
  SWITCHYARD_REDIS_PORT="${SWITCHYARD_DIST_REDIS_PORT:-56389}"
)
svc() { env "${SVC_ENV[@]}" "$SERVICES" "$@"; }
# strip variables a caller (e.g. a shell that ran `services.sh env`) may have exported
for v in $(compgen -e | grep -E '^SWITCHYARD_(TEST_|SERVICES_DIR$|PG_|RABBITMQ_|REDIS_)' || true); do unset "$v"; done

CP_PORT="${SWITCHYARD_CONTROLPLANE_PORT:-5001}"
PORTAL_PORT="${SWITCHYARD_PORTAL_PORT:-5000}"
PROMETHEUS_PORT="${SWITCHYARD_PROMETHEUS_PORT:-9090}"
LB_PORT="${SWITCHYARD_GATEWAY_PORT:-8080}"
NODE_BASE_PORT="${SWITCHYARD_NODE_BASE_PORT:-8080}" # node i listens on NODE_BASE_PORT + i
CONFIGURATION="${SWITCHYARD_CONFIGURATION:-Release}"
ENVIRONMENT="${SWITCHYARD_ENVIRONMENT:-Production}"
READY_TIMEOUT="${SWITCHYARD_READY_TIMEOUT:-120}"
DRAIN_TIMEOUT="${SWITCHYARD_DRAIN_TIMEOUT:-120}" # nodes' DataPlane:DrainTimeoutSeconds
[[ "$DRAIN_TIMEOUT" =~ ^[0-9]+$ ]] || { echo "[distributed] ERROR: SWITCHYARD_DRAIN_TIMEOUT must be a whole number of seconds" >&2; exit 1; }

PIDS="$STATE/pids"
LOGS="$STATE/logs"
SECRETS="$STATE/secrets"

log() { printf '[distributed] %s\n' "$*" >&2; }
die() { printf '[distributed] ERROR: %s\n' "$*" >&2; exit 1; }

alive() { # pid [comm prefix]
  local pid="${1:-}" stat
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # no /proc entry: either no procfs (then kill -0 decides) or the zombie was reaped meanwhile (then it is gone)
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || { kill -0 "$pid" 2>/dev/null; return; }
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]] || return 1
  [[ -z "${2:-}" || "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$2"* ]]
}
pid_of() { local f="$PIDS/$1.pid"; [[ -f "$f" ]] && tr -dc '0-9' <"$f"; }

secret_file() { # name generator... -> path; generated once, mode 0600
  local name="$1"; shift
  local f="$SECRETS/$name"
  mkdir -p "$SECRETS"; chmod 0700 "$SECRETS"
  if [[ ! -s "$f" ]]; then (umask 077 && "$@" >"$f.tmp" && mv -f "$f.tmp" "$f"); fi
  chmod 0600 "$f"
  echo "$f"
}
rand() { # n charset
  local n="$1" set="$2" s=""
  while ((${#s} < n)); do s+="$(head -c 512 /dev/urandom | LC_ALL=C tr -dc "$set")"; done
  printf '%s' "${s:0:n}"
}
gen_node_secret() { rand 48 'A-Za-z0-9'; }
gen_admin_key() { printf 'sk-sya-%s' "$(rand 40 'A-Za-z0-9_-')"; }
gen_keyring_key() { rand 48 'A-Za-z0-9'; } # key-encryption key of the control plane's Data Protection key ring
gen_spool_key() { head -c 32 /dev/urandom | base64; } # encrypts full-mode audit bodies in the nodes' spools

# ---------------------------------------------------------------------------------------------
FORCE=0 # set by a second signal while stopping: SIGKILL instead of waiting
force() { ((FORCE)) || log "SIG$1 while stopping: killing what is left"; FORCE=1; }

stop_procs() { # timeout name... : SIGTERM to all of them at once, then wait for each (SIGKILL after timeout)
  local timeout="$1" name pid i
  shift
  local -a names=() pids=()
  for name in "$@"; do
    pid="$(pid_of "$name")" || true
    if alive "$pid"; then
      kill -TERM "$pid" 2>/dev/null || true
      names+=("$name") pids+=("$pid")
    else
      rm -f "$PIDS/$name.pid"
    fi
  done
  for ((i = 0; i < ${#pids[@]}; i++)); do
    local waited=0
    while alive "${pids[i]}" && ((FORCE == 0 && waited < timeout * 10)); do sleep 0.1; waited=$((waited + 1)); done
    if alive "${pids[i]}"; then
      log "${names[i]} (pid ${pids[i]}) still running after $((waited / 10))s: SIGKILL"
      kill -KILL "${pids[i]}" 2>/dev/null || true
    fi
    log "stopped ${names[i]} (pid ${pids[i]})"
    rm -f "$PIDS/${names[i]}.pid"
  done
}

stop_all() {
  local f
  local -a nodes=()
  # gateway first, then every node at once (they drain in parallel), portal, control plane; then the backing services
  stop_procs 10 prometheus
  stop_procs 10 nginx
  for f in "$PIDS"/node-*.pid; do [[ -e "$f" ]] && nodes+=("$(basename "$f" .pid)"); done
  ((${#nodes[@]} == 0)) || stop_procs $((DRAIN_TIMEOUT + 20)) "${nodes[@]}"
  stop_procs 20 portal
  stop_procs 20 controlplane
  svc stop >&2 || true
}

status_all() {
  local f name pid
  for f in "$PIDS"/*.pid; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .pid)"; pid="$(pid_of "$name")" || true
    [[ "$name" == run-distributed ]] && continue
    if alive "$pid"; then echo "$name: running (pid $pid)"; else echo "$name: dead (pid ${pid:-?}; see $LOGS/$name.log)"; fi
  done
  svc status || true
}

# ---------------------------------------------------------------------------------------------
case "${1:-}" in
  stop)
    runner="$(pid_of run-distributed || true)"
    if alive "$runner" && [[ "$runner" != "$$" ]]; then
      log "asking the running run-distributed.sh (pid $runner) to stop"
      kill -TERM "$runner"
      for ((i = 0; i < (DRAIN_TIMEOUT + 120) * 10; i++)); do alive "$runner" || break; sleep 0.1; done
    fi
    stop_all
    rm -f "$PIDS/run-distributed.pid"
    exit 0
    ;;
  status) status_all; exit 0 ;;
  -h | --help | help) sed -n '4,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

NODES=2 BUILD=1 NGINX=1 DETACH=0 PROMETHEUS=0
while (($#)); do
  case "$1" in
    --nodes) NODES="${2:?--nodes needs a number}"; shift 2 ;;
    --nodes=*) NODES="${1#*=}"; shift ;;
    --no-build) BUILD=0; shift ;;
    --no-nginx) NGINX=0; shift ;;
    --with-prometheus) PROMETHEUS=1; shift ;;
    --detach) DETACH=1; shift ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ "$NODES" =~ ^[1-9][0-9]*$ ]] || die "--nodes must be a positive number"

mkdir -p "$PIDS" "$LOGS"
rm -f "$PIDS"/.*.reported
[[ -f "$STATE/.gitignore" ]] || echo '*' >"$STATE/.gitignore"
runner="$(pid_of run-distributed || true)"
if alive "$runner"; then die "already running (pid $runner); use '$0 stop' first"; fi
echo $$ >"$PIDS/run-distributed.pid"

STARTED_ANY=0
on_exit() {
  local rc=$?
  # Cleanup must run to the end: no `set -e` abort, no death by a repeated signal (which used to leave every
  # process running after "stopping the topology") or by a closed output pipe. A second signal kills instead.
  set +e
  trap 'force INT' INT
  trap 'force TERM' TERM
  trap '' HUP PIPE # the terminal or the pipe reading our output went away: keep stopping, gracefully
  trap - EXIT
  if ((DETACH == 0 || rc != 0)) && ((STARTED_ANY)); then
    # stderr may be gone (closed terminal, dead pipe): then the rest of the cleanup logs to a file
    log "stopping the topology" || exec 2>>"$LOGS/stop.log"
    stop_all
  fi
  [[ "$(pid_of run-distributed || true)" != "$$" ]] || rm -f "$PIDS/run-distributed.pid"
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"
# shellcheck source=services.sh
if ! command -v curl >/dev/null; then (export SWITCHYARD_SERVICES_DIR="$STATE/services" && . "$SERVICES" && sy_apt_install curl) || die "curl is required"; fi

# --- backing services ---------------------------------------------------------------------------
STARTED_ANY=1
t0=$(date +%s)
svc start postgres rabbitmq redis
# read `services.sh env` into plain (non-exported) shell variables
while IFS= read -r line; do
  line="${line#export }"; k="${line%%=*}"; v="${line#*=}"; v="${v#\'}"; v="${v%\'}"
  [[ "$k" =~ ^SWITCHYARD_[A-Z_]+$ ]] && printf -v "$k" '%s' "$v"
done < <(svc env)
svc create-db switchyard
PG_PORT="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$SWITCHYARD_TEST_POSTGRES")"
PG_PASSWORD="$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$SWITCHYARD_TEST_POSTGRES")"
CP_CONN="Host=127.0.0.1;Port=$PG_PORT;Username=switchyard;Password=$PG_PASSWORD;Database=switchyard"
REDIS_PORT="${SWITCHYARD_TEST_REDIS%%,*}"; REDIS_PORT="${REDIS_PORT##*:}"

NODE_SECRET="$(cat "$(secret_file node-secret gen_node_secret)")"
ADMIN_KEY="$(cat "$(secret_file admin-key gen_admin_key)")"
KEYRING_KEY_FILE="$(secret_file keyring.key gen_keyring_key)"
SPOOL_KEY="$(cat "$(secret_file audit-spool.key gen_spool_key)")"

MESSAGING_ENV=(
  Messaging__Transport=RabbitMq
  Messaging__RabbitMq__Host="$SWITCHYARD_TEST_RABBITMQ_HOST"
  Messaging__RabbitMq__Port="$SWITCHYARD_TEST_RABBITMQ_PORT"
  Messaging__RabbitMq__Username="$SWITCHYARD_TEST_RABBITMQ_USER"
  Messaging__RabbitMq__Password="$SWITCHYARD_TEST_RABBITMQ_PASSWORD"
  ConnectionStrings__Redis="$SWITCHYARD_TEST_REDIS"
)

# --- build --------------------------------------------------------------------------------------
if ((BUILD)); then
  t=$(date +%s)
  log "dotnet build Platform.sln -c $CONFIGURATION (log: $LOGS/build.log)"
  if ! DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet build "$REPO/Platform.sln" -c "$CONFIGURATION" -nologo -v minimal </dev/null >"$LOGS/build.log" 2>&1; then
    grep -E 'error|Error' "$LOGS/build.log" | sort -u | head -n 30 >&2 || true
    die "build failed (see $LOGS/build.log)"
  fi
  log "build took $(($(date +%s) - t))s"
fi
dll() { # project-dir assembly
  local f="$REPO/src/$1/bin/$CONFIGURATION/net10.0/$2.dll"
  [[ -f "$f" ]] || die "$f not found (build first, or drop --no-build)"
  echo "$f"
}
CP_DLL="$(dll ControlPlane Switchyard.ControlPlane)"
PORTAL_DLL="$(dll Portal Switchyard.Portal)"
NODE_DLL="$(dll DataPlane Switchyard.DataPlane)"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_proc() { # name dll port env...
  local name="$1" dll="$2" port="$3"; shift 3
  port_free "$port" || die "port $port is already in use (is another topology running? '$0 stop')"
  # run from the dll's directory: it is the content root (appsettings*.json, wwwroot)
  (cd "$(dirname "$dll")" && exec setsid env \
    ASPNETCORE_ENVIRONMENT="$ENVIRONMENT" DOTNET_ENVIRONMENT="$ENVIRONMENT" \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    ASPNETCORE_URLS="http://127.0.0.1:$port" \
    "$@" dotnet "$dll" </dev/null >>"$LOGS/$name.log" 2>&1) &
  echo $! >"$PIDS/$name.pid"
  log "started $name (pid $!) on http://127.0.0.1:$port, log $LOGS/$name.log"
}

wait_http() { # name url
  local name="$1" url="$2" pid i code start
  pid="$(pid_of "$name")"
  start=$(date +%s%3N)
  for ((i = 0; i < READY_TIMEOUT * 4; i++)); do
    code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" 2>/dev/null || true)"
    if [[ "$code" == 200 ]]; then
      log "$name ready ($url) after $((($(date +%s%3N) - start) / 1000)).$(((($(date +%s%3N) - start) % 1000) / 100))s"
      return 0
    fi
    if ! alive "$pid"; then tail -n 40 "$LOGS/$name.log" >&2; die "$name exited before becoming ready"; fi
    sleep 0.25
  done
  tail -n 40 "$LOGS/$name.log" >&2
  die "$name not ready at $url after ${READY_TIMEOUT}s (last HTTP status: ${code:-none})"
}

# --- control plane, portal, nodes ---------------------------------------------------------------
start_proc controlplane "$CP_DLL" "$CP_PORT" \
  Database__Provider=Postgres \
  ConnectionStrings__ControlPlane="$CP_CONN" \
  Jobs__Storage=Postgres \
  ControlPlane__NodeSecret="$NODE_SECRET" \
  DataProtection__KeyEncryptionKeyFile="$KEYRING_KEY_FILE" \
  SWITCHYARD_ADMIN_KEY="$ADMIN_KEY" \
  Sso__ReturnOrigins__0="http://127.0.0.1:$PORTAL_PORT" \
  "${MESSAGING_ENV[@]}"
wait_http controlplane "http://127.0.0.1:$CP_PORT/readyz"

(umask 077 && mkdir -p "$STATE/portal") && chmod 0700 "$STATE/portal" # cookie key ring
start_proc portal "$PORTAL_DLL" "$PORTAL_PORT" \
  Portal__ControlPlaneUrl="http://127.0.0.1:$CP_PORT" \
  Portal__ControlPlanePublicUrl="http://127.0.0.1:$CP_PORT" \
  Portal__GatewayUrl="http://127.0.0.1:$LB_PORT/v1" \
  Portal__DataDirectory="$STATE/portal"

UPSTREAMS=""
for ((n = 1; n <= NODES; n++)); do
  port=$((NODE_BASE_PORT + n))
  (umask 077 && mkdir -p "$STATE/node-$n") && chmod 0700 "$STATE/node-$n" # last-known-good snapshot, usage spool
  start_proc "node-$n" "$NODE_DLL" "$port" \
    DataPlane__NodeId="node-$n" \
    DataPlane__ControlPlaneUrl="http://127.0.0.1:$CP_PORT" \
    DataPlane__NodeSecret="$NODE_SECRET" \
    DataPlane__Audit__SpoolKey="$SPOOL_KEY" \
    DataPlane__DataDirectory="$STATE/node-$n" \
    DataPlane__DrainTimeoutSeconds="$DRAIN_TIMEOUT" \
    RateLimiting__Store=Redis \
    "${MESSAGING_ENV[@]}"
  UPSTREAMS+="    server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
done
wait_http portal "http://127.0.0.1:$PORTAL_PORT/healthz"
for ((n = 1; n <= NODES; n++)); do wait_http "node-$n" "http://127.0.0.1:$((NODE_BASE_PORT + n))/readyz"; done

# --- nginx load balancer ------------------------------------------------------------------------
GATEWAY_URL="http://127.0.0.1:$((NODE_BASE_PORT + 1))"
if ((NGINX)); then
  if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
    log "installing nginx"
    # shellcheck source=infra/services.sh
    (export SWITCHYARD_SERVICES_DIR="$STATE/services" && . "$SERVICES" && sy_apt_install nginx) || log "nginx not installable; no load balancer (use a node directly)"
  fi
  NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
  if [[ -x "$NGINX_BIN" ]]; then
    NG="$STATE/nginx"
    mkdir -p "$NG/temp/client" "$NG/temp/proxy" "$NG/temp/fastcgi" "$NG/temp/uwsgi" "$NG/temp/scgi"
    [[ "$(id -u)" != 0 ]] || chown -R nobody "$NG/temp" 2>/dev/null || true
    export NG_STATE="$NG" NG_LISTEN="127.0.0.1:$LB_PORT" NG_UPSTREAMS="$UPSTREAMS"
    python3 - "$SCRIPT_DIR/nginx/gateway.conf.template" "$NG/nginx.conf" <<'PY'
import os, sys
text = open(sys.argv[1]).read()
for key in ("NG_STATE", "NG_LISTEN", "NG_UPSTREAMS"):
    text = text.replace("@@%s@@" % key, os.environ[key].rstrip("\n"))
open(sys.argv[2], "w").write(text)
PY
    "$NGINX_BIN" -t -q -p "$NG" -c "$NG/nginx.conf" -e "$NG/error.log" || die "nginx config test failed ($NG/nginx.conf)"
    port_free "$LB_PORT" || die "port $LB_PORT is already in use"
    (exec setsid "$NGINX_BIN" -p "$NG" -c "$NG/nginx.conf" -e "$NG/error.log" -g 'daemon off;' </dev/null >>"$LOGS/nginx.log" 2>&1) &
    echo $! >"$PIDS/nginx.pid"
    wait_http nginx "http://127.0.0.1:$LB_PORT/nginx-healthz"
    GATEWAY_URL="http://127.0.0.1:$LB_PORT"
  fi
fi

# --- Prometheus (optional) ----------------------------------------------------------------------
PROMETHEUS_LINE=""
if ((PROMETHEUS)); then
  if ! command -v prometheus >/dev/null; then
    log "installing prometheus"
    # shellcheck source=infra/services.sh
    (export SWITCHYARD_SERVICES_DIR="$STATE/services" && . "$SERVICES" && sy_apt_install prometheus) || die "prometheus not installable"
  fi
  PROM="$STATE/prometheus"
  mkdir -p "$PROM/data"
  node_targets=""
  for ((n = 1; n <= NODES; n++)); do node_targets+="${node_targets:+, }'127.0.0.1:$((NODE_BASE_PORT + n))'"; done
  # the scrape config of infra/observability/prometheus.yml, with this topology's ports
  cat >"$PROM/prometheus.yml" <<YML
global:
  scrape_interval: 5s
  evaluation_interval: 5s
rule_files:
  - $SCRIPT_DIR/observability/alerts.yml
scrape_configs:
  - job_name: switchyard-controlplane
    static_configs:
      - targets: ['127.0.0.1:$CP_PORT']
  - job_name: switchyard-portal
    static_configs:
      - targets: ['127.0.0.1:$PORTAL_PORT']
  - job_name: switchyard-node
    static_configs:
      - targets: [$node_targets]
YML
  PROMTOOL="$(dirname "$(command -v prometheus)")/promtool"
  if [[ -x "$PROMTOOL" ]]; then "$PROMTOOL" check config "$PROM/prometheus.yml" >/dev/null || die "prometheus config check failed ($PROM/prometheus.yml)"; fi
  port_free "$PROMETHEUS_PORT" || die "port $PROMETHEUS_PORT is already in use (SWITCHYARD_PROMETHEUS_PORT)"
  (cd "$PROM" && exec setsid prometheus --config.file="$PROM/prometheus.yml" --storage.tsdb.path="$PROM/data" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" </dev/null >>"$LOGS/prometheus.log" 2>&1) &
  echo $! >"$PIDS/prometheus.pid"
  log "started prometheus (pid $!) on http://127.0.0.1:$PROMETHEUS_PORT, log $LOGS/prometheus.log"
  wait_http prometheus "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"
  PROMETHEUS_LINE="  prometheus     http://127.0.0.1:$PROMETHEUS_PORT (scraping every process; alerts: /alerts)"
fi

cat <<EOF

Switchyard distributed topology is up ($(($(date +%s) - t0))s). State: $STATE
  control plane  http://127.0.0.1:$CP_PORT      (OpenAPI, admin API; log $LOGS/controlplane.log)
  portal         http://127.0.0.1:$PORTAL_PORT
  gateway        $GATEWAY_URL/v1   ($NODES data-plane node(s) on $((NODE_BASE_PORT + 1))..$((NODE_BASE_PORT + NODES)))
${PROMETHEUS_LINE:+$PROMETHEUS_LINE
}  postgres       127.0.0.1:$PG_PORT (database switchyard), rabbitmq 127.0.0.1:$SWITCHYARD_TEST_RABBITMQ_PORT, redis 127.0.0.1:$REDIS_PORT
  secrets        $SECRETS (node-secret, admin-key, keyring.key), $STATE/services/secrets (postgres, rabbitmq, redis)

Platform admin key: $ADMIN_KEY

  KEY=$ADMIN_KEY
  curl -H "Authorization: Bearer \$KEY" -X POST http://127.0.0.1:$CP_PORT/api/tenants -H 'content-type: application/json' -d '{"name":"acme"}'

EOF

if ((DETACH)); then
  log "detached; stop with: $0 stop"
  rm -f "$PIDS/run-distributed.pid"
  exit 0
fi
log "press Ctrl-C (or run '$0 stop') to stop everything"
while true; do
  for f in "$PIDS"/*.pid; do
    name="$(basename "$f" .pid)"
    [[ "$name" == run-distributed ]] && continue
    pid="$(pid_of "$name" || true)"
    if [[ -n "$pid" ]] && ! alive "$pid" && [[ ! -e "$PIDS/.$name.reported" ]]; then
      log "WARNING: $name (pid $pid) exited; last lines of $LOGS/$name.log:"
      tail -n 20 "$LOGS/$name.log" >&2 || true
      touch "$PIDS/.$name.reported"
    fi
  done
  sleep 2 &
  wait $! || true
done
