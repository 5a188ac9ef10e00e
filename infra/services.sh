#!/usr/bin/env bash
# Switchyard private test services: PostgreSQL, RabbitMQ, Redis (and Chromium for browser tests).
#
#   infra/services.sh start [postgres] [rabbitmq] [redis]   (no names = all three; no-op if already running)
#   infra/services.sh stop [names...]                        (only the instances this script started)
#   infra/services.sh restart [names...]                     (e.g. `restart rabbitmq`: same data, same users)
#   infra/services.sh status | env | running NAME | install [names...] | install-chromium | install-prometheus | wipe
#
# Every instance is private: its data, logs, pidfiles, sockets and secrets live under the state
# directory (SWITCHYARD_SERVICES_DIR, default <repo>/.test-services), it listens on 127.0.0.1 only
# and on non-default ports, and the distro's own services are never started.
# The file can also be sourced (`. infra/services.sh`) to use its functions; it then runs nothing.

# ---------------------------------------------------------------------------------------------
# configuration
# ---------------------------------------------------------------------------------------------
SY_SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
SY_REPO="$(cd "$(dirname "$SY_SCRIPT")/.." && pwd)"
SY_STATE="${SWITCHYARD_SERVICES_DIR:-$SY_REPO/.test-services}"
mkdir -p "$SY_STATE" 2>/dev/null || true
SY_STATE="$(cd "$SY_STATE" 2>/dev/null && pwd || echo "$SY_STATE")"

# Ports/node name chosen at first start are remembered in $SY_STATE/config.env, so later calls
# (env, stop, restart) with the same state dir agree even without the overriding variables.
# Precedence: explicit environment > remembered config > defaults.
sy_load_config() {
  local f="$SY_STATE/config.env" line key val
  if [[ -f "$f" ]]; then
    while IFS= read -r line; do
      [[ "$line" =~ ^([A-Z0-9_]+)=(.*)$ ]] || continue
      key="${BASH_REMATCH[1]}" val="${BASH_REMATCH[2]}"
      if [[ -z "${!key:-}" ]]; then printf -v "$key" '%s' "$val"; fi
    done <"$f"
  fi
  SWITCHYARD_PG_PORT="${SWITCHYARD_PG_PORT:-55432}"
  SWITCHYARD_RABBITMQ_PORT="${SWITCHYARD_RABBITMQ_PORT:-55672}"
  SWITCHYARD_RABBITMQ_DIST_PORT="${SWITCHYARD_RABBITMQ_DIST_PORT:-55673}"
  SWITCHYARD_RABBITMQ_EPMD_PORT="${SWITCHYARD_RABBITMQ_EPMD_PORT:-54369}"
  SWITCHYARD_RABBITMQ_NODENAME="${SWITCHYARD_RABBITMQ_NODENAME:-switchyard-test@localhost}"
  SWITCHYARD_REDIS_PORT="${SWITCHYARD_REDIS_PORT:-56379}"
}
sy_save_config() {
  local f="$SY_STATE/config.env"
  {
    echo "# written by infra/services.sh; delete (with the service data) to change"
    echo "SWITCHYARD_PG_PORT=$SWITCHYARD_PG_PORT"
    echo "SWITCHYARD_RABBITMQ_PORT=$SWITCHYARD_RABBITMQ_PORT"
    echo "SWITCHYARD_RABBITMQ_DIST_PORT=$SWITCHYARD_RABBITMQ_DIST_PORT"
    echo "SWITCHYARD_RABBITMQ_EPMD_PORT=$SWITCHYARD_RABBITMQ_EPMD_PORT"
    echo "SWITCHYARD_RABBITMQ_NODENAME=$SWITCHYARD_RABBITMQ_NODENAME"
    echo "SWITCHYARD_REDIS_PORT=$SWITCHYARD_REDIS_PORT"
  } >"$f.tmp" && mv -f "$f.tmp" "$f"
}
sy_load_config

SY_ALL_SERVICES=(postgres rabbitmq redis)
SY_WAIT_SECONDS="${SWITCHYARD_SERVICES_TIMEOUT:-90}"

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
sy_log() { printf '[services] %s\n' "$*" >&2; }
sy_die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }
sy_is_root() { [[ "$(id -u)" == 0 ]]; }
sy_now_ms() { date +%s%3N; }
sy_elapsed() { local s="$1"; local e; e=$(sy_now_ms); printf '%d.%03ds' $(((e - s) / 1000)) $(((e - s) % 1000)); }

