#!/usr/bin/env bash
# Keycloak (the OpenID Connect provider of the distributed mode) for
# development, tests and CI. Keycloak has no Debian or Python package: the
# Quarkus distribution comes from Maven Central into a cache outside the
# repository, is unpacked once, and runs on a Java 21+ (Temurin 25 here).
# It runs `start-dev` on 127.0.0.1 with an in-memory database: every start
# imports deploy/keycloak/realm-ocop.json afresh (roles, a client per service,
# the CLI and console clients, demo users), so a restart always gives the
# realm the repository describes. Signing keys are new at every start: tokens
# issued before a restart are refused after it.
#
# Usage: deploy/keycloak/keycloak.sh fetch|start|stop|status|logs [N]|env
#
#   fetch    download and unpack the distribution (skipped when complete)
#   start    fetch, start, wait for the realm's discovery document, import the realm
#   stop     SIGTERM, wait up to KEYCLOAK_STOP_TIMEOUT s, then SIGKILL
#   status   exit 0 when the server runs and serves the realm, 1 otherwise
#   logs [N] the last N lines of the server log
#   env      print `export` lines for clients (issuer URL)
#
# Environment (defaults in brackets):
#   KEYCLOAK_VERSION        keycloak-quarkus-dist version on Maven Central [26.5.6]
#   KEYCLOAK_HOST           address the server binds to [127.0.0.1]
#   KEYCLOAK_PORT           HTTP port [18080]
#   KEYCLOAK_MGMT_PORT      management (health) port [19000]
#   KEYCLOAK_JAVA_HOME      a JDK 21+ [the Temurin 25 under /usr/lib/jvm, else `java` on PATH]
#   KEYCLOAK_HEAP_OPTS      JVM heap [-Xms64m -Xmx768m]
#   KEYCLOAK_WAIT_TIMEOUT   seconds `start` waits for the realm [240]
#   KEYCLOAK_STOP_TIMEOUT   seconds `stop` waits before SIGKILL [30]
#   KEYCLOAK_REALM_FILE     realm to import [deploy/keycloak/realm-ocop.json]
#   OCOP_CACHE_DIR          distribution cache root [$HOME/.cache/ocop]
#   OCOP_STATE_DIR          runtime state root [<repo>/.state]; Keycloak uses <it>/keycloak
#   OCOP_PYTHON             Python for the realm import [<repo>/.venv/bin/python]
#   OCOP_MAVEN_REPO         Maven local repository [Maven's default, ~/.m2/repository]
set -euo pipefail

# shellcheck source=deploy/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.5.6}"
KEYCLOAK_HOST="${KEYCLOAK_HOST:-127.0.0.1}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-18080}"
KEYCLOAK_MGMT_PORT="${KEYCLOAK_MGMT_PORT:-19000}"
KEYCLOAK_HEAP_OPTS="${KEYCLOAK_HEAP_OPTS:--Xms64m -Xmx768m}"
KEYCLOAK_WAIT_TIMEOUT="${KEYCLOAK_WAIT_TIMEOUT:-240}"
KEYCLOAK_STOP_TIMEOUT="${KEYCLOAK_STOP_TIMEOUT:-30}"
KEYCLOAK_REALM_FILE="${KEYCLOAK_REALM_FILE:-$SCRIPT_DIR/realm-ocop.json}"

KC_HOME="$OCOP_CACHE_DIR/keycloak-$KEYCLOAK_VERSION"
COMPLETE_MARKER="$KC_HOME/.complete"
STATE_DIR="$OCOP_STATE_DIR/keycloak"
PID_FILE="$STATE_DIR/keycloak.pid"
SERVER_LOG="$STATE_DIR/keycloak.log"
ADMIN_FILE="$STATE_DIR/admin-password"
BASE_URL="http://$KEYCLOAK_HOST:$KEYCLOAK_PORT"
ISSUER="$BASE_URL/realms/ocop"

die() {
  err "$*"
  [[ -s "$SERVER_LOG" ]] && { printf -- '----- last 40 lines of %s -----\n' "$SERVER_LOG" >&2; tail -n 40 "$SERVER_LOG" >&2; }
  exit 1
}

