#!/usr/bin/env bash
# Local PostgreSQL for development, tests and CI: the Debian cluster managed
# with postgresql-common (pg_createcluster / pg_ctlcluster), one login role and
# one database per service. Needs root (or passwordless sudo) for install and
# cluster control; everything is idempotent.
#
# Usage: deploy/postgres/postgres.sh install|start|stop|status|create-dbs|reset-dbs [DB...]|dsn [DB]
#
#   install         apt-get install postgresql when the server binaries are missing
#   start           install, create the cluster if none, start it, wait, create role + dbs
#   stop            stop the cluster
#   status          exit 0 when the server accepts connections, 1 otherwise
#   create-dbs      create the role and the databases that are missing
#   reset-dbs       drop and recreate the databases (all of them, or those named)
#   dsn [DB]        print the libpq URL of DB [ocop_test]
#
# Environment (defaults in brackets):
#   OCOP_PG_HOST           address clients use [127.0.0.1]
#   OCOP_PG_PORT           cluster port [5432]
#   OCOP_PG_USER           login role that owns the databases [ocop]
#   OCOP_PG_PASSWORD       its password [ocop]
#   OCOP_PG_DATABASES      databases to create [ocop_registration ocop_evaluation
#                          ocop_promotion ocop_inspection ocop_reporting ocop_test]
#   OCOP_PG_VERSION        server major version [newest under /usr/lib/postgresql]
#   OCOP_PG_CLUSTER        Debian cluster name [main]
#   OCOP_PG_START_TIMEOUT  seconds to wait for pg_isready [60]
#   OCOP_PG_MAX_CONNECTIONS  the cluster's max_connections; a change restarts it [400]
set -euo pipefail

# shellcheck source=deploy/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

OCOP_PG_HOST="${OCOP_PG_HOST:-127.0.0.1}"
OCOP_PG_PORT="${OCOP_PG_PORT:-5432}"
OCOP_PG_USER="${OCOP_PG_USER:-ocop}"
OCOP_PG_PASSWORD="${OCOP_PG_PASSWORD:-ocop}"
OCOP_PG_DATABASES="${OCOP_PG_DATABASES:-ocop_registration ocop_evaluation ocop_promotion ocop_inspection ocop_reporting ocop_test}"
OCOP_PG_VERSION="${OCOP_PG_VERSION:-}"
OCOP_PG_CLUSTER="${OCOP_PG_CLUSTER:-main}"
OCOP_PG_START_TIMEOUT="${OCOP_PG_START_TIMEOUT:-60}"
# Every process of the distributed tests holds a pool (OCOP_PG_POOL_SIZE, 5) and a
# health connection: seventeen processes and the tests themselves pass the default 100.
OCOP_PG_MAX_CONNECTIONS="${OCOP_PG_MAX_CONNECTIONS:-400}"

HBA_MARK="# ocop: password login over TCP for the dev role (deploy/postgres/postgres.sh)"

# Serialise the commands that change things: two `make test` runs at once must
# not race on CREATE DATABASE or on starting the cluster. Held until exit; the
# server started under it must not inherit it (9>&- below).
lock_cluster() { take_lock 9 "${TMPDIR:-/tmp}/ocop-postgres-$OCOP_PG_PORT.lock"; }

# Run as root: directly, or through passwordless sudo.
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    err "'$*' needs root; run as root or give this user passwordless sudo"
    exit 1
  fi
}

# Run as the postgres OS user (peer authentication on the local socket).
as_postgres() {
  if [[ "$(id -un)" == postgres ]]; then
    "$@"
  elif [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && as_root -u postgres "$@")
  fi
}

pg_version() {
  if [[ -n "$OCOP_PG_VERSION" ]]; then
    echo "$OCOP_PG_VERSION"
    return 0
  fi
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$bin" ]] && basename "$(dirname "$(dirname "$bin")")"
  return 0
}

installed() {
  local v
  v="$(pg_version)"
  [[ -n "$v" && -x "/usr/lib/postgresql/$v/bin/postgres" ]] && command -v pg_ctlcluster >/dev/null
}

# "<port> <status> <logfile>" of our cluster, or nothing.
cluster_info() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$OCOP_PG_CLUSTER" '$1 == v && $2 == c { print $3, $4, $7 }'
}

log_file() {
  local info
  info="$(cluster_info "$1")"
  if [[ -n "$info" ]]; then awk '{ print $3 }' <<<"$info"; else echo "/var/log/postgresql/postgresql-$1-$OCOP_PG_CLUSTER.log"; fi
}

# Configuration or usage mistakes: the server log would not help.
fail() {
  err "$*"
  exit 1
}

# Server-side failures: show the cluster log too.
die() {
  err "$*"
  local v f
  v="$(pg_version)"
  if [[ -n "$v" ]]; then
    f="$(log_file "$v")"
    if [[ -r "$f" ]]; then
      printf -- '----- last 40 lines of %s -----\n' "$f" >&2
      tail -n 40 "$f" >&2
    fi
  fi
  exit 1
}