sy_random_secret() { # alphanumeric only: safe in connection strings, URLs and config files
  local n="${1:-32}" s=""
  while ((${#s} < n)); do s+="$(head -c 256 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')"; done
  printf '%s' "${s:0:n}"
}

# secret NAME -> prints the stored secret, generating it (mode 0600) on first use
sy_secret() {
  local dir="$SY_STATE/secrets" f
  f="$dir/$1"
  if [[ ! -s "$f" ]]; then
    mkdir -p "$dir" && chmod 0700 "$dir"
    (umask 077 && sy_random_secret 32 >"$f.tmp" && mv -f "$f.tmp" "$f")
  fi
  chmod 0600 "$f"
  cat "$f"
}
sy_has_secret() { [[ -s "$SY_STATE/secrets/$1" ]]; }

# sy_pid_alive PID [COMM]: running (not a zombie) and, if COMM is given, that program (guards
# against a stale pidfile whose pid was reused)
sy_pid_alive() {
  local pid="${1:-}" stat
  [[ -n "$pid" && "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/stat" ]]; then
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    [[ "${stat:0:1}" != Z ]] || return 1
    if [[ -n "${2:-}" ]]; then [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$2"* ]] || return 1; fi
  fi
  return 0
}
sy_read_pid() { [[ -f "$1" ]] && head -n1 "$1" 2>/dev/null | tr -dc '0-9'; }

sy_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait for a pid to exit; SIGKILL after the timeout
sy_wait_exit() {
  local pid="$1" timeout="${2:-30}" i
  for ((i = 0; i < timeout * 10; i++)); do sy_pid_alive "$pid" || return 0; sleep 0.1; done
  sy_log "pid $pid did not exit after ${timeout}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do sy_pid_alive "$pid" || return 0; sleep 0.1; done
  return 1
}

# serialise start/stop/restart across concurrent callers (tests may call restart in parallel)
sy_lock() {
  mkdir -p "$SY_STATE"
  exec 9>"$SY_STATE/.lock"
  if command -v flock >/dev/null 2>&1; then flock -w 600 9 || sy_die "could not lock $SY_STATE/.lock"; fi
}

sy_prepare_state_dir() {
  mkdir -p "$SY_STATE"
  chmod 0755 "$SY_STATE" # service users (postgres) must traverse it; secrets/ is 0700
  # keep the state dir out of git even when .gitignore does not list it
  [[ -f "$SY_STATE/.gitignore" ]] || echo '*' >"$SY_STATE/.gitignore"
}

# ---------------------------------------------------------------------------------------------
# Debian packages
# ---------------------------------------------------------------------------------------------
sy_pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

SY_APT_UPDATED=0
sy_apt_install() { # packages...
  local missing=() p
  for p in "$@"; do sy_pkg_installed "$p" || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  command -v apt-get >/dev/null || sy_die "missing packages (${missing[*]}) and no apt-get; install them by hand"
  local sudo=()
  if ! sy_is_root; then
    if ! { command -v sudo >/dev/null && sudo -n true 2>/dev/null; }; then
      sy_die "missing packages (${missing[*]}): run as root or with passwordless sudo, or install them by hand"
    fi
    sudo=(sudo -n)
  fi
  local start; start=$(sy_now_ms)
  sy_log "installing ${missing[*]} (apt-get, non-interactive, service auto-start disabled)"
  # A policy-rc.d that answers 101 stops the packages' maintainer scripts from starting the distro
  # services. Removed afterwards only if we created it.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e "$policy" ]]; then
    "${sudo[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 0755 $policy"
    created_policy=1
  fi
  local rc=0
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a apt-get -y -q
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold -o APT::Install-Recommends=false
    -o DPkg::Lock::Timeout=300)
  if ((SY_APT_UPDATED == 0)) && ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    "${apt[@]}" update >&2 || rc=$?
    SY_APT_UPDATED=1
  fi
  if ((rc == 0)); then
    if ! "${apt[@]}" install "${missing[@]}" >&2; then
      if ((SY_APT_UPDATED == 0)); then # stale lists: update once and retry
        SY_APT_UPDATED=1
        "${apt[@]}" update >&2 && "${apt[@]}" install "${missing[@]}" >&2 || rc=$?
      else
        rc=1
      fi
    fi
  fi
  if ((created_policy)); then "${sudo[@]}" rm -f "$policy"; fi
  ((rc == 0)) || sy_die "apt-get install ${missing[*]} failed"
  sy_log "installed ${missing[*]} in $(sy_elapsed "$start")"
}

sy_packages_for() {
  case "$1" in
    postgres) echo "postgresql" ;;
    rabbitmq) echo "rabbitmq-server" ;;
    redis) echo "redis-server" ;;
    chromium) echo "chromium fonts-liberation" ;;
    *) sy_die "unknown service '$1' (postgres, rabbitmq, redis)" ;;
  esac
}

