#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, combined broker+controller) for development,
# tests and CI. Kafka 4.x has no Debian or Python package: its jars come from
# Maven Central into a cache outside the repository, and the broker runs on the
# local JDK (17+).
#
# Usage: deploy/kafka/kafka.sh fetch|start|stop|status|logs [-f] [N]|wait|create-topics|reset
#
#   fetch          download the Kafka jars into the cache (skipped when complete)
#   start          fetch, format storage once, start the broker, wait, create topics
#   stop           SIGTERM, wait up to KAFKA_STOP_TIMEOUT s, then SIGKILL
#   status         exit 0 when the broker process runs, 1 otherwise
#   logs [-f] [N]  show (or follow) the last N lines of the broker log
#   wait           block until a metadata round trip succeeds (KAFKA_WAIT_TIMEOUT s)
#   create-topics  create the topics of deploy/kafka/topics.yaml that are missing
#   reset          stop and delete the state dir (data, logs); the jar cache stays
#
# Environment (defaults in brackets):
#   KAFKA_VERSION          Kafka release from Maven Central [4.1.1]
#   KAFKA_SCALA_VERSION    Scala suffix of the kafka artifact [2.13]
#   KAFKA_LOG4J_VERSION    log4j-slf4j-impl version [the log4j-core version Kafka resolves]
#   KAFKA_HOST             address both listeners bind to [127.0.0.1]
#   KAFKA_PORT             client (PLAINTEXT) listener port [19092]
#   KAFKA_CONTROLLER_PORT  KRaft controller listener port [19093]
#   KAFKA_HEAP_OPTS        JVM heap [-Xms256m -Xmx1g]
#   KAFKA_WAIT_TIMEOUT     seconds `wait` gives the broker [90]
#   KAFKA_STOP_TIMEOUT     seconds `stop` waits before SIGKILL [30]
#   KAFKA_TOPICS_FILE      topic definitions [deploy/kafka/topics.yaml]
#   OCOP_CACHE_DIR         jar cache root [$HOME/.cache/ocop]
#   OCOP_STATE_DIR         runtime state root [<repo>/.state]; Kafka uses <it>/kafka
#   OCOP_PYTHON            Python with aiokafka + pyyaml [<repo>/.venv/bin/python]
#   OCOP_MAVEN_REPO        Maven local repository [Maven's default, ~/.m2/repository]
#   KAFKA_SECURITY         plaintext | sasl_ssl [plaintext]. sasl_ssl: the client listener
#                          speaks SASL/SCRAM-SHA-256 over TLS, KRaft's StandardAuthorizer
#                          denies what no ACL allows; principals (admin + one per service
#                          and the province) are created at format time with random
#                          passwords in <state>/scram/<name>.json (0600), ACLs come from
#                          contracts/topics.py (deploy/kafka/security.py). Run it as a
#                          broker of its own (own KAFKA_PORT, KAFKA_CONTROLLER_PORT and
#                          OCOP_STATE_DIR): a data dir formatted one way stays that way.
#   KAFKA_TLS_DIR          CA and broker certificate (deploy/tls/make_certs.py makes them)
#                          [<state root>/tls]
set -euo pipefail

# shellcheck source=deploy/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"
KAFKA_SCALA_VERSION="${KAFKA_SCALA_VERSION:-2.13}"
KAFKA_LOG4J_VERSION="${KAFKA_LOG4J_VERSION:-}"
KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"
KAFKA_WAIT_TIMEOUT="${KAFKA_WAIT_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_TOPICS_FILE="${KAFKA_TOPICS_FILE:-$SCRIPT_DIR/topics.yaml}"
KAFKA_SECURITY="${KAFKA_SECURITY:-plaintext}"
KAFKA_TLS_DIR="$(realpath -m "${KAFKA_TLS_DIR:-$OCOP_STATE_DIR/tls}")"