java_home() {
  if [[ -n "${KEYCLOAK_JAVA_HOME:-}" ]]; then echo "$KEYCLOAK_JAVA_HOME"; return; fi
  local candidate
  for candidate in /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/temurin-2[1-9]-jdk-* /usr/lib/jvm/java-2[1-9]-openjdk-*; do
    [[ -x "$candidate/bin/java" ]] && { echo "$candidate"; return; }
  done
  command -v java >/dev/null && dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

# The pid of our server, or nothing (a stale pid file or a reused pid does not count).
server_pid() { pid_of "$PID_FILE" "--http-port $KEYCLOAK_PORT"; }
# Commands lock the state dir and the shared distribution (start-dev re-augments the
# distribution in place when its build options change): `take_lock`, deploy/common.sh.

cmd_fetch() {
  [[ -f "$COMPLETE_MARKER" ]] && { say "Keycloak $KEYCLOAK_VERSION already in cache: $KC_HOME"; return 0; }
  [[ -n "${HAVE_CACHE_LOCK:-}" ]] || take_lock 8 "$KC_HOME.lock"
  [[ -f "$COMPLETE_MARKER" ]] && { say "Keycloak $KEYCLOAK_VERSION already in cache: $KC_HOME"; return 0; }
  command -v mvn >/dev/null || { err "mvn not found (Debian: apt-get install -y maven)"; exit 1; }
  command -v unzip >/dev/null || { err "unzip not found (Debian: apt-get install -y unzip)"; exit 1; }
  local work
  work="$(mktemp -d)"
  # shellcheck disable=SC2064  # expand $work now
  trap "rm -rf '$work'" EXIT
  say "fetching org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip from Maven Central"
  maven_run "$work/mvn.log" "org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION (network? version?)" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$work"
  unzip -q "$work/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$work/unpacked"
  rm -rf "$KC_HOME"
  mv "$work/unpacked/keycloak-$KEYCLOAK_VERSION" "$KC_HOME"
  printf 'keycloak=%s fetched=%s\n' "$KEYCLOAK_VERSION" "$(date -u +%FT%TZ)" >"$COMPLETE_MARKER"
  say "unpacked $(du -sh "$KC_HOME" | cut -f1) into $KC_HOME"
}

realm_served() { "$OCOP_PYTHON" "$SCRIPT_DIR/import_realm.py" --base-url "$BASE_URL" --check >/dev/null 2>&1; }

cmd_start() {
  local pid jhome heap start="$EPOCHREALTIME"
  pid="$(server_pid)"
  if [[ -n "$pid" ]] && realm_served; then
    say "already running (pid $pid), issuer $ISSUER"
    return 0
  fi
  if [[ -z "$pid" ]]; then
    take_lock 8 "$KC_HOME.lock"
    HAVE_CACHE_LOCK=1
    cmd_fetch
    port_open "$KEYCLOAK_HOST" "$KEYCLOAK_PORT" && { err "port $KEYCLOAK_PORT is taken by another process; set KEYCLOAK_PORT"; exit 1; }
    port_open "$KEYCLOAK_HOST" "$KEYCLOAK_MGMT_PORT" && { err "port $KEYCLOAK_MGMT_PORT is taken by another process; set KEYCLOAK_MGMT_PORT"; exit 1; }
    jhome="$(java_home)"
    [[ -x "$jhome/bin/java" ]] || { err "no Java 21+ found; set KEYCLOAK_JAVA_HOME"; exit 1; }
    mkdir -p "$STATE_DIR"
    if [[ ! -s "$ADMIN_FILE" ]]; then
      (umask 077 && "$OCOP_PYTHON" -c 'import secrets; print(secrets.token_urlsafe(24))' >"$ADMIN_FILE")
    fi
    read -r -a heap <<<"$KEYCLOAK_HEAP_OPTS"
    say "starting Keycloak $KEYCLOAK_VERSION on $BASE_URL (java $jhome), log $SERVER_LOG"
    : >"$SERVER_LOG"
    # The admin password goes through the environment, never a command line.
    (
      export JAVA_HOME="$jhome" JAVA_OPTS_APPEND="${heap[*]}" KC_BOOTSTRAP_ADMIN_USERNAME=admin
      KC_BOOTSTRAP_ADMIN_PASSWORD="$(cat "$ADMIN_FILE")"
      export KC_BOOTSTRAP_ADMIN_PASSWORD
      launch_detached "$PID_FILE" "$SERVER_LOG" "$KC_HOME/bin/kc.sh" start-dev \
        --http-host "$KEYCLOAK_HOST" --http-port "$KEYCLOAK_PORT" \
        --http-management-port "$KEYCLOAK_MGMT_PORT" --db dev-mem --health-enabled true
    )
  fi
  say "waiting up to ${KEYCLOAK_WAIT_TIMEOUT}s, then importing $KEYCLOAK_REALM_FILE"
  KEYCLOAK_ADMIN_PASSWORD="$(cat "$ADMIN_FILE")" "$OCOP_PYTHON" "$SCRIPT_DIR/import_realm.py" \
    --base-url "$BASE_URL" --realm-file "$KEYCLOAK_REALM_FILE" --timeout "$KEYCLOAK_WAIT_TIMEOUT" \
    --pid-file "$PID_FILE" || die "Keycloak did not come up with the realm"
  say "ready after $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')s, issuer $ISSUER"
}

cmd_stop() { stop_pid "$PID_FILE" "$(server_pid)" "$KEYCLOAK_STOP_TIMEOUT" Keycloak; }

cmd_status() {
  local pid
  pid="$(server_pid)"
  [[ -n "$pid" ]] || { say "not running (state dir $STATE_DIR)"; return 1; }
  if realm_served; then
    say "running (pid $pid), issuer $ISSUER"
  else
    say "running (pid $pid) but the realm is not served yet"
    return 1
  fi
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    fetch) cmd_fetch ;;
    start) locked cmd_start ;;
    stop) locked cmd_stop ;;
    status) cmd_status ;;
    logs) tail -n "${1:-100}" "$SERVER_LOG" ;;
    env) printf 'export OCOP_OIDC_ISSUER=%q\n' "$ISSUER" ;;
    *) usage ;;
  esac
}

main "$@"