sy_chromium_path() {
  local c
  for c in "${SWITCHYARD_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    [[ -n "$c" && -x "$c" ]] && { echo "$c"; return 0; }
  done
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || return 1
}

# Prometheus (the Debian package; its service is never started: tests and run-distributed.sh run their own instance)
sy_prometheus_path() {
  local c
  for c in "${SWITCHYARD_PROMETHEUS:-}" /usr/bin/prometheus; do
    [[ -n "$c" && -x "$c" ]] && { echo "$c"; return 0; }
  done
  command -v prometheus 2>/dev/null
}

sy_install_prometheus() {
  sy_apt_install prometheus
  local p; p="$(sy_prometheus_path)" || sy_die "prometheus not found after install"
  sy_log "prometheus: $p ($("$p" --version 2>/dev/null | head -n1))"
}

sy_install_chromium() {
  local pkgs; read -r -a pkgs <<<"$(sy_packages_for chromium)"
  sy_apt_install "${pkgs[@]}"
  local c; c="$(sy_chromium_path)" || sy_die "chromium not found after install"
  sy_log "chromium: $c ($("$c" --version 2>/dev/null | head -n1))"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
SY_PG_DIR="$SY_STATE/postgres"
SY_PG_DATA="$SY_PG_DIR/data"
SY_PG_RUN="$SY_PG_DIR/run"
SY_PG_LOG="$SY_PG_DIR/postgres.log"

sy_pg_bin() {
  local d
  d="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  [[ -n "$d" && -x "$d/pg_ctl" ]] || d="$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")"
  [[ -x "$d/pg_ctl" ]] || return 1
  echo "$d"
}

# run as the postgres OS user when we are root (postgres refuses to run as root)
sy_pg_user() { if sy_is_root; then echo postgres; else id -un; fi; }
sy_as_pg() {
  if sy_is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

sy_pg_pid() {
  local pid; pid="$(sy_read_pid "$SY_PG_DATA/postmaster.pid")"
  sy_pid_alive "$pid" postgres && echo "$pid"
}
sy_pg_running() { sy_pg_pid >/dev/null; }

sy_pg_start() {
  local start; start=$(sy_now_ms)
  if sy_pg_running; then sy_log "postgres already running (pid $(sy_pg_pid), port $SWITCHYARD_PG_PORT)"; return 0; fi
  sy_pg_bin >/dev/null || sy_apt_install postgresql
  local bin; bin="$(sy_pg_bin)" || sy_die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin"
  local user; user="$(sy_pg_user)"
  id "$user" >/dev/null 2>&1 || sy_die "OS user '$user' missing (the postgresql package creates it)"
  mkdir -p "$SY_PG_DIR" "$SY_PG_RUN"
  chown "$user" "$SY_PG_DIR" "$SY_PG_RUN"
  chmod 0700 "$SY_PG_RUN"

  if [[ -f "$SY_PG_DATA/PG_VERSION" ]] && ! sy_has_secret postgres.password; then
    sy_log "postgres data exists but its password file is gone: re-initialising the private cluster"
    rm -rf "$SY_PG_DATA"
  fi
  local password; password="$(sy_secret postgres.password)"

  if [[ ! -f "$SY_PG_DATA/PG_VERSION" ]]; then
    rm -rf "$SY_PG_DATA"
    local pwfile="$SY_PG_DIR/.initdb-pw"
    (umask 077 && printf '%s\n' "$password" >"$pwfile")
    chown "$user" "$pwfile"
    sy_log "initdb $SY_PG_DATA (superuser switchyard, scram-sha-256)"
    if ! sy_as_pg "$bin/initdb" -D "$SY_PG_DATA" -U switchyard --pwfile="$pwfile" \
      --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$SY_PG_DIR/initdb.log" 2>&1; then
      rm -f "$pwfile"; cat "$SY_PG_DIR/initdb.log" >&2; sy_die "initdb failed"
    fi
    rm -f "$pwfile"
  fi
  # (re)write our settings every start so port changes and edits here take effect
  cat >"$SY_PG_DIR/switchyard.conf" <<EOF
# managed by infra/services.sh
listen_addresses = '127.0.0.1'
port = $SWITCHYARD_PG_PORT
unix_socket_directories = '$SY_PG_RUN'
password_encryption = 'scram-sha-256'
max_connections = 1000
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
timezone = 'UTC'
EOF
  chown "$user" "$SY_PG_DIR/switchyard.conf"
  grep -q "^include_if_exists = '$SY_PG_DIR/switchyard.conf'" "$SY_PG_DATA/postgresql.conf" ||
    echo "include_if_exists = '$SY_PG_DIR/switchyard.conf'" >>"$SY_PG_DATA/postgresql.conf"
  # pg_hba from initdb: local/host(127.0.0.1, ::1) with scram-sha-256 — nothing else accepted.
  if sy_port_open "$SWITCHYARD_PG_PORT"; then sy_die "port $SWITCHYARD_PG_PORT is in use by another process (set SWITCHYARD_PG_PORT)"; fi
  touch "$SY_PG_LOG" && chown "$user" "$SY_PG_LOG"
  # setsid: the server must not die with the caller's session / Ctrl-C
  if ! sy_as_pg setsid "$bin/pg_ctl" -D "$SY_PG_DATA" -l "$SY_PG_LOG" -w -t "$SY_WAIT_SECONDS" start >"$SY_PG_DIR/pg_ctl.log" 2>&1 </dev/null 9>&-; then
    cat "$SY_PG_DIR/pg_ctl.log" >&2; tail -n 30 "$SY_PG_LOG" >&2; sy_die "postgres did not start"
  fi
  local i
  for ((i = 0; i < SY_WAIT_SECONDS * 10; i++)); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$SWITCHYARD_PG_PORT" && break
    sleep 0.1
  done
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$SWITCHYARD_PG_PORT" || sy_die "postgres not accepting connections on 127.0.0.1:$SWITCHYARD_PG_PORT"
  sy_log "postgres ready on 127.0.0.1:$SWITCHYARD_PG_PORT (pid $(sy_pg_pid)) in $(sy_elapsed "$start")"
}

sy_pg_stop() {
  if ! sy_pg_running; then sy_log "postgres not running"; return 0; fi
  local bin pid; bin="$(sy_pg_bin)"; pid="$(sy_pg_pid)"
  sy_as_pg "$bin/pg_ctl" -D "$SY_PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 || { kill -INT "$pid" 2>/dev/null || true; }
  sy_wait_exit "$pid" 30
  sy_log "postgres stopped"
}

# psql [args...] as the superuser over TCP
sy_psql() {
  local bin; bin="$(sy_pg_bin)"
  PGPASSWORD="$(sy_secret postgres.password)" "$bin/psql" -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$SWITCHYARD_PG_PORT" -U switchyard "$@"
}
# create a database if missing: sy_pg_create_db NAME
sy_pg_create_db() {
  local db="$1"
  [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || sy_die "bad database name '$db'"
  if [[ "$(sy_psql -d postgres -tAc "select 1 from pg_database where datname='$db'")" != 1 ]]; then
    sy_psql -d postgres -qc "create database \"$db\"" && sy_log "created database $db"
  fi
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------------------------
SY_RMQ_DIR="$SY_STATE/rabbitmq"
SY_RMQ_PIDFILE="$SY_RMQ_DIR/rabbitmq.pid"
SY_EPMD_PIDFILE="$SY_RMQ_DIR/epmd.pid"

sy_rmq_sbin() {
  local d
  for d in /usr/lib/rabbitmq/bin /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin; do
    [[ -x "$d/rabbitmq-server" ]] && { echo "$d"; return 0; }
  done
  return 1
}
sy_epmd_bin() {
  local e
  e="$(command -v epmd 2>/dev/null || printf '%s\n' /usr/lib/erlang/erts-*/bin/epmd | sort -V | tail -n1)"
  [[ -n "$e" && -x "$e" ]] && echo "$e"
}

# The environment every rabbitmq/erlang command of ours runs with. HOME points at our own dir so
# server and CLI share our private .erlang.cookie (never ~/.erlang.cookie or /var/lib/rabbitmq).
sy_rmq_env() {
  SY_RMQ_ENV=(
    HOME="$SY_RMQ_DIR/home"
    RABBITMQ_NODENAME="$SWITCHYARD_RABBITMQ_NODENAME"
    RABBITMQ_USE_LONGNAME=false
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    RABBITMQ_NODE_PORT="$SWITCHYARD_RABBITMQ_PORT"
    RABBITMQ_DIST_PORT="$SWITCHYARD_RABBITMQ_DIST_PORT"
    ERL_EPMD_PORT="$SWITCHYARD_RABBITMQ_EPMD_PORT"
    ERL_EPMD_ADDRESS=127.0.0.1
    RABBITMQ_BASE="$SY_RMQ_DIR"
    RABBITMQ_CONF_ENV_FILE="$SY_RMQ_DIR/rabbitmq-env.conf"
    RABBITMQ_CONFIG_FILE="$SY_RMQ_DIR/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$SY_RMQ_DIR/advanced.config"
    RABBITMQ_ENABLED_PLUGINS_FILE="$SY_RMQ_DIR/enabled_plugins"
    RABBITMQ_MNESIA_BASE="$SY_RMQ_DIR/mnesia"
    RABBITMQ_LOG_BASE="$SY_RMQ_DIR/log"
    RABBITMQ_PID_FILE="$SY_RMQ_PIDFILE"
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    RABBITMQ_LOGS="$SY_RMQ_DIR/log/rabbit.log"
    ERL_CRASH_DUMP="$SY_RMQ_DIR/log/erl_crash.dump"
    LANG=C.UTF-8 LC_ALL=C.UTF-8
  )
}
# run a rabbitmq CLI tool (rabbitmqctl, rabbitmq-diagnostics, …) against our node
sy_rmq_cli() {
  local tool="$1"; shift
  local sbin; sbin="$(sy_rmq_sbin)" || sy_die "rabbitmq-server not installed"
  sy_rmq_env
  (cd "$SY_RMQ_DIR" && env "${SY_RMQ_ENV[@]}" "$sbin/$tool" -n "$SWITCHYARD_RABBITMQ_NODENAME" "$@")
}

sy_rmq_pid() {
  local pid; pid="$(sy_read_pid "$SY_RMQ_PIDFILE")"
  sy_pid_alive "$pid" beam && echo "$pid"
}
sy_rmq_running() { sy_rmq_pid >/dev/null; }
sy_epmd_pid() {
  local pid; pid="$(sy_read_pid "$SY_EPMD_PIDFILE")"
  sy_pid_alive "$pid" epmd && echo "$pid"
}

sy_rmq_write_config() {
  local password="$1"
  mkdir -p "$SY_RMQ_DIR/home" "$SY_RMQ_DIR/mnesia" "$SY_RMQ_DIR/log"
  chmod 0700 "$SY_RMQ_DIR/home"
  local cookie="$SY_RMQ_DIR/home/.erlang.cookie"
  if [[ ! -s "$cookie" ]]; then (umask 077 && sy_random_secret 40 | tr '[:lower:]' '[:upper:]' >"$cookie"); fi
  chmod 0400 "$cookie"
  : >"$SY_RMQ_DIR/rabbitmq-env.conf" # do not read /etc/rabbitmq/rabbitmq-env.conf
  echo '[].' >"$SY_RMQ_DIR/enabled_plugins" # no management plugin, no other plugins
  echo '[].' >"$SY_RMQ_DIR/advanced.config"
  # default_user is created (and guest is not) when the node boots with an empty database.
  (umask 077 && cat >"$SY_RMQ_DIR/rabbitmq.conf" <<EOF
# managed by infra/services.sh
listeners.tcp.1 = 127.0.0.1:$SWITCHYARD_RABBITMQ_PORT
default_vhost = /
default_user = switchyard
default_pass = $password
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
loopback_users = none
disk_free_limit.absolute = 50MB
log.console = false
log.file.level = info
EOF
  )
}

# pid of an epmd listening on our private epmd port (e.g. one erl started itself after a crash)
sy_epmd_adopt() {
  command -v ss >/dev/null && [[ -d "$SY_RMQ_DIR" ]] || return 1
  local pid
  pid="$(ss -Hltnp "sport = :$SWITCHYARD_RABBITMQ_EPMD_PORT" 2>/dev/null | grep -o '"epmd",pid=[0-9]*' | head -n1 | grep -o '[0-9]*$')" || return 1
  sy_pid_alive "$pid" epmd || return 1
  echo "$pid" >"$SY_EPMD_PIDFILE"
}

sy_epmd_start() {
  if sy_epmd_pid >/dev/null; then return 0; fi
  local epmd; epmd="$(sy_epmd_bin)" || sy_die "epmd not found (erlang-base)"
  if sy_epmd_adopt; then return 0; fi
  if sy_port_open "$SWITCHYARD_RABBITMQ_EPMD_PORT"; then
    sy_die "port $SWITCHYARD_RABBITMQ_EPMD_PORT (epmd) is in use by another process (set SWITCHYARD_RABBITMQ_EPMD_PORT)"
  fi
  # foreground epmd in the background, so we own its pid (erl would otherwise daemonise its own)
  setsid "$epmd" -address 127.0.0.1 -port "$SWITCHYARD_RABBITMQ_EPMD_PORT" </dev/null >>"$SY_RMQ_DIR/log/epmd.log" 2>&1 9>&- &
  echo $! >"$SY_EPMD_PIDFILE"
  local i
  for ((i = 0; i < 100; i++)); do sy_port_open "$SWITCHYARD_RABBITMQ_EPMD_PORT" && return 0; sleep 0.05; done
  sy_die "epmd did not start on 127.0.0.1:$SWITCHYARD_RABBITMQ_EPMD_PORT"
}

sy_rmq_start() {
  local start; start=$(sy_now_ms)
  if sy_rmq_running; then sy_log "rabbitmq already running (pid $(sy_rmq_pid), port $SWITCHYARD_RABBITMQ_PORT)"; return 0; fi
  sy_rmq_sbin >/dev/null || sy_apt_install rabbitmq-server
  local sbin; sbin="$(sy_rmq_sbin)" || sy_die "rabbitmq-server scripts not found"
  mkdir -p "$SY_RMQ_DIR/log"
  if [[ -d "$SY_RMQ_DIR/mnesia" ]] && ! sy_has_secret rabbitmq.password; then
    sy_log "rabbitmq data exists but its password file is gone: resetting the private node"
    rm -rf "$SY_RMQ_DIR/mnesia"
  fi
  local password; password="$(sy_secret rabbitmq.password)"
  sy_rmq_write_config "$password"
  rm -f "$SY_RMQ_PIDFILE"
  local p
  for p in "$SWITCHYARD_RABBITMQ_PORT" "$SWITCHYARD_RABBITMQ_DIST_PORT"; do
    sy_port_open "$p" && sy_die "port $p is in use by another process (see SWITCHYARD_RABBITMQ_* ports)"
  done
  sy_epmd_start
  sy_rmq_env
  # foreground server in the background (rabbitmq-server -detached is deprecated); the server
  # writes its Erlang VM pid to RABBITMQ_PID_FILE.
  (cd "$SY_RMQ_DIR" && exec setsid env "${SY_RMQ_ENV[@]}" "$sbin/rabbitmq-server" </dev/null >>"$SY_RMQ_DIR/log/stdout.log" 2>&1 9>&-) &
  local launcher=$!
  local i ok=0
  for ((i = 0; i < SY_WAIT_SECONDS * 10; i++)); do
    if sy_port_open "$SWITCHYARD_RABBITMQ_PORT"; then ok=1; break; fi
    if ! sy_pid_alive "$launcher" && ! sy_rmq_running; then break; fi
    sleep 0.1
  done
  if ((ok == 0)); then
    tail -n 40 "$SY_RMQ_DIR/log/stdout.log" "$SY_RMQ_DIR/log/rabbit.log" >&2 2>/dev/null || true
    sy_die "rabbitmq did not open 127.0.0.1:$SWITCHYARD_RABBITMQ_PORT"
  fi
  # the AMQP listener opens at the end of boot; also wait for the pidfile
  for ((i = 0; i < 100; i++)); do sy_rmq_running && break; sleep 0.1; done
  sy_rmq_running || echo "$launcher" >"$SY_RMQ_PIDFILE"
  sy_log "rabbitmq ready on 127.0.0.1:$SWITCHYARD_RABBITMQ_PORT (node $SWITCHYARD_RABBITMQ_NODENAME, pid $(sy_rmq_pid)) in $(sy_elapsed "$start")"
}

sy_rmq_stop() { # [keep-epmd]
  local pid ours=0
  if pid="$(sy_rmq_pid)"; then
    ours=1
    # SIGTERM makes the Erlang VM run an orderly shutdown (same as `rabbitmqctl stop`, without
    # the ~2 s CLI start-up); it exits when done.
    kill -TERM "$pid" 2>/dev/null || true
    sy_wait_exit "$pid" 60
    rm -f "$SY_RMQ_PIDFILE"
    sy_log "rabbitmq stopped"
  else
    sy_log "rabbitmq not running"
  fi
  # an unrecorded epmd on our port is adopted only right after stopping our own node on it
  if [[ "${1:-}" != keep-epmd ]] && { pid="$(sy_epmd_pid)" || { ((ours)) && sy_epmd_adopt && pid="$(sy_epmd_pid)"; }; }; then
    kill -TERM "$pid" 2>/dev/null || true
    sy_wait_exit "$pid" 10
    rm -f "$SY_EPMD_PIDFILE"
  fi
}

# ---------------------------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------------------------
SY_REDIS_DIR="$SY_STATE/redis"
SY_REDIS_PIDFILE="$SY_REDIS_DIR/redis.pid"

sy_redis_pid() {
  local pid; pid="$(sy_read_pid "$SY_REDIS_PIDFILE")"
  sy_pid_alive "$pid" redis && echo "$pid"
}
sy_redis_running() { sy_redis_pid >/dev/null; }

sy_redis_start() {
  local start; start=$(sy_now_ms)
  if sy_redis_running; then sy_log "redis already running (pid $(sy_redis_pid), port $SWITCHYARD_REDIS_PORT)"; return 0; fi
  command -v redis-server >/dev/null || sy_apt_install redis-server
  mkdir -p "$SY_REDIS_DIR"
  rm -f "$SY_REDIS_PIDFILE"
  local password; password="$(sy_secret redis.password)"
  sy_port_open "$SWITCHYARD_REDIS_PORT" && sy_die "port $SWITCHYARD_REDIS_PORT is in use by another process (set SWITCHYARD_REDIS_PORT)"
  (umask 077 && cat >"$SY_REDIS_DIR/redis.conf" <<EOF
# managed by infra/services.sh
bind 127.0.0.1
port $SWITCHYARD_REDIS_PORT
protected-mode yes
requirepass $password
daemonize yes
pidfile $SY_REDIS_PIDFILE
logfile $SY_REDIS_DIR/redis.log
dir $SY_REDIS_DIR
save ""
appendonly no
databases 16
maxclients 1000
EOF
  )
  (cd "$SY_REDIS_DIR" && setsid redis-server "$SY_REDIS_DIR/redis.conf" </dev/null >/dev/null 2>&1 9>&-) ||
    { tail -n 20 "$SY_REDIS_DIR/redis.log" >&2; sy_die "redis-server failed to start"; }
  local i
  for ((i = 0; i < SY_WAIT_SECONDS * 10; i++)); do
    [[ "$(REDISCLI_AUTH="$password" redis-cli -h 127.0.0.1 -p "$SWITCHYARD_REDIS_PORT" ping 2>/dev/null)" == PONG ]] && sy_redis_running && break
    sleep 0.1
  done
  sy_redis_running || sy_die "redis not answering on 127.0.0.1:$SWITCHYARD_REDIS_PORT"
  sy_log "redis ready on 127.0.0.1:$SWITCHYARD_REDIS_PORT (pid $(sy_redis_pid)) in $(sy_elapsed "$start")"
}

sy_redis_stop() {
  local pid
  if ! pid="$(sy_redis_pid)"; then sy_log "redis not running"; return 0; fi
  REDISCLI_AUTH="$(sy_secret redis.password)" redis-cli -h 127.0.0.1 -p "$SWITCHYARD_REDIS_PORT" shutdown nosave >/dev/null 2>&1 ||
    kill -TERM "$pid" 2>/dev/null || true
  sy_wait_exit "$pid" 20
  rm -f "$SY_REDIS_PIDFILE"
  sy_log "redis stopped"
}

# ---------------------------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------------------------
sy_services_or_all() { if (($#)); then printf '%s\n' "$@"; else printf '%s\n' "${SY_ALL_SERVICES[@]}"; fi; }
sy_canon() {
  case "$1" in
    postgres | postgresql | pg) echo postgres ;;
    rabbitmq | rabbit | rabbitmq-server | amqp) echo rabbitmq ;;
    redis | redis-server) echo redis ;;
    chromium) echo chromium ;;
    *) sy_die "unknown service '$1' (postgres, rabbitmq, redis)" ;;
  esac
}

sy_running() {
  case "$(sy_canon "$1")" in
    postgres) sy_pg_running ;;
    rabbitmq) sy_rmq_running ;;
    redis) sy_redis_running ;;
    chromium) sy_chromium_path >/dev/null ;;
  esac
}