psql_admin() {
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$OCOP_PG_PORT" -d postgres \
    -v user="$OCOP_PG_USER" -v pw="$OCOP_PG_PASSWORD" -v dbs="$OCOP_PG_DATABASES" "$@"
}

cmd_install() {
  if installed; then
    say "PostgreSQL $(pg_version) already installed"
    return 0
  fi
  command -v apt-get >/dev/null || fail "PostgreSQL server binaries are missing and there is no apt-get: install PostgreSQL 15+ by hand"
  say "installing the Debian package postgresql (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql \
    || die "apt-get install postgresql failed"
  installed || die "postgresql installed but no server binaries under /usr/lib/postgresql"
  say "installed PostgreSQL $(pg_version)"
}

ensure_cluster() {
  local v="$1" info port
  info="$(cluster_info "$v")"
  if [[ -z "$info" ]]; then
    say "creating cluster $v/$OCOP_PG_CLUSTER on port $OCOP_PG_PORT (UTF8)"
    as_root pg_createcluster --port "$OCOP_PG_PORT" --encoding UTF8 --locale C.UTF-8 "$v" "$OCOP_PG_CLUSTER" >/dev/null \
      || die "pg_createcluster $v $OCOP_PG_CLUSTER failed"
    info="$(cluster_info "$v")"
  fi
  port="$(awk '{ print $1 }' <<<"$info")"
  if [[ "$port" != "$OCOP_PG_PORT" ]]; then
    fail "cluster $v/$OCOP_PG_CLUSTER uses port $port, not OCOP_PG_PORT=$OCOP_PG_PORT (set OCOP_PG_PORT=$port, or change /etc/postgresql/$v/$OCOP_PG_CLUSTER/postgresql.conf)"
  fi
}

pg_ready() {
  pg_isready -q -h "$OCOP_PG_HOST" -p "$OCOP_PG_PORT" -U "$OCOP_PG_USER" -d postgres
}

wait_ready() {
  local waited=0
  until pg_ready; do
    if ((waited >= OCOP_PG_START_TIMEOUT * 2)); then
      die "PostgreSQL on $OCOP_PG_HOST:$OCOP_PG_PORT not ready within ${OCOP_PG_START_TIMEOUT}s"
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
}

# max_connections of the cluster; prints "restart" when it changed (it needs one).
ensure_max_connections() {
  local v="$1" current
  current="$(as_root pg_conftool -s "$v" "$OCOP_PG_CLUSTER" show max_connections 2>/dev/null || true)"
  if [[ "$current" != "$OCOP_PG_MAX_CONNECTIONS" ]]; then
    say "max_connections ${current:-100} -> $OCOP_PG_MAX_CONNECTIONS" >&2
    as_root pg_conftool "$v" "$OCOP_PG_CLUSTER" set max_connections "$OCOP_PG_MAX_CONNECTIONS" >&2 \
      || die "could not set max_connections"
    echo restart
  fi
}

cmd_start() {
  cmd_install
  local v status changed
  v="$(pg_version)"
  ensure_cluster "$v"
  changed="$(ensure_max_connections "$v")"
  status="$(cluster_info "$v" | awk '{ print $2 }')"
  if [[ "$status" == online* && "$changed" == restart ]]; then
    say "restarting cluster $v/$OCOP_PG_CLUSTER for max_connections"
    as_root pg_ctlcluster "$v" "$OCOP_PG_CLUSTER" restart 9>&- || die "pg_ctlcluster $v $OCOP_PG_CLUSTER restart failed"
    status="$(cluster_info "$v" | awk '{ print $2 }')"
  fi
  if [[ "$status" == online* ]]; then
    say "cluster $v/$OCOP_PG_CLUSTER already running on port $OCOP_PG_PORT"
  else
    say "starting cluster $v/$OCOP_PG_CLUSTER on port $OCOP_PG_PORT"
    # The socket dir lives on tmpfs on many machines and vanishes on reboot.
    as_root install -d -m 2775 -o postgres -g postgres /var/run/postgresql
    as_root pg_ctlcluster "$v" "$OCOP_PG_CLUSTER" start 9>&- || die "pg_ctlcluster $v $OCOP_PG_CLUSTER start failed"
  fi
  wait_ready
  say "ready on $OCOP_PG_HOST:$OCOP_PG_PORT"
  cmd_create_dbs
}

ensure_role() {
  psql_admin <<'SQL' || die "could not create or update role $OCOP_PG_USER"
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pw')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pw') \gexec
SQL
}

# Password login over TCP must work for the role; Debian's default pg_hba.conf
# allows it (scram-sha-256 on 127.0.0.1), a hardened one may not: then add one
# line for this role and address, and reload.
ensure_tcp_login() {
  local db="$1" hba cidr
  if try_login "$db"; then return 0; fi
  hba="$(psql_admin -tA -c 'SHOW hba_file')"
  case "$OCOP_PG_HOST" in
    *:*) cidr="$OCOP_PG_HOST/128" ;;
    [0-9]*.[0-9]*.[0-9]*.[0-9]*) cidr="$OCOP_PG_HOST/32" ;;
    *) cidr="$OCOP_PG_HOST" ;;
  esac
  if ! as_root grep -qxF "$HBA_MARK" "$hba"; then
    say "password login over TCP refused: adding a line for $OCOP_PG_USER@$cidr to $hba"
    as_root sed -i -e "1i $HBA_MARK" -e "1i host all $OCOP_PG_USER $cidr scram-sha-256" "$hba"
    psql_admin -tA -c 'SELECT pg_reload_conf()' >/dev/null
    sleep 0.5
  fi
  try_login "$db" || die "password login as $OCOP_PG_USER to $OCOP_PG_HOST:$OCOP_PG_PORT/$db fails (see $hba and listen_addresses)"
}

