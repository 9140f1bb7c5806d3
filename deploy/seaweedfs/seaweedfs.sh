#!/usr/bin/env bash
# SeaweedFS (Apache-2.0), the S3-compatible object store of the distributed mode:
# documents of dossiers are kept there so every process of a deployment reads the
# same bytes (services/registration/adapters/object_store.py, S3ObjectStore).
# SeaweedFS has no Debian or Python package and `go install` refuses its replace
# directives, so the Go module is downloaded from the Go module proxy, copied into a
# writable directory and built with the installed Go (about 5 minutes on 2 cores);
# the binary is cached outside the repository like the Kafka jars.
#
# Usage: deploy/seaweedfs/seaweedfs.sh build|start|stop|status|wait|env|logs [N]|reset
#
#   build     go mod download + go build ./weed into the cache (skipped when built)
#   start     build, then start `weed server -s3` (master, volume, filer, S3 gateway),
#             wait until the S3 API answers and create the bucket
#   stop      SIGTERM, wait up to SEAWEEDFS_STOP_TIMEOUT s, then SIGKILL
#   status    exit 0 when the server process runs, 1 otherwise
#   wait      block until the S3 API answers (SEAWEEDFS_WAIT_TIMEOUT s)
#   env       print `export` lines for clients (OCOP_S3_*)
#   logs [N]  the last N lines of the server log
#   reset     stop and delete the state dir (data, logs); the built binary stays
#
# Environment (defaults in brackets):
#   SEAWEEDFS_VERSION       module version on the Go proxy [v0.0.0-20261109003541-7506e5f91cd6]
#   SEAWEEDFS_HOST          address every port binds to [127.0.0.1]
#   SEAWEEDFS_S3_PORT       S3 API port [18333]
#   SEAWEEDFS_MASTER_PORT   master HTTP port [19333]; its gRPC port is this + 10000,
#   SEAWEEDFS_VOLUME_PORT   volume HTTP port [18080 + 1 = 18081]    so keep every HTTP port
#   SEAWEEDFS_FILER_PORT    filer HTTP port [18888]                  below 55535
#   SEAWEEDFS_BUCKET        bucket created at start [ocop-documents]
#   SEAWEEDFS_WAIT_TIMEOUT  seconds `wait` gives the S3 API [90]
#   SEAWEEDFS_STOP_TIMEOUT  seconds `stop` waits before SIGKILL [30]
#   OCOP_CACHE_DIR          build cache root [$HOME/.cache/ocop]
#   OCOP_STATE_DIR          runtime state root [<repo>/.state]; SeaweedFS uses <it>/seaweedfs
#   SEAWEEDFS_STATE_DIR     its own state dir instead (a second server on ports of its own)
#   OCOP_PYTHON             Python with boto3 [<repo>/.venv/bin/python]
set -euo pipefail

# shellcheck source=deploy/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

SEAWEEDFS_VERSION="${SEAWEEDFS_VERSION:-v0.0.0-20261109003541-7506e5f91cd6}"
SEAWEEDFS_HOST="${SEAWEEDFS_HOST:-127.0.0.1}"
SEAWEEDFS_S3_PORT="${SEAWEEDFS_S3_PORT:-18333}"
SEAWEEDFS_MASTER_PORT="${SEAWEEDFS_MASTER_PORT:-19333}"
SEAWEEDFS_VOLUME_PORT="${SEAWEEDFS_VOLUME_PORT:-18081}"
SEAWEEDFS_FILER_PORT="${SEAWEEDFS_FILER_PORT:-18888}"
SEAWEEDFS_BUCKET="${SEAWEEDFS_BUCKET:-ocop-documents}"
SEAWEEDFS_WAIT_TIMEOUT="${SEAWEEDFS_WAIT_TIMEOUT:-90}"
SEAWEEDFS_STOP_TIMEOUT="${SEAWEEDFS_STOP_TIMEOUT:-30}"

MODULE="github.com/seaweedfs/seaweedfs"
BUILD_DIR="$OCOP_CACHE_DIR/seaweedfs-$SEAWEEDFS_VERSION"
WEED="$BUILD_DIR/bin/weed"
STATE_DIR="$(realpath -m "${SEAWEEDFS_STATE_DIR:-$OCOP_STATE_DIR/seaweedfs}")"
DATA_DIR="$STATE_DIR/data"
PID_FILE="$STATE_DIR/weed.pid"
LOG_FILE="$STATE_DIR/weed.log"
S3_CONFIG="$STATE_DIR/s3.json"
ENDPOINT="http://$SEAWEEDFS_HOST:$SEAWEEDFS_S3_PORT"

# Build and start are serialised (`take_lock`, deploy/common.sh; 900 s: a build takes
# minutes): two test runs at once must not build into one dir or start two servers on
# one data dir.

cmd_build() {
  if [[ -x "$WEED" ]]; then
    return 0
  fi
  command -v go >/dev/null || {
    say "Go is not installed (needed to build SeaweedFS)"
    exit 1
  }
  take_lock 8 "$BUILD_DIR.lock" 900
  if [[ -x "$WEED" ]]; then # built by whoever held the lock
    return 0
  fi
  local src start="$EPOCHREALTIME"
  say "downloading $MODULE@$SEAWEEDFS_VERSION from the Go module proxy"
  src="$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "$MODULE@$SEAWEEDFS_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  # The module cache is read-only; the build writes go.sum updates, so copy it.
  rm -rf "$BUILD_DIR/src"
  mkdir -p "$BUILD_DIR/bin"
  cp -r "$src" "$BUILD_DIR/src"
  chmod -R u+w "$BUILD_DIR/src"
  say "building weed (go build ./weed, several minutes)"
  (cd "$BUILD_DIR/src" && CGO_ENABLED=0 go build -o "$WEED.tmp" ./weed)
  mv "$WEED.tmp" "$WEED"
  rm -rf "$BUILD_DIR/src"
  say "built $WEED in $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s"
}