cmd_install() {
  local s pkgs=() p
  while read -r s; do
    s="$(sy_canon "$s")"
    for p in $(sy_packages_for "$s"); do pkgs+=("$p"); done
  done < <(sy_services_or_all "$@")
  sy_apt_install "${pkgs[@]}"
}

cmd_start() {
  local names=() s
  while read -r s; do names+=("$(sy_canon "$s")"); done < <(sy_services_or_all "$@")
  sy_lock
  sy_prepare_state_dir
  sy_save_config
  # install everything missing in one apt-get run
  local pkgs=() p
  for s in "${names[@]}"; do
    case "$s" in
      postgres) sy_pg_bin >/dev/null || pkgs+=(postgresql) ;;
      rabbitmq) sy_rmq_sbin >/dev/null || pkgs+=(rabbitmq-server) ;;
      redis) command -v redis-server >/dev/null || pkgs+=(redis-server) ;;
      chromium) for p in $(sy_packages_for chromium); do pkgs+=("$p"); done ;;
    esac
  done
  ((${#pkgs[@]} == 0)) || sy_apt_install "${pkgs[@]}"
  for s in "${names[@]}"; do
    case "$s" in
      postgres) sy_pg_start ;;
      rabbitmq) sy_rmq_start ;;
      redis) sy_redis_start ;;
      chromium) sy_install_chromium ;;
    esac
  done
}