KAFKA_HOME="$OCOP_CACHE_DIR/kafka-$KAFKA_VERSION"
LIBS_DIR="$KAFKA_HOME/libs"
COMPLETE_MARKER="$KAFKA_HOME/.complete"
STATE_DIR="$OCOP_STATE_DIR/kafka"
DATA_DIR="$STATE_DIR/data"
CONFIG_FILE="$STATE_DIR/server.properties"
LOG4J_FILE="$STATE_DIR/log4j2.properties"
TOOLS_LOG4J_FILE="$STATE_DIR/tools-log4j2.properties"
FORMAT_LOG="$STATE_DIR/format.log"
FORMATTED_MARKER="$STATE_DIR/.formatted"
PID_FILE="$STATE_DIR/broker.pid"
BROKER_LOG="$STATE_DIR/broker.log"
STDOUT_LOG="$STATE_DIR/broker.stdout.log"
BOOTSTRAP="$KAFKA_HOST:$KAFKA_PORT"
SECURITY_PY="$SCRIPT_DIR/security.py"
ACLS_MARKER="$STATE_DIR/.acls"
secure() { [[ "$KAFKA_SECURITY" == "sasl_ssl" ]]; }
# Admin-client credentials for the Python tools (wait, create-topics) on a secured broker.
if secure; then export OCOP_KAFKA_CLIENT_CONFIG="$STATE_DIR/scram/admin.json"; fi

log_tail() {
  local f
  for f in "$BROKER_LOG" "$STDOUT_LOG"; do
    if [[ -s "$f" ]]; then
      printf -- '----- last 40 lines of %s -----\n' "$f" >&2
      tail -n 40 "$f" >&2
    fi
  done
}

die() { err "$*"; log_tail; exit 1; }

# The pid of our broker, or nothing (a stale pid file or a reused pid does not count).
broker_pid() { pid_of "$PID_FILE" "kafka.Kafka $CONFIG_FILE"; }

need_python() {
  [[ -x "$OCOP_PYTHON" ]] || { err "no Python at $OCOP_PYTHON (set OCOP_PYTHON, or create the venv: uv sync)"; exit 1; }
}

cmd_fetch() {
  if [[ -f "$COMPLETE_MARKER" ]]; then
    say "Kafka $KAFKA_VERSION already in cache: $LIBS_DIR"
    return 0
  fi
  take_lock 8 "$KAFKA_HOME.lock"
  if [[ -f "$COMPLETE_MARKER" ]]; then # fetched by whoever held the lock
    say "Kafka $KAFKA_VERSION already in cache: $LIBS_DIR"
    return 0
  fi
  command -v mvn >/dev/null || { err "mvn not found (Debian: apt-get install -y maven)"; exit 1; }
  command -v java >/dev/null || { err "java not found (Debian: apt-get install -y openjdk-17-jre-headless)"; exit 1; }
  say "fetching Kafka $KAFKA_VERSION (kafka_$KAFKA_SCALA_VERSION + kafka-tools) from Maven Central into $LIBS_DIR"
  local work tmp_libs log4j_core log4j_version
  work="$(mktemp -d)"
  # shellcheck disable=SC2064  # expand $work now
  trap "rm -rf '$work'" EXIT
  cat >"$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>ocop.local</groupId>
  <artifactId>kafka-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_$KAFKA_SCALA_VERSION</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-tools</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
  tmp_libs="$KAFKA_HOME/libs.partial"
  rm -rf "$tmp_libs"
  mkdir -p "$tmp_libs"
  # Full plugin coordinates: Maven 3.8's `dependency:` prefix resolves an old plugin.
  maven_run "$work/mvn.log" "org.apache.kafka:kafka_$KAFKA_SCALA_VERSION:$KAFKA_VERSION (network? version?)" \
    -f "$work/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DoutputDirectory="$tmp_libs" -DincludeScope=runtime
  # Kafka 4 logs through slf4j 1.7 and ships log4j2 but no binding between them:
  # add log4j-slf4j-impl at exactly the log4j-core version Maven resolved.
  log4j_core="$(cd "$tmp_libs" && ls log4j-core-*.jar 2>/dev/null | head -n 1 || true)"
  log4j_version="${KAFKA_LOG4J_VERSION:-$(sed -E 's/^log4j-core-(.*)\.jar$/\1/' <<<"$log4j_core")}"
  [[ -n "$log4j_version" ]] || { err "no log4j-core among the resolved jars; set KAFKA_LOG4J_VERSION"; exit 1; }
  if ! ls "$tmp_libs"/log4j-slf4j-impl-*.jar >/dev/null 2>&1; then
    maven_run "$work/mvn-log4j.log" "org.apache.logging.log4j:log4j-slf4j-impl:$log4j_version" \
      -f "$work/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.apache.logging.log4j:log4j-slf4j-impl:$log4j_version" \
      -DoutputDirectory="$tmp_libs"
  fi
  ls "$tmp_libs"/kafka_"$KAFKA_SCALA_VERSION"-"$KAFKA_VERSION".jar >/dev/null \
    || { err "kafka_$KAFKA_SCALA_VERSION-$KAFKA_VERSION.jar missing after Maven ran"; exit 1; }
  rm -rf "$LIBS_DIR"
  mv "$tmp_libs" "$LIBS_DIR"
  printf 'kafka=%s scala=%s log4j=%s jars=%s fetched=%s\n' "$KAFKA_VERSION" "$KAFKA_SCALA_VERSION" \
    "$log4j_version" "$(ls "$LIBS_DIR" | wc -l)" "$(date -u +%FT%TZ)" >"$COMPLETE_MARKER"
  say "fetched $(ls "$LIBS_DIR" | wc -l) jars ($(du -sh "$LIBS_DIR" | cut -f1)) into $LIBS_DIR"
}

