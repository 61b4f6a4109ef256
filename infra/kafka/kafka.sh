#!/usr/bin/env bash
# Local single-node Apache Kafka broker (KRaft, broker + controller in one JVM).
#
#   kafka.sh start        start in the background and wait until it serves requests
#   kafka.sh stop         SIGTERM, wait up to 30 s, then SIGKILL
#   kafka.sh status       "running (pid N, port P)" (exit 0) or "not running" (exit 3)
#   kafka.sh logs [-f] [N] last N (default 100) lines of the broker log; -f follows
#   kafka.sh client-config P  connection settings of principal P as one JSON line (development credentials)
#
# The broker authenticates every connection (SASL/SCRAM-SHA-512 on the client port, SASL/PLAIN on the
# controller port) and authorizes every request with ACLs (StandardAuthorizer). The development passwords
# are generated once per data dir into $DATA_DIR/credentials/; docs/decisions/0100-kafka-authentication.md.
#
# The broker jars are resolved by Maven from ./pom.xml into ~/.m2; the computed
# classpath is cached in the data dir and recomputed when pom.xml changes.
# See README.md for environment variables and docs/decisions/0001-kafka-version.md
# for the version choice.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/pom.xml"
LOG4J_CONFIG="$SCRIPT_DIR/log4j2.xml"

HOST=127.0.0.1
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
DATA_DIR="$(realpath -m "${KAFKA_DATA_DIR:-$SCRIPT_DIR/.data}")"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"
START_TIMEOUT_S="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT_S=30

PID_FILE="$DATA_DIR/kafka.pid"
LOG_FILE="$DATA_DIR/kafka.log"       # written by log4j2 (log4j2.xml)
OUT_FILE="$DATA_DIR/kafka.out"       # JVM stdout/stderr (crashes before logging starts)
PROPS_FILE="$DATA_DIR/server.properties"
STORAGE_DIR="$DATA_DIR/storage"      # Kafka log.dirs (topic data + KRaft metadata log)
CLUSTER_ID_FILE="$DATA_DIR/cluster.id"
CP_FILE="$DATA_DIR/classpath.txt"
CP_HASH_FILE="$DATA_DIR/classpath.pom.sha256"
MAVEN_LOG="$DATA_DIR/maven.log"
CRED_DIR="$DATA_DIR/credentials"     # one file per principal holding its password (0600)
# Principals whose SCRAM credentials are in the storage: written when the storage is formatted.
SCRAM_USERS_FILE="$DATA_DIR/credentials/scram-users"

# Every principal of the system (libs/messaging/src/core/access.ts grants their ACLs; a unit test keeps
# the two lists equal). SUPER_USER is the broker itself (inter-broker and controller) and provisioning.
SUPER_USER=admin
PRINCIPALS=("$SUPER_USER" institution-service housing-service capacity-service intake-service gateway ops)

# Main class of the storage formatter; later releases may move it.
STORAGE_TOOL_CLASSES=(kafka.tools.StorageTool org.apache.kafka.tools.StorageTool)

T0="$EPOCHREALTIME"