cmd_stop() {
  local names=() s
  while read -r s; do names+=("$(sy_canon "$s")"); done < <(sy_services_or_all "$@")
  sy_lock
  for s in "${names[@]}"; do
    case "$s" in
      postgres) sy_pg_stop ;;
      rabbitmq) sy_rmq_stop ;;
      redis) sy_redis_stop ;;
      chromium) ;;
    esac
  done
}

cmd_restart() {
  local names=() s start
  while read -r s; do names+=("$(sy_canon "$s")"); done < <(sy_services_or_all "$@")
  sy_lock
  sy_prepare_state_dir
  for s in "${names[@]}"; do
    start=$(sy_now_ms)
    case "$s" in
      postgres) sy_pg_stop; sy_pg_start ;;
      rabbitmq) sy_rmq_stop keep-epmd; sy_rmq_start ;;
      redis) sy_redis_stop; sy_redis_start ;;
      chromium) ;;
    esac
    sy_log "restarted $s in $(sy_elapsed "$start")"
  done
}

cmd_status() {
  local rc=0 pid
  echo "state dir: $SY_STATE"
  if pid="$(sy_pg_pid)"; then echo "postgres: running  pid $pid  127.0.0.1:$SWITCHYARD_PG_PORT"; else echo "postgres: stopped"; rc=3; fi
  if pid="$(sy_rmq_pid)"; then echo "rabbitmq: running  pid $pid  127.0.0.1:$SWITCHYARD_RABBITMQ_PORT  node $SWITCHYARD_RABBITMQ_NODENAME  epmd pid $(sy_epmd_pid || echo -)"; else echo "rabbitmq: stopped"; rc=3; fi
  if pid="$(sy_redis_pid)"; then echo "redis:    running  pid $pid  127.0.0.1:$SWITCHYARD_REDIS_PORT"; else echo "redis:    stopped"; rc=3; fi
  if pid="$(sy_chromium_path)"; then echo "chromium: $pid"; else echo "chromium: not installed"; fi
  return $rc
}