write_config() {
  mkdir -p "$STATE_DIR" "$DATA_DIR"
  # Regenerated on every start so env overrides (ports, host) take effect; the
  # cluster id lives in the formatted data dir, not here.
  local listeners
  if secure; then
    listeners="$(secure_listeners)"
  else
    listeners="listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT"
  fi
  cat >"$CONFIG_FILE" <<EOF
# Generated by deploy/kafka/kafka.sh on $(date -u +%FT%TZ); edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
$listeners
log.dirs=$DATA_DIR

# One node: every internal topic has a single replica.
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Topics come from deploy/kafka/topics.yaml only; a typo must fail, not create one.
auto.create.topics.enable=false
delete.topic.enable=true
# Tests join and leave groups constantly: no 3 s grace before the first rebalance.
group.initial.rebalance.delay.ms=0
EOF
  cat >"$LOG4J_FILE" <<EOF
# Generated by deploy/kafka/kafka.sh; broker logs go to $BROKER_LOG.
status = warn
name = ocop-kafka
appender.file.type = RollingFile
appender.file.name = FILE
appender.file.fileName = $BROKER_LOG
appender.file.filePattern = $BROKER_LOG.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.controller.name = org.apache.kafka.controller
logger.controller.level = INFO
logger.cleaner.name = kafka.log.LogCleaner
logger.cleaner.level = WARN
EOF
  cat >"$TOOLS_LOG4J_FILE" <<EOF
# Generated by deploy/kafka/kafka.sh for Kafka's command-line tools.
status = warn
name = ocop-kafka-tools
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
EOF
}

# The secured listener section: SASL/SCRAM over TLS for clients and between brokers; the
# controller listener stays plaintext on loopback, its callers (this node) are super users.
secure_listeners() {
  local admin_password keystore="$STATE_DIR/broker-keystore.pem"
  admin_password="$("$OCOP_PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["password"])' "$STATE_DIR/scram/admin.json")"
  (umask 077 && cat "$KAFKA_TLS_DIR/kafka-key.pem" "$KAFKA_TLS_DIR/kafka.pem" >"$keystore")
  cat <<EOF
