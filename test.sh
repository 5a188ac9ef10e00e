#!/usr/bin/env bash
# Run every test of Switchyard: starts the private test services (PostgreSQL, RabbitMQ, Redis via
# infra/services.sh; Chromium for browser tests), builds once in Release, runs `dotnet test` on
# the solution, and ends with a line `N passed, M failed[, K skipped]` computed from the TRX files.
#
#   ./test.sh                          everything
#   ./test.sh --filter 'FullyQualifiedName~Keys'     extra args go to `dotnet test`
#
# Environment (all optional):
#   SWITCHYARD_SKIP_SERVICES=1   do not start PostgreSQL/RabbitMQ/Redis (tests needing them fail or skip)
#   SWITCHYARD_SKIP_CHROMIUM=1   do not install Chromium
#   SWITCHYARD_SKIP_PROMETHEUS=1 do not install Prometheus (the scrape/alert-rule tests then fail)
#   SWITCHYARD_SKIP_OIDC=1       do not install the SSO tests' OpenID Connect provider (npm ci in tests/EndToEndTests/Oidc)
#   SWITCHYARD_SKIP_BUILD=1      reuse the existing Release build
#   SWITCHYARD_TEST_RESULTS_DIR  where TRX files go (default artifacts/test-results)
#   SWITCHYARD_TEST_TIMEOUT      hard limit for the `dotnet test` run (default 70m)
#   SWITCHYARD_TEST_HANG_TIMEOUT a single test running longer than this aborts its test host (default 10m)
#   SWITCHYARD_TEST_MAXCPU       test assemblies run at once (default 1: the end-to-end tests restart
#                                the shared broker, so assemblies must not overlap)
#   SWITCHYARD_SERVICES_DIR      state dir of the services (default .test-services)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
REPO="$(pwd)"
SERVICES="$REPO/infra/services.sh"
RESULTS="${SWITCHYARD_TEST_RESULTS_DIR:-$REPO/artifacts/test-results}"

log() { printf '[test.sh] %s\n' "$*" >&2; }
now() { date +%s; }
T0=$(now)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_GENERATE_ASPNET_CERTIFICATE=false MSBUILDDISABLENODEREUSE=1
export DOTNET_CLI_UI_LANGUAGE=en

# --- .NET SDK --------------------------------------------------------------------------------
if ! command -v dotnet >/dev/null 2>&1; then
  for d in "${DOTNET_ROOT:-}" "$HOME/.dotnet" /usr/share/dotnet /usr/lib/dotnet; do
    if [[ -n "$d" && -x "$d/dotnet" ]]; then export PATH="$d:$PATH"; break; fi
  done
fi
if ! command -v dotnet >/dev/null 2>&1; then
  log "ERROR: the .NET SDK (dotnet, 10.0.100 or later, see global.json) is not installed or not on PATH."
  log "       Install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and re-run ./test.sh"
  exit 2
fi
if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  log "ERROR: no .NET 10 SDK found (dotnet --list-sdks: $(dotnet --list-sdks 2>/dev/null | tr '\n' ' '))"
  exit 2
fi
log "dotnet $(dotnet --version)"

PY="$(command -v python3 || true)"
[[ -n "$PY" ]] || PY=/usr/bin/python3
[[ -x "$PY" ]] || { log "ERROR: python3 is required (to summarise the TRX files)"; exit 2; }