# `export` lines for the services that are running (tests skip/fail clearly on missing ones)
cmd_env() {
  local q="'"
  printf 'export SWITCHYARD_SERVICES_DIR=%s\n' "$q$SY_STATE$q"
  printf 'export SWITCHYARD_TEST_SERVICES=%s\n' "$q$SY_SCRIPT$q"
  if sy_pg_running; then
    printf 'export SWITCHYARD_TEST_POSTGRES=%s\n' "${q}Host=127.0.0.1;Port=$SWITCHYARD_PG_PORT;Username=switchyard;Password=$(sy_secret postgres.password);Database=postgres$q"
  fi
  if sy_rmq_running; then
    printf 'export SWITCHYARD_TEST_RABBITMQ_HOST=%s\n' "${q}127.0.0.1$q"
    printf 'export SWITCHYARD_TEST_RABBITMQ_PORT=%s\n' "$q$SWITCHYARD_RABBITMQ_PORT$q"
    printf 'export SWITCHYARD_TEST_RABBITMQ_USER=%s\n' "${q}switchyard$q"
    printf 'export SWITCHYARD_TEST_RABBITMQ_PASSWORD=%s\n' "$q$(sy_secret rabbitmq.password)$q"
  fi
  if sy_redis_running; then
    printf 'export SWITCHYARD_TEST_REDIS=%s\n' "${q}127.0.0.1:$SWITCHYARD_REDIS_PORT,password=$(sy_secret redis.password)$q"
  fi
  local c
  if c="$(sy_chromium_path)"; then printf 'export SWITCHYARD_TEST_CHROMIUM=%s\n' "$q$c$q"; fi
  if c="$(sy_prometheus_path)"; then printf 'export SWITCHYARD_TEST_PROMETHEUS=%s\n' "$q$c$q"; fi
}

