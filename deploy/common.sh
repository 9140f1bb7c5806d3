# Shared by the server scripts of deploy/ (deploy/<server>/<server>.sh: kafka, keycloak,
# seaweedfs, postgres): sourced, never run. The caller gets SCRIPT_DIR (its own folder),
# TAG (its log prefix, the folder's name), REPO_ROOT, the cache and state roots, the
# Python, and the steps every server script takes the same way: messages, a lock held
# until the script exits, a port probe, the pid of a server it started (a stale pid
# file or a reused pid does not count), starting a server detached from the shell and
# stopping it (SIGTERM, then SIGKILL after a timeout).
#
# Environment (defaults in brackets), read at source time:
#   OCOP_CACHE_DIR   cache root for downloaded or built servers [$HOME/.cache/ocop]
#   OCOP_STATE_DIR   runtime state root [<repo>/.state]; each server uses <it>/<server>
#   OCOP_PYTHON      Python with the repository's dependencies [<repo>/.venv/bin/python]
#   OCOP_MAVEN_REPO  Maven local repository [Maven's default, ~/.m2/repository]
# shellcheck shell=bash

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
TAG="$(basename "$SCRIPT_DIR")"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
OCOP_CACHE_DIR="$(realpath -m "${OCOP_CACHE_DIR:-$HOME/.cache/ocop}")"
OCOP_STATE_DIR="$(realpath -m "${OCOP_STATE_DIR:-$REPO_ROOT/.state}")"
OCOP_PYTHON="${OCOP_PYTHON:-$REPO_ROOT/.venv/bin/python}"
OCOP_MAVEN_REPO="${OCOP_MAVEN_REPO:-}"

say() { printf '[%s] %s\n' "$TAG" "$*"; }
err() { printf '[%s] ERROR: %s\n' "$TAG" "$*" >&2; }

# take_lock FD FILE [SECONDS]: hold FILE's lock on descriptor FD until the script exits,
# waiting up to SECONDS [600]. Serialises the commands that change a server or its cache
# (two test runs at once must not start two servers on one data dir); a server started
# under it must not inherit FD (close it: `8>&- 9>&-`).
take_lock() {
  local fd="$1" file="$2" seconds="${3:-600}"
  mkdir -p "$(dirname "$file")"
  eval "exec $fd>>\"\$file\""
  if ! flock -w "$seconds" "$fd"; then
    err "another $TAG.sh holds $file for more than ${seconds}s"
    exit 1
  fi
}

# locked COMMAND...: run COMMAND holding the lock of the server's state dir ($STATE_DIR).
locked() {
  take_lock 9 "$STATE_DIR.lock"
  "$@"
}

# port_open HOST PORT: whether something accepts TCP connections there.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# pid_of PID_FILE PATTERN: the pid in PID_FILE if that process runs and its command
# line holds PATTERN (ours, not a reused pid), else nothing.
pid_of() {
  local file="$1" pattern="$2" pid
  [[ -f "$file" ]] || return 0
  pid="$(cat "$file" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern"; then
    echo "$pid"
  fi
}

# launch_detached PID_FILE LOG COMMAND...: start COMMAND so that it outlives this shell
# (setsid + nohup), appending its output to LOG, without this script's locks; the child
# writes its own pid into PID_FILE (setsid may fork), waited for up to 5 s.
launch_detached() {
  local pid_file="$1" log="$2" i
  shift 2
  rm -f "$pid_file"
  # shellcheck disable=SC2016  # $$ and $@ belong to the inner shell
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$pid_file" "$@" \
    >>"$log" 2>&1 </dev/null 8>&- 9>&- &
  for i in $(seq 50); do [[ -s "$pid_file" ]] && break; sleep 0.1; done
}

# stop_pid PID_FILE PID SECONDS NAME: SIGTERM, wait up to SECONDS, then SIGKILL; says
# how long it took. NAME names the server in the messages ("broker", "Keycloak").
stop_pid() {
  local file="$1" pid="$2" seconds="$3" name="$4" waited=0
  if [[ -z "$pid" ]]; then
    say "$name not running"
    rm -f "$file"
    return 0
  fi
  say "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= seconds)); then
      err "$name did not stop within ${seconds}s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  rm -f "$file"
  say "$name stopped after ${waited}s"
}

# maven_run LOG WHAT ARG...: run Maven (batch mode, OCOP_MAVEN_REPO if set) with ARGs,
# its output into LOG; on failure show LOG's end and exit naming WHAT could not resolve.
maven_run() {
  local log="$1" what="$2" args=(-B --no-transfer-progress)
  shift 2
  [[ -n "$OCOP_MAVEN_REPO" ]] && args+=("-Dmaven.repo.local=$OCOP_MAVEN_REPO")
  if ! mvn "${args[@]}" "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    err "Maven could not resolve $what"
    exit 1
  fi
}

# usage: the script's header comment (from line 2 to `set -euo`), to stderr, exit 2.
usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}