listeners=SASL_SSL://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_SSL://$KAFKA_HOST:$KAFKA_PORT
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT
inter.broker.listener.name=SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-256
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-256
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
ssl.keystore.type=PEM
ssl.keystore.location=$keystore
ssl.truststore.type=PEM
ssl.truststore.location=$KAFKA_TLS_DIR/ca.pem
ssl.endpoint.identification.algorithm=https
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:ANONYMOUS
EOF
}

# Certificates and SCRAM principals of a secured broker (kept once made).
prepare_security() {
  mkdir -p "$STATE_DIR"
  "$OCOP_PYTHON" "$REPO_ROOT/deploy/tls/make_certs.py" --dir "$KAFKA_TLS_DIR" >/dev/null
  "$OCOP_PYTHON" "$SECURITY_PY" principals --state "$STATE_DIR" --tls "$KAFKA_TLS_DIR" >/dev/null
  "$OCOP_PYTHON" "$SECURITY_PY" admin-properties --state "$STATE_DIR" --tls "$KAFKA_TLS_DIR" >/dev/null
}

# The ACLs of deploy/kafka/security.py, applied once per data dir.
apply_acls() {
  local line count=0 args
  if [[ -f "$ACLS_MARKER" ]]; then say "ACLs already applied"; return 0; fi
  while IFS= read -r line; do
    eval "args=($line)"
    kafka_tool org.apache.kafka.tools.AclCommand --bootstrap-server "$BOOTSTRAP" \
      --command-config "$STATE_DIR/admin.properties" --add "${args[@]}" >>"$FORMAT_LOG" 2>&1 \
      || { err "AclCommand failed for: $line"; tail -n 20 "$FORMAT_LOG" >&2; exit 1; }
    count=$((count + 1))
  done < <("$OCOP_PYTHON" "$SECURITY_PY" acl-args --state "$STATE_DIR" --tls "$KAFKA_TLS_DIR")
  date -u +%FT%TZ >"$ACLS_MARKER"
  say "applied $count ACL grants"
}

# The broker's java command line (JAVA_CMD array).
java_cmd() {
  local heap
  read -r -a heap <<<"$KAFKA_HEAP_OPTS"
  JAVA_CMD=(java "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$LOG4J_FILE" -cp "$LIBS_DIR/*")
}