cmd_wipe() {
  cmd_stop
  local d
  for d in "$SY_PG_DIR" "$SY_RMQ_DIR" "$SY_REDIS_DIR" "$SY_STATE/secrets" "$SY_STATE/config.env"; do rm -rf "$d"; done
  sy_log "wiped service data under $SY_STATE"
}

sy_usage() {
  sed -n '2,12p' "$SY_SCRIPT" | sed 's/^# \{0,1\}//'
}

sy_main() {
  set -euo pipefail
  local cmd="${1:-}"
  (($#)) && shift
  case "$cmd" in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    restart) cmd_restart "$@" ;;
    status) cmd_status ;;
    env) cmd_env ;;
    running) (($# == 1)) || sy_die "usage: running NAME"; sy_running "$1" ;;
    install) cmd_install "$@" ;;
    install-chromium) sy_install_chromium ;;
    install-prometheus) sy_install_prometheus ;;
    wipe) cmd_wipe ;;
    psql) sy_psql "$@" ;;
    create-db) (($# == 1)) || sy_die "usage: create-db NAME"; sy_pg_create_db "$1" ;;
    rabbitmqctl | rabbitmq-diagnostics) sy_rmq_cli "$cmd" "$@" ;;
    -h | --help | help) sy_usage ;;
    *) sy_usage >&2; exit 2 ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then sy_main "$@"; fi