say() { printf 'kafka: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

elapsed() { # seconds since the script started, one decimal
  local now="$EPOCHREALTIME"
  awk -v a="$T0" -v b="$now" 'BEGIN { printf "%.1f", b - a }'
}

check_port_var() {
  local name="$1" value="$2"
  if ! [[ "$value" =~ ^[0-9]+$ ]] || ((value < 1 || value > 65535)); then
    die "$name must be a TCP port number (1-65535), got '$value'"
  fi
}

require_tools() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(java)
  command -v mvn >/dev/null 2>&1 || missing+=(mvn)
  if ((${#missing[@]})); then
    die "${missing[*]} not found. Install Java 17+ and Maven, e.g.: apt-get install openjdk-17-jre-headless maven"
  fi
  local spec
  spec="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2; exit }')"
  if [[ "$spec" =~ ^[0-9]+$ ]] && ((spec < 17)); then
    die "java is version $spec; the Kafka broker needs Java 17+ (apt-get install openjdk-17-jre-headless)"
  fi
}

# --- process and port checks -------------------------------------------------

# Prints the pid of the broker started from this data dir, if it is alive.
broker_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(<"$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse: it must be our kafka.Kafka with our properties file.
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *kafka.Kafka*"$PROPS_FILE"* ]] || return 1
  printf '%s\n' "$pid"
}

# Port of the running broker, as written into its server.properties.
running_port() {
  sed -n 's|^advertised.listeners=[A-Z_]*://[^:]*:\([0-9]*\)$|\1|p' "$PROPS_FILE" 2>/dev/null | head -n1
}

port_open() { # port
  # shellcheck disable=SC2016 # $0/$1 expand in the child shell
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$HOST" "$1" 2>/dev/null
}

# Sends a Kafka ApiVersions v0 request and succeeds if a Kafka broker answered it without error. On the
# SASL listener ApiVersions is the one request answered before authentication; the broker starts
# accepting requests only once it is registered and unfenced (BrokerServer start-up order), so an
# answer means clients can connect. Pure bash, no JVM needed.
kafka_answers() { # port
  local hex
  # shellcheck disable=SC2016 # expanded by the child shell
  hex="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    # size=18 | api_key=18 (ApiVersions) | version=0 | correlation_id=0x4b414641 | client_id="kafka.sh"
    printf "\x00\x00\x00\x12\x00\x12\x00\x00KAFA\x00\x08kafka.sh" >&3
    size_hex="$(head -c 4 <&3 | od -An -v -tx1 | tr -d " \n")"
    [[ ${#size_hex} -eq 8 ]] || exit 1
    size=$((16#$size_hex))
    ((size > 0 && size < 1048576)) || exit 1
    head -c 6 <&3 | od -An -v -tx1 | tr -d " \n"
  ' "$HOST" "$1" 2>/dev/null)" || return 1
  # correlation_id must echo ours, then error_code 0.
  [[ "$hex" == 4b4146410000 ]]
}

port_owner() { # port -> " (name, pid N)" when ss can tell, else nothing
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null |
    sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/ (\1, pid \2)/p' | head -n1
}

kafka_ready() { # port
  kafka_answers "$1"
}

# --- classpath ---------------------------------------------------------------

classpath_is_valid() {
  [[ -s "$CP_FILE" && -f "$CP_HASH_FILE" ]] || return 1
  [[ "$(sha256sum "$POM" | cut -d' ' -f1)" == "$(<"$CP_HASH_FILE")" ]] || return 1
  # The jars must still be in the Maven cache (someone may have cleaned ~/.m2).
  local jar
  local IFS=:
  for jar in $(<"$CP_FILE"); do
    [[ -f "$jar" ]] || return 1
  done
}

resolve_classpath() {
  classpath_is_valid && return 0
  say "resolving broker jars with Maven (first run only)…"
  local tmp="$CP_FILE.tmp"
  rm -f "$tmp"
  if ! mvn -q -B -f "$POM" dependency:build-classpath \
      -Dmdep.outputFile="$tmp" -Dmdep.includeScope=runtime >"$MAVEN_LOG" 2>&1 ||
      [[ ! -s "$tmp" ]]; then
    tail -n 40 "$MAVEN_LOG" >&2 || true
    die "Maven could not resolve the broker jars (full output: $MAVEN_LOG)"
  fi
  mv "$tmp" "$CP_FILE"
  sha256sum "$POM" | cut -d' ' -f1 >"$CP_HASH_FILE"
}

# --- credentials -------------------------------------------------------------

new_password() { # 32 characters of base64url: no quoting needed in JAAS, JSON or the format tool
  head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}

password_of() { # principal
  printf '%s' "$(<"$CRED_DIR/$1")"
}

# The development password of every principal, generated once per data dir. A password created for a
# principal whose SCRAM credential is already in the storage would not match it: the storage is then
# formatted again (see storage_matches_principals).
ensure_credentials() {
  mkdir -p "$CRED_DIR"
  chmod 700 "$CRED_DIR"
  local p
  for p in "${PRINCIPALS[@]}"; do
    [[ -s "$CRED_DIR/$p" ]] && continue
    # Written aside and linked into place: ln fails if a concurrent call (a parallel test runner's
    # client-config) was first, and then both use that one; nobody ever reads a half-written file.
    local tmp="$CRED_DIR/.$p.$$"
    (umask 077 && new_password >"$tmp")
    ln "$tmp" "$CRED_DIR/$p" 2>/dev/null || true
    rm -f "$tmp"
    if [[ -f "$SCRAM_USERS_FILE" ]] && grep -qxF "$p" "$SCRAM_USERS_FILE"; then
      rm -f "$SCRAM_USERS_FILE"
    fi
  done
}

is_principal() { # name
  local p
  for p in "${PRINCIPALS[@]}"; do [[ "$p" == "$1" ]] && return 0; done
  return 1
}

# --- configuration and storage -----------------------------------------------

write_server_properties() {
  local admin_password
  admin_password="$(password_of "$SUPER_USER")"
  # The file holds the super user's password: readable by its owner only.
  touch "$PROPS_FILE"
  chmod 600 "$PROPS_FILE" # also a file from before authentication, written with the default mode
  cat >"$PROPS_FILE" <<EOF
# Generated by infra/kafka/kafka.sh on every start: edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT

# Every listener authenticates (docs/decisions/0100-kafka-authentication.md). CLIENT: SCRAM-SHA-512,
# the credentials live in the metadata log (formatted in with --add-scram). CONTROLLER: KRaft controllers
# cannot use SCRAM (it is read from the metadata they serve), so SASL/PLAIN with the super user's
# password from this file; only the broker half of this same process connects to it.
listeners=CLIENT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=CLIENT://$HOST:$PORT
inter.broker.listener.name=CLIENT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$SUPER_USER" password="$admin_password";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$SUPER_USER" password="$admin_password" user_$SUPER_USER="$admin_password";

# Every request is authorized; what has no ACL is refused. ACLs: libs/messaging/src/core/access.ts.
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:$SUPER_USER

log.dirs=$STORAGE_DIR
num.partitions=1
default.replication.factor=1
auto.create.topics.enable=false
delete.topic.enable=true
# Retention stays at Kafka's default (7 days): the services set retention.ms
# per topic when they create their topics.
log.segment.bytes=67108864

# Single node: internal topics with one replica, fewer partitions than the
# production default of 50 so the first consumer group / producer id is quick.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0

# Sized for a 2-core development machine.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.cleaner.dedupe.buffer.size=33554432
EOF
}

run_storage_tool() {
  local cls out
  for cls in "${STORAGE_TOOL_CLASSES[@]}"; do
    if out="$(CLASSPATH="$(<"$CP_FILE")" java -Xmx256m \
        -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dkafka.logs.dir="$DATA_DIR" \
        "$cls" "$@" 2>&1)"; then
      printf '%s\n' "$out" >>"$OUT_FILE"
      return 0
    fi
    [[ "$out" == *"Could not find or load main class"* ]] && continue
    printf '%s\n' "$out" >&2
    return 1
  done
  say "no storage tool main class found (tried ${STORAGE_TOOL_CLASSES[*]})"
  return 1
}

# True when the storage holds SCRAM credentials for exactly the principals and passwords of this script.
storage_matches_principals() {
  [[ -f "$SCRAM_USERS_FILE" ]] || return 1
  [[ "$(<"$SCRAM_USERS_FILE")" == "$(printf '%s\n' "${PRINCIPALS[@]}")" ]]
}

format_storage_if_needed() {
  if [[ -f "$STORAGE_DIR/meta.properties" ]]; then
    storage_matches_principals && return 0
    # A storage from before authentication (plaintext), or formatted for other principals: SCRAM
    # credentials can be written into the metadata log only by an authenticated super user, and this
    # one has none that matches. Development data: format it again (ADR 0100).
    say "the storage has no SCRAM credentials for every principal (it is from before authentication or"
    say "the principals changed): formatting it again; the topics of this development broker are deleted"
    rm -rf "$STORAGE_DIR"
  fi
  if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
    # A Kafka cluster id is 16 random bytes, base64url without padding. One that starts with '-' would be
    # read as an option by the storage tool's argument parser (1 in 64): draw again.
    local id="-"
    while [[ $id == -* ]]; do id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'); done
    printf '%s' "$id" >"$CLUSTER_ID_FILE"
  fi
  local -a scram=()
  local p
  for p in "${PRINCIPALS[@]}"; do
    scram+=(--add-scram "SCRAM-SHA-512=[name=$p,password=$(password_of "$p")]")
  done
  say "formatting storage…"
  run_storage_tool format --cluster-id "$(<"$CLUSTER_ID_FILE")" --config "$PROPS_FILE" "${scram[@]}" ||
    die "formatting storage in $STORAGE_DIR failed"
  printf '%s\n' "${PRINCIPALS[@]}" >"$SCRAM_USERS_FILE"
}

# --- commands ----------------------------------------------------------------

LOG_OFFSET=0 # size of kafka.log when this start launched the JVM

print_log_tail() {
  local size=0
  [[ -f "$LOG_FILE" ]] && size="$(stat -c %s "$LOG_FILE")"
  # Only what this start logged (the file is appended to across restarts).
  ((size >= LOG_OFFSET)) || LOG_OFFSET=0
  if ((size > LOG_OFFSET)); then
    say "last 40 lines of $LOG_FILE:"
    tail -c +"$((LOG_OFFSET + 1))" "$LOG_FILE" | tail -n 40 >&2 || true
  else
    say "nothing was written to $LOG_FILE by this start"
  fi
  if [[ -s "$OUT_FILE" ]]; then
    say "last lines of $OUT_FILE (JVM output):"
    tail -n 15 "$OUT_FILE" >&2 || true
  fi
}

wait_until_ready() { # pid
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT_S))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tail
      rm -f "$PID_FILE"
      die "the broker exited during startup"
    fi
    if port_open "$PORT" && kafka_ready "$PORT"; then
      return 0
    fi
    sleep 0.25
  done
  print_log_tail
  say "not ready after ${START_TIMEOUT_S} s; stopping it"
  stop_pid "$pid" >/dev/null 2>&1 || true
  rm -f "$PID_FILE"
  exit 1
}

cmd_start() {
  check_port_var KAFKA_PORT "$PORT"
  check_port_var KAFKA_CONTROLLER_PORT "$CONTROLLER_PORT"
  [[ "$START_TIMEOUT_S" =~ ^[0-9]+$ ]] || die "KAFKA_START_TIMEOUT must be a number of seconds"
  [[ "$PORT" != "$CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"
  require_tools

  # One start at a time per data dir (parallel test runners may all call start).
  mkdir -p "$DATA_DIR"
  exec 9>"$DATA_DIR/start.lock"
  flock -w $((START_TIMEOUT_S + 60)) 9 || die "another kafka.sh start holds $DATA_DIR/start.lock"

  local pid
  if pid="$(broker_pid)" && ! grep -q '^sasl.enabled.mechanisms=' "$PROPS_FILE"; then
    say "the running broker (pid $pid) is from before authentication (plaintext); restarting it"
    stop_pid "$pid"
    rm -f "$PID_FILE"
  fi
  if pid="$(broker_pid)"; then
    local rport
    rport="$(running_port)"
    if [[ -n "$rport" && "$rport" != "$PORT" ]]; then
      die "already running on port $rport (pid $pid), not $PORT; stop it first"
    fi
    if kafka_ready "$PORT"; then
      say "already running (pid $pid, port $PORT)"
      return 0
    fi
    say "already starting (pid $pid); waiting until it accepts connections…"
    wait_until_ready "$pid"
    say "started on $HOST:$PORT in $(elapsed) s"
    return 0
  fi
  rm -f "$PID_FILE"

  if port_open "$PORT"; then
    if kafka_ready "$PORT"; then
      say "a Kafka broker not started from $DATA_DIR is already answering on $HOST:$PORT; using it"
      return 0
    fi
    die "port $PORT on $HOST is in use by another program$(port_owner "$PORT") that is not a Kafka broker; stop it or set KAFKA_PORT"
  fi
  if port_open "$CONTROLLER_PORT"; then
    die "controller port $CONTROLLER_PORT on $HOST is in use by another program$(port_owner "$CONTROLLER_PORT"); stop it or set KAFKA_CONTROLLER_PORT"
  fi

  : >"$OUT_FILE"
  resolve_classpath
  ensure_credentials
  write_server_properties
  format_storage_if_needed

  say "starting broker (data in $DATA_DIR)…"
  local -a jvm_opts
  # shellcheck disable=SC2206 # word splitting of the option strings is intended
  jvm_opts=($HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dkafka.logs.dir="$DATA_DIR"
    ${KAFKA_OPTS:-})
  [[ -f "$LOG_FILE" ]] && LOG_OFFSET="$(stat -c %s "$LOG_FILE")"
  # setsid: the broker outlives the shell (and terminal / npm process group) that
  # started it; the inner bash writes its own pid and then becomes java via exec.
  # shellcheck disable=SC2016 # $$, $0 and $@ belong to the inner shell
  CLASSPATH="$(<"$CP_FILE")" setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    java "${jvm_opts[@]}" kafka.Kafka "$PROPS_FILE" \
    </dev/null >>"$OUT_FILE" 2>&1 9>&- &
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.05
  done
  pid="$(<"$PID_FILE")" || die "the broker did not start (see $OUT_FILE)"
  # Interrupted while waiting (Ctrl-C, killed test runner): don't leave a half-started broker.
  # shellcheck disable=SC2064 # $pid is meant to expand now
  trap "say 'interrupted; stopping the broker'; stop_pid $pid; rm -f '$PID_FILE'; exit 130" INT TERM HUP
  wait_until_ready "$pid"
  trap - INT TERM HUP
  say "started on $HOST:$PORT in $(elapsed) s"
}

stop_pid() { # pid
  local pid="$1" deadline=$((SECONDS + STOP_TIMEOUT_S))
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      say "no clean shutdown within ${STOP_TIMEOUT_S} s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
}

cmd_stop() {
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  say "stopping (pid $pid)…"
  stop_pid "$pid"
  rm -f "$PID_FILE"
  say "stopped in $(elapsed) s"
}

cmd_status() {
  local pid
  if pid="$(broker_pid)" && ! grep -q '^sasl.enabled.mechanisms=' "$PROPS_FILE"; then
    say "the running broker (pid $pid) is from before authentication (plaintext); restarting it"
    stop_pid "$pid"
    rm -f "$PID_FILE"
  fi
  if pid="$(broker_pid)"; then
    local rport
    rport="$(running_port)"
    rport="${rport:-$PORT}"
    if kafka_ready "$rport"; then
      echo "running (pid $pid, port $rport)"
    else
      echo "running (pid $pid, port $rport), not answering Kafka requests yet"
    fi
    return 0
  fi
  echo "not running"
  return 3
}

cmd_logs() {
  local follow=0 lines=100 arg
  for arg in "$@"; do
    case "$arg" in
      -f | --follow) follow=1 ;;
      *[!0-9]* | '') die "usage: kafka.sh logs [-f] [LINES]" ;;
      *) lines="$arg" ;;
    esac
  done
  [[ -f "$LOG_FILE" ]] || die "no log yet ($LOG_FILE)"
  if ((follow)); then
    exec tail -n "$lines" -F "$LOG_FILE"
  fi
  tail -n "$lines" "$LOG_FILE"
}

cmd_client_config() {
  local principal="${1:-}"
  [[ -n "$principal" ]] || die "usage: kafka.sh client-config PRINCIPAL (one of: ${PRINCIPALS[*]})"
  is_principal "$principal" || die "unknown principal '$principal'; known: ${PRINCIPALS[*]}"
  mkdir -p "$DATA_DIR"
  ensure_credentials
  local port="${KAFKA_PORT:-$(running_port)}"
  printf '{"brokers":["%s:%s"],"sasl":{"mechanism":"scram-sha-512","username":"%s","password":"%s"}}\n' \
    "$HOST" "${port:-9092}" "$principal" "$(password_of "$principal")"
}

usage() {
  cat >&2 <<'EOF'
usage: kafka.sh start|stop|status|logs [-f] [LINES]|client-config PRINCIPAL
env:   KAFKA_PORT (9092)  KAFKA_CONTROLLER_PORT (9093)  KAFKA_DATA_DIR (infra/kafka/.data)
       KAFKA_HEAP_OPTS (-Xms256m -Xmx1g)  KAFKA_OPTS (extra JVM options)  KAFKA_START_TIMEOUT (90)
EOF
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    client-config) cmd_client_config "$@" ;;
    -h | --help | help) usage ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"