# Kafka's command-line tools: small heap, quick JIT, warnings to stderr, so
# they neither need the broker's heap nor write into the broker log.
kafka_tool() {
  java -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$TOOLS_LOG4J_FILE" -cp "$LIBS_DIR/*" "$@"
}

# Format the KRaft storage once. The marker is written only after a successful
# format: a data dir without it holds a half-done format (nothing of value) and
# is formatted again from scratch.
format_storage() {
  if [[ -f "$FORMATTED_MARKER" && -f "$DATA_DIR/meta.properties" ]]; then
    say "storage already formatted ($(grep -E '^cluster.id=' "$DATA_DIR/meta.properties" || true))"
    return 0
  fi
  local cluster_id
  rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR"
  : >"$FORMAT_LOG"
  if ! cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>>"$FORMAT_LOG")"; then
    printf '%s\n' "$cluster_id" >>"$FORMAT_LOG"
    err "StorageTool random-uuid failed (java: $(command -v java || echo missing)); $FORMAT_LOG says:"
    tail -n 40 "$FORMAT_LOG" >&2
    exit 1
  fi
  cluster_id="$(tail -n 1 <<<"$cluster_id")"
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || { err "StorageTool random-uuid printed '$cluster_id'"; exit 1; }
  say "formatting storage in $DATA_DIR (cluster id $cluster_id)"
  local scram=()
  if secure; then
    mapfile -t scram < <("$OCOP_PYTHON" "$SECURITY_PY" scram-args --state "$STATE_DIR" --tls "$KAFKA_TLS_DIR")
  fi
  rm -f "$ACLS_MARKER"
  if ! kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG_FILE" "${scram[@]}" >>"$FORMAT_LOG" 2>&1; then
    err "StorageTool format failed; $FORMAT_LOG says:"
    tail -n 40 "$FORMAT_LOG" >&2
    exit 1
  fi
  date -u +%FT%TZ >"$FORMATTED_MARKER"
}

cmd_start() {
  local pid
  pid="$(broker_pid)"
  if [[ -n "$pid" ]]; then
    say "broker already running (pid $pid) on $BOOTSTRAP"
  else
    cmd_fetch
    if port_open "$KAFKA_HOST" "$KAFKA_PORT" || port_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"; then
      err "port $KAFKA_PORT or $KAFKA_CONTROLLER_PORT on $KAFKA_HOST is taken by another process (not our broker)"
      err "free it or set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
      exit 1
    fi
    if secure; then prepare_security; fi
    write_config
    format_storage
    say "starting Kafka $KAFKA_VERSION on $BOOTSTRAP (controller $KAFKA_HOST:$KAFKA_CONTROLLER_PORT), log $BROKER_LOG"
    java_cmd
    launch_detached "$PID_FILE" "$STDOUT_LOG" "${JAVA_CMD[@]}" kafka.Kafka "$CONFIG_FILE"
    [[ -n "$(broker_pid)" ]] || die "broker process exited right after start"
  fi
  cmd_wait
  cmd_create_topics
  if secure; then apply_acls; fi
}

cmd_wait() {
  need_python
  local pid
  pid="$(broker_pid)"
  [[ -n "$pid" ]] || die "broker is not running (start it: deploy/kafka/kafka.sh start)"
  say "waiting up to ${KAFKA_WAIT_TIMEOUT}s for a metadata round trip on $BOOTSTRAP"
  "$OCOP_PYTHON" "$SCRIPT_DIR/wait_ready.py" --bootstrap "$BOOTSTRAP" \
    --timeout "$KAFKA_WAIT_TIMEOUT" --pid "$pid" || die "broker on $BOOTSTRAP did not become ready"
}

cmd_create_topics() {
  need_python
  "$OCOP_PYTHON" "$SCRIPT_DIR/create_topics.py" --bootstrap "$BOOTSTRAP" --file "$KAFKA_TOPICS_FILE" \
    || die "creating topics from $KAFKA_TOPICS_FILE failed"
}

cmd_stop() { stop_pid "$PID_FILE" "$(broker_pid)" "$KAFKA_STOP_TIMEOUT" broker; }

cmd_status() {
  local pid
  pid="$(broker_pid)"
  if [[ -z "$pid" ]]; then
    say "not running (state dir $STATE_DIR)"
    return 1
  fi
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    say "running (pid $pid), listening on $BOOTSTRAP, Kafka $KAFKA_VERSION, data $DATA_DIR"
  else
    say "running (pid $pid) but $BOOTSTRAP not accepting connections yet"
  fi
}

cmd_logs() {
  local follow=0 lines=100
  while (($#)); do
    case "$1" in
      -f | --follow) follow=1 ;;
      *) lines="$1" ;;
    esac
    shift
  done
  [[ -f "$BROKER_LOG" ]] || { err "no broker log yet at $BROKER_LOG"; exit 1; }
  if ((follow)); then exec tail -n "$lines" -F "$BROKER_LOG"; fi
  tail -n "$lines" "$BROKER_LOG"
}

cmd_reset() {
  cmd_stop
  say "deleting state dir $STATE_DIR (the jar cache $KAFKA_HOME stays)"
  rm -rf "$STATE_DIR"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    fetch) cmd_fetch ;;
    start) locked cmd_start ;;
    stop) locked cmd_stop ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    wait) cmd_wait ;;
    create-topics) cmd_create_topics ;;
    reset) locked cmd_reset ;;
    *) usage ;;
  esac
}

main "$@"