try_login() {
  PGPASSWORD="$OCOP_PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -tA -w -h "$OCOP_PG_HOST" -p "$OCOP_PG_PORT" \
    -U "$OCOP_PG_USER" -d "$1" -c 'SELECT 1' >/dev/null 2>&1
}

create_missing_dbs() {
  # template0 + explicit encoding/locale: UTF8 (Vietnamese text) whatever the
  # cluster default is; C.UTF-8 collation does not depend on installed locales.
  psql_admin <<'SQL' || die "could not create the databases"
SELECT format('CREATE DATABASE %I OWNER %I TEMPLATE template0 ENCODING %L LOCALE %L',
              d, :'user', 'UTF8', 'C.UTF-8')
  FROM unnest(string_to_array(:'dbs', ' ')) AS d
 WHERE d <> '' AND NOT EXISTS (SELECT FROM pg_database WHERE datname = d) \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', datname, :'user')
  FROM pg_database
 WHERE datname = ANY (string_to_array(:'dbs', ' '))
   AND datdba <> (SELECT oid FROM pg_roles WHERE rolname = :'user') \gexec
SQL
}

require_running() {
  pg_ready || fail "PostgreSQL is not running on $OCOP_PG_HOST:$OCOP_PG_PORT (deploy/postgres/postgres.sh start)"
}

cmd_create_dbs() {
  require_running
  ensure_role
  create_missing_dbs
  local first
  read -r first _ <<<"$OCOP_PG_DATABASES"
  ensure_tcp_login "${first:-postgres}"
  say "role $OCOP_PG_USER and databases ready: $OCOP_PG_DATABASES"
}

cmd_reset_dbs() {
  require_running
  local names="${*:-$OCOP_PG_DATABASES}" d
  for d in $names; do
    [[ " $OCOP_PG_DATABASES " == *" $d "* ]] || fail "$d is not one of OCOP_PG_DATABASES ($OCOP_PG_DATABASES)"
  done
  say "dropping and recreating: $names"
  psql_admin -v names="$names" <<'SQL' || die "could not drop the databases"
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', d)
  FROM unnest(string_to_array(:'names', ' ')) AS d WHERE d <> '' \gexec
SQL
  cmd_create_dbs
}

cmd_stop() {
  local v status
  v="$(pg_version)"
  if [[ -z "$v" ]] || ! command -v pg_lsclusters >/dev/null; then
    say "PostgreSQL not installed"
    return 0
  fi
  status="$(cluster_info "$v" | awk '{ print $2 }')"
  if [[ "$status" != online* ]]; then
    say "cluster $v/$OCOP_PG_CLUSTER not running"
    return 0
  fi
  say "stopping cluster $v/$OCOP_PG_CLUSTER"
  as_root pg_ctlcluster "$v" "$OCOP_PG_CLUSTER" stop -m fast || die "pg_ctlcluster $v $OCOP_PG_CLUSTER stop failed"
}

cmd_status() {
  local v
  v="$(pg_version)"
  if [[ -z "$v" ]]; then
    say "not installed"
    return 1
  fi
  if pg_ready; then
    say "running: PostgreSQL $v cluster $OCOP_PG_CLUSTER on $OCOP_PG_HOST:$OCOP_PG_PORT, log $(log_file "$v")"
    return 0
  fi
  say "not running on $OCOP_PG_HOST:$OCOP_PG_PORT (cluster $v/$OCOP_PG_CLUSTER)"
  return 1
}

urlencode() {
  local LC_ALL=C # walk bytes, so UTF-8 characters become %XX%XX
  local s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [a-zA-Z0-9.~_-]) out+="$c" ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}

cmd_dsn() {
  local db="${1:-ocop_test}" host="$OCOP_PG_HOST"
  [[ "$host" == *:* ]] && host="[$host]"
  printf 'postgresql://%s:%s@%s:%s/%s\n' "$(urlencode "$OCOP_PG_USER")" "$(urlencode "$OCOP_PG_PASSWORD")" \
    "$host" "$OCOP_PG_PORT" "$(urlencode "$db")"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    install) lock_cluster && cmd_install ;;
    start) lock_cluster && cmd_start ;;
    stop) lock_cluster && cmd_stop ;;
    status) cmd_status ;;
    create-dbs) lock_cluster && cmd_create_dbs ;;
    reset-dbs) lock_cluster && cmd_reset_dbs "$@" ;;
    dsn) cmd_dsn "$@" ;;
    *) usage ;;
  esac
}

main "$@"
