#!/usr/bin/env bash
# The real infrastructure of the distributed mode on this machine: a
# single-node Kafka (deploy/kafka/kafka.sh) with a plaintext listener, a second one
# secured as production runs it (SASL/SCRAM over TLS, ACLs per principal: the
# distributed end-to-end test's broker, OCOP_SECURE_KAFKA_PORT [29192], state under
# <state>/secure), PostgreSQL
# (deploy/postgres/postgres.sh), Keycloak, the OpenID Connect provider
# (deploy/keycloak/keycloak.sh), and SeaweedFS, the S3-compatible document store
# (deploy/seaweedfs/seaweedfs.sh; built once from the Go module proxy, ~5 min). Used by
# `make test`, CI and by hand.
#
# Usage: deploy/infra.sh up|down|status|env
#
#   up      fetch Kafka, start it and create the topics; install/start
#           PostgreSQL, create the role and databases; fetch and start
#           Keycloak with the ocop realm; build and start SeaweedFS with its
#           bucket; build promtool (alert rule tests) and install the CRD schema
#           validators (Kubernetes manifest tests). Safe to repeat: a second run
#           downloads nothing, formats nothing and only checks.
#   down    stop the broker, the PostgreSQL cluster (data is kept), Keycloak, SeaweedFS
#   status  exit 0 when all five answer, 1 otherwise
#   env     print `export` lines for clients:  eval "$(deploy/infra.sh env)"
#           (not the document store's: a process uses S3 only when given OCOP_S3_*,
#           `deploy/seaweedfs/seaweedfs.sh env`; else documents are files)
#
# Every variable of kafka.sh and postgres.sh applies (KAFKA_PORT, OCOP_PG_PORT,
# OCOP_CACHE_DIR, OCOP_STATE_DIR, KEYCLOAK_PORT, ...); see the top of those scripts.
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA="$DEPLOY_DIR/kafka/kafka.sh"
POSTGRES="$DEPLOY_DIR/postgres/postgres.sh"
KEYCLOAK="$DEPLOY_DIR/keycloak/keycloak.sh"
STATE_ROOT="$(realpath -m "${OCOP_STATE_DIR:-$DEPLOY_DIR/../.state}")"
SECURE_PORT="${OCOP_SECURE_KAFKA_PORT:-29192}"

# kafka.sh for the secured broker: its own ports and state dir (a data dir formatted
# with SCRAM principals stays so), the same jar cache.
secure_kafka() {
  KAFKA_SECURITY=sasl_ssl KAFKA_PORT="$SECURE_PORT" KAFKA_CONTROLLER_PORT="$((SECURE_PORT + 1))" \
    KAFKA_HEAP_OPTS="${KAFKA_SECURE_HEAP_OPTS:--Xms128m -Xmx512m}" \
    OCOP_STATE_DIR="$STATE_ROOT/secure" "$KAFKA" "$@"
}
SEAWEEDFS="$DEPLOY_DIR/seaweedfs/seaweedfs.sh"

say() { printf '[infra] %s\n' "$*"; }

STEPS=()
TOTAL_START="$EPOCHREALTIME"

# Run one step and record how long it took; stop at the first failure.
step() {
  local name="$1" start rc=0
  shift
  start="$EPOCHREALTIME"
  "$@" || rc=$?
  STEPS+=("$(printf '%-28s %7.1fs%s' "$name" "$(elapsed "$start")" "$( ((rc)) && echo "  FAILED (exit $rc)")")")
  if ((rc)); then
    summary
    exit "$rc"
  fi
}

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

summary() {
  local line
  say "timings:"
  for line in "${STEPS[@]}"; do printf '[infra]   %s\n' "$line"; done
  printf '[infra]   %-28s %7.1fs\n' "total" "$(elapsed "$TOTAL_START")"
}

cmd_up() {
  step "kafka fetch" "$KAFKA" fetch
  step "kafka start + topics" "$KAFKA" start
  step "kafka (SASL/TLS) + ACLs" secure_kafka start
  step "postgres install" "$POSTGRES" install
  step "postgres start + databases" "$POSTGRES" start
  step "keycloak fetch" "$KEYCLOAK" fetch
  step "keycloak start + realm" "$KEYCLOAK" start
  step "seaweedfs build" "$SEAWEEDFS" build
  step "seaweedfs start + bucket" "$SEAWEEDFS" start
  step "promtool build" "$DEPLOY_DIR/prometheus/promtool.sh" fetch
  step "CRD validators (npm)" "$DEPLOY_DIR/kubernetes/crd-validators/fetch.sh"
  step "browser install (apt)" "$DEPLOY_DIR/browser/browser.sh" install
  summary
  say "up. For clients: eval \"\$($0 env)\""
}

cmd_down() {
  local rc=0
  "$KAFKA" stop || rc=$?
  secure_kafka stop || rc=$?
  "$POSTGRES" stop || rc=$?
  "$KEYCLOAK" stop || rc=$?
  "$SEAWEEDFS" stop || rc=$?
  return "$rc"
}

cmd_status() {
  local rc=0
  "$KAFKA" status || rc=1
  secure_kafka status || rc=1
  "$POSTGRES" status || rc=1
  "$KEYCLOAK" status || rc=1
  "$SEAWEEDFS" status || rc=1
  return "$rc"
}

cmd_env() {
  printf 'export OCOP_KAFKA_BOOTSTRAP=%q\n' "${KAFKA_HOST:-127.0.0.1}:${KAFKA_PORT:-19092}"
  printf 'export OCOP_SECURE_KAFKA_PORT=%q\n' "$SECURE_PORT"
  printf 'export OCOP_PG_HOST=%q\n' "${OCOP_PG_HOST:-127.0.0.1}"
  printf 'export OCOP_PG_PORT=%q\n' "${OCOP_PG_PORT:-5432}"
  printf 'export OCOP_PG_USER=%q\n' "${OCOP_PG_USER:-ocop}"
  printf 'export OCOP_PG_PASSWORD=%q\n' "${OCOP_PG_PASSWORD:-ocop}"
  "$KEYCLOAK" env
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