running() {
  [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

cmd_status() {
  running
}

# The S3 API answers an unauthenticated ListBuckets with 403 or 200: either proves it is up.
s3_answers() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' "$ENDPOINT/" || true)"
  [[ "$code" == 200 || "$code" == 403 ]]
}

cmd_wait() {
  local deadline=$((SECONDS + SEAWEEDFS_WAIT_TIMEOUT))
  until s3_answers; do
    if ((SECONDS > deadline)); then
      say "S3 API at $ENDPOINT did not answer within $SEAWEEDFS_WAIT_TIMEOUT s"
      tail -n 30 "$LOG_FILE" >&2 || true
      exit 1
    fi
    if ! running; then
      say "weed exited; last log lines:"
      tail -n 30 "$LOG_FILE" >&2 || true
      exit 1
    fi
    sleep 1
  done
}

credentials() {
  # One identity with full rights on the bucket; the secret is made once per state dir.
  if [[ ! -f "$S3_CONFIG" ]]; then
    local key secret
    key="ocop$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
    secret="$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')"
    umask 077
    cat >"$S3_CONFIG" <<EOF
{"identities": [{"name": "ocop", "credentials": [{"accessKey": "$key", "secretKey": "$secret"}],
  "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
EOF
  fi
}

cmd_env() {
  credentials
  "$OCOP_PYTHON" - "$S3_CONFIG" "$ENDPOINT" "$SEAWEEDFS_BUCKET" <<'EOF'
import json, shlex, sys
ident = json.load(open(sys.argv[1]))["identities"][0]["credentials"][0]
for name, value in (("OCOP_S3_ENDPOINT", sys.argv[2]), ("OCOP_S3_BUCKET", sys.argv[3]),
                    ("OCOP_S3_ACCESS_KEY", ident["accessKey"]), ("OCOP_S3_SECRET_KEY", ident["secretKey"])):
    print(f"export {name}={shlex.quote(value)}")
EOF
}

cmd_start() {
  cmd_build
  take_lock 9 "$STATE_DIR.lock" 900
  mkdir -p "$DATA_DIR"
  credentials
  if running; then
    cmd_wait
    say "already running (pid $(cat "$PID_FILE")) at $ENDPOINT"
    return 0
  fi
  local port
  for port in "$SEAWEEDFS_MASTER_PORT" "$SEAWEEDFS_VOLUME_PORT" "$SEAWEEDFS_FILER_PORT" "$SEAWEEDFS_S3_PORT"; do
    if ((port + 10000 > 65535)); then
      say "port $port: its gRPC port ($((port + 10000))) would be above 65535"
      exit 1
    fi
  done
  say "starting weed server -s3 at $ENDPOINT (data $DATA_DIR)"
  # setsid: the server must not inherit this script's locks or terminal
  setsid "$WEED" server -ip="$SEAWEEDFS_HOST" -ip.bind="$SEAWEEDFS_HOST" -dir="$DATA_DIR" \
    -master.port="$SEAWEEDFS_MASTER_PORT" -volume.port="$SEAWEEDFS_VOLUME_PORT" \
    -filer -filer.port="$SEAWEEDFS_FILER_PORT" -s3 -s3.port="$SEAWEEDFS_S3_PORT" \
    -s3.config="$S3_CONFIG" -master.volumeSizeLimitMB=64 -volume.max=0 \
    </dev/null >"$LOG_FILE" 2>&1 9>&- 8>&- &
  echo $! >"$PID_FILE"
  cmd_wait
  eval "$(cmd_env)"
  "$OCOP_PYTHON" - <<'EOF'
import os, boto3, botocore.exceptions
s3 = boto3.client("s3", endpoint_url=os.environ["OCOP_S3_ENDPOINT"], region_name="us-east-1",
                  aws_access_key_id=os.environ["OCOP_S3_ACCESS_KEY"],
                  aws_secret_access_key=os.environ["OCOP_S3_SECRET_KEY"])
try:
    s3.head_bucket(Bucket=os.environ["OCOP_S3_BUCKET"])
except botocore.exceptions.ClientError:
    s3.create_bucket(Bucket=os.environ["OCOP_S3_BUCKET"])
EOF
  say "ready at $ENDPOINT, bucket $SEAWEEDFS_BUCKET (pid $(cat "$PID_FILE"))"
}

cmd_stop() {
  if ! running; then
    rm -f "$PID_FILE"
    return 0
  fi
  local pid deadline=$((SECONDS + SEAWEEDFS_STOP_TIMEOUT))
  pid="$(cat "$PID_FILE")"
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS > deadline)); then
      kill -9 "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
  done
  rm -f "$PID_FILE"
  say "stopped"
}

case "${1:-}" in
build) cmd_build ;;
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
wait) cmd_wait ;;
env) cmd_env ;;
logs) tail -n "${2:-50}" "$LOG_FILE" ;;
reset)
  cmd_stop
  rm -rf "$STATE_DIR"
  ;;
*)
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 2
  ;;
esac