# --- services --------------------------------------------------------------------------------
STARTED=()
cleanup() {
  local rc=$?
  if ((${#STARTED[@]})); then
    log "stopping services started by this run: ${STARTED[*]}"
    "$SERVICES" stop "${STARTED[@]}" >&2 2>&1 || true
    STARTED=()
  fi
  # lingering MSBuild/compiler servers would keep a CI job alive; locally other builds may use them
  if [[ "${CI:-}" == true ]]; then dotnet build-server shutdown >/dev/null 2>&1 || true; fi
  return $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ "${SWITCHYARD_SKIP_SERVICES:-0}" != 1 ]]; then
  t=$(now)
  for s in postgres rabbitmq redis; do
    "$SERVICES" running "$s" || STARTED+=("$s")
  done
  "$SERVICES" start postgres rabbitmq redis
  log "services ready in $(($(now) - t))s"
fi
if [[ "${SWITCHYARD_SKIP_CHROMIUM:-0}" != 1 ]]; then
  t=$(now)
  "$SERVICES" install-chromium
  log "chromium ready in $(($(now) - t))s"
fi
if [[ "${SWITCHYARD_SKIP_OIDC:-0}" != 1 ]]; then
  # the real OpenID Connect provider of the SSO tests (npm package oidc-provider, pinned by package-lock.json)
  t=$(now)
  command -v npm >/dev/null 2>&1 || { apt-get install -y -qq nodejs npm >/dev/null 2>&1 || log "WARNING: npm is missing and could not be installed (the SSO tests then fail)"; }
  npm ci --prefix tests/EndToEndTests/Oidc --no-audit --no-fund --loglevel=error </dev/null >&2 || log "WARNING: npm ci in tests/EndToEndTests/Oidc failed (the SSO tests then fail)"
  log "oidc-provider ready in $(($(now) - t))s"
fi
if [[ "${SWITCHYARD_SKIP_PROMETHEUS:-0}" != 1 ]]; then
  t=$(now)
  "$SERVICES" install-prometheus
  log "prometheus ready in $(($(now) - t))s"
fi
eval "$("$SERVICES" env)"
log "test environment: $(env | grep -o '^SWITCHYARD_TEST_[A-Z_]*' | sort | tr '\n' ' ')"

# --- build once ------------------------------------------------------------------------------
summary() { # prints failed tests and the `N passed, M failed[, K skipped]` line; exit 0 iff none failed
  "$PY" - "$RESULTS" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET
root = sys.argv[1]
passed = failed = skipped = 0
failures = []
for path in sorted(glob.glob(os.path.join(root, "**", "*.trx"), recursive=True)):
    try:
        tree = ET.parse(path)
    except ET.ParseError as e:
        print(f"warning: cannot parse {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    for r in tree.iter():
        if not r.tag.endswith("}UnitTestResult") and r.tag != "UnitTestResult":
            continue
        outcome = r.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending", "Disconnected", "Warning"):
            skipped += 1
        else:  # Failed, Error, Timeout, Aborted, ...
            failed += 1
            # the message's first lines and where it was thrown: a CI log must be enough to see why it failed
            lines = []
            for el in r.iter():
                if el.tag.endswith("}Message") and el.text:
                    lines += [l[:300] for l in el.text.strip().splitlines()[:12]]
                elif el.tag.endswith("}StackTrace") and el.text:
                    lines += [l.strip()[:300] for l in el.text.strip().splitlines()[:3]]
            msg = "\n      ".join(lines)
            failures.append(f"  {outcome}: {r.get('testName')}" + (f"\n      {msg}" if msg else ""))
if failures:
    print("Failed tests:")
    for f in failures[:100]:
        print(f)
    if len(failures) > 100:
        print(f"  ... and {len(failures) - 100} more")
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
PY
}

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

if [[ "${SWITCHYARD_SKIP_BUILD:-0}" != 1 ]]; then
  # NuGetAudit (Directory.Build.props): a known-vulnerable package fails the restore in CI. Say once when the package
  # source has no vulnerability data to audit against (NU1905, e.g. an offline or partial mirror).
  if audit="$(dotnet restore Platform.sln -nologo -v minimal -p:SwitchyardAuditReport=true </dev/null 2>&1)"; then
    if grep -q NU1905 <<<"$audit"; then
      log "NuGet audit: NOT checked — the audit source served no vulnerability data (NU1905; offline or partial mirror)"
    elif grep -qE 'NU190[1-4]' <<<"$audit"; then
      grep -E 'NU190[1-4]' <<<"$audit" | sort -u >&2
      log "NuGet audit: packages with known vulnerabilities (above; errors when CI=true)"
    else
      log "NuGet audit: no known-vulnerable packages"
    fi
  else
    grep -E 'NU190[0-9]|error' <<<"$audit" | sort -u | head -n 30 >&2 || true
    log "RESTORE FAILED (see above; NU1901-NU1904: a package with a known vulnerability); no tests were run"
    cleanup
    echo "0 passed, 0 failed"
    exit 1
  fi
  t=$(now)
  log "dotnet build Platform.sln -c Release"
  if ! dotnet build Platform.sln -c Release -nologo -v minimal </dev/null; then
    log "BUILD FAILED after $(($(now) - t))s; no tests were run"
    cleanup
    echo "0 passed, 0 failed"
    exit 1
  fi
  log "build took $(($(now) - t))s"
fi

# --- test ------------------------------------------------------------------------------------
t=$(now)
test_rc=0
timeout --kill-after=60s "${SWITCHYARD_TEST_TIMEOUT:-70m}" \
  dotnet test Platform.sln -c Release --no-build -nologo \
  "-maxcpucount:${SWITCHYARD_TEST_MAXCPU:-1}" \
  --results-directory "$RESULTS" \
  --logger "trx" \
  --logger "console;verbosity=normal" \
  --blame-hang-timeout "${SWITCHYARD_TEST_HANG_TIMEOUT:-10m}" --blame-hang-dump-type none \
  "$@" </dev/null || test_rc=$?
if ((test_rc == 124 || test_rc == 137)); then log "dotnet test hit the time limit (${SWITCHYARD_TEST_TIMEOUT:-70m})"; fi
log "dotnet test exited $test_rc after $(($(now) - t))s (total $(($(now) - T0))s); results in $RESULTS"

# stop services before the summary so it stays the last line
cleanup
summary_rc=0
summary || summary_rc=$?
if ((test_rc != 0)); then exit "$test_rc"; fi
exit "$summary_rc"
