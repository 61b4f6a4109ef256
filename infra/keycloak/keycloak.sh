#!/usr/bin/env bash
# Local Keycloak (OIDC identity provider) for development and tests, realm `plassoversikt`.
#
#   keycloak.sh start     start in the background and wait until it is ready (management /health/ready)
#   keycloak.sh stop      SIGTERM, wait up to 60 s, then SIGKILL
#   keycloak.sh status    "running (pid N, port P)" (exit 0) or "not running" (exit 3)
#   keycloak.sh logs [-f] [N]  last N (default 100) lines of the server output; -f follows
#   keycloak.sh issuer    the realm's issuer URL for KEYCLOAK_PORT
#
# No Docker: the Keycloak distribution (org.keycloak:keycloak-quarkus-dist, version below) is fetched by
# Maven into ~/.m2 once, unpacked into .local/keycloak/ and "built" (Quarkus augmentation, kc.sh build)
# once; every start then runs `kc.sh start --optimized`. Each data dir is its own Keycloak home (copied
# bin/, symbolic links to the shared lib/, conf/, providers/, themes/ and its own data/ with the dev-file
# database), so a test can run its own instance beside the development one.
# Development only: plain HTTP on 127.0.0.1, a file database, demo users with known passwords and the
# master realm's admin/admin. See README.md and docs/decisions/0193-keycloak-for-development.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
REALM_FILE="$SCRIPT_DIR/realm-plassoversikt.json"
REALM=plassoversikt

KEYCLOAK_VERSION=26.7.3
# Options fixed at build time (kc.sh build); a change rebuilds the shared distribution.
BUILD_OPTS=(--db=dev-file --health-enabled=true)

HOST=127.0.0.1
PORT="${KEYCLOAK_PORT:-8180}"
MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-$((PORT + 1000))}"
DIST_DIR="$(realpath -m "${KEYCLOAK_DIST_DIR:-$REPO_DIR/.local/keycloak}")"
DATA_DIR="$(realpath -m "${KEYCLOAK_DATA_DIR:-$REPO_DIR/.local/keycloak-data}")"
HEAP_OPTS="${KEYCLOAK_HEAP_OPTS:--Xms128m -Xmx768m}"
# Start-up on a busy 2-core machine: the C1 compiler only (less JIT work; fine for development), and a
# class-data sharing archive of the data dir written at the first clean stop and used by later starts
# (measured at load 24: restart 78 s plain, 51 s with C1 only, 20 s with the archive; ADR 0193).
JVM_OPTS="${KEYCLOAK_JVM_OPTS:--XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$DATA_DIR/cds.jsa}"
START_TIMEOUT_S="${KEYCLOAK_START_TIMEOUT:-180}"
STOP_TIMEOUT_S=60 # a stop after the first start also writes the class-data archive
# Master realm administrator, created on the first start of a data dir (development only).
ADMIN_USER="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"

M2_REPO="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
DIST_ZIP="$M2_REPO/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
DIST_STAMP="$DIST_DIR/.plass-dist" # version + build options of the prepared distribution
DIST_LOCK="$DIST_DIR.lock"

HOME_DIR="$DATA_DIR/home"
PID_FILE="$DATA_DIR/keycloak.pid"
OUT_FILE="$DATA_DIR/keycloak.log" # server console output (Keycloak logs to the console)
PORT_FILE="$DATA_DIR/keycloak.port"
REALM_STAMP="$DATA_DIR/realm.sha256"

T0="$EPOCHREALTIME"
JAVA_BIN=""

say() { printf 'keycloak: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

elapsed() {
  local now="$EPOCHREALTIME"
  awk -v a="$T0" -v b="$now" 'BEGIN { printf "%.1f", b - a }'
}

check_port_var() {
  local name="$1" value="$2"
  if ! [[ "$value" =~ ^[0-9]+$ ]] || ((value < 1 || value > 65535)); then
    die "$name must be a TCP port number (1-65535), got '$value'"
  fi
}

java_major() { # java binary -> major version, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { print $2; exit }'
}

# Keycloak 26 needs Java 21+: KEYCLOAK_JAVA_HOME, then JAVA_HOME, then the newest JDK under /usr/lib/jvm,
# then java on the PATH.
find_java() {
  local candidates=() dir best="" best_v=0 v
  [[ -n "${KEYCLOAK_JAVA_HOME:-}" ]] && candidates+=("$KEYCLOAK_JAVA_HOME/bin/java")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  for dir in /usr/lib/jvm/*/; do
    [[ -x "$dir/bin/java" ]] && candidates+=("${dir%/}/bin/java")
  done
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local c
  for c in "${candidates[@]}"; do
    [[ -x "$c" ]] || continue
    v="$(java_major "$c")"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if ((v > best_v)); then best="$c" && best_v="$v"; fi
  done
  if [[ -z "$best" || "$best_v" -lt 21 ]]; then
    die "Keycloak $KEYCLOAK_VERSION needs Java 21 or newer; found ${best_v:-none} (${best:-no java}). Install a JDK 21+ (e.g. apt-get install openjdk-21-jre-headless) or set KEYCLOAK_JAVA_HOME"
  fi
  JAVA_BIN="$best"
}

# --- distribution ------------------------------------------------------------

dist_stamp_value() { printf '%s %s\n' "$KEYCLOAK_VERSION" "${BUILD_OPTS[*]}"; }

fetch_zip() {
  [[ -s "$DIST_ZIP" ]] && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found: Maven fetches the Keycloak distribution (apt-get install maven)"
  say "fetching the Keycloak $KEYCLOAK_VERSION distribution with Maven (first run only)…"
  # The dist's own dependencies are inside the zip: -Dtransitive=false (their resolution fails anyway).
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -Dtransitive=false >&2 ||
    die "Maven could not fetch org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip"
  [[ -s "$DIST_ZIP" ]] || die "Maven finished but $DIST_ZIP is missing"
}

# Unpacks and builds the distribution once (kc.sh build: ~25 s); later starts reuse it. Serialized with
# flock: parallel test workers may all start a Keycloak at the same time.
prepare_dist() {
  if [[ -f "$DIST_STAMP" && "$(<"$DIST_STAMP")" == "$(dist_stamp_value)" ]]; then return 0; fi
  mkdir -p "$(dirname "$DIST_DIR")"
  exec 8>"$DIST_LOCK"
  flock 8
  if [[ -f "$DIST_STAMP" && "$(<"$DIST_STAMP")" == "$(dist_stamp_value)" ]]; then
    exec 8>&-
    return 0
  fi
  command -v unzip >/dev/null 2>&1 || die "unzip not found (apt-get install unzip)"
  fetch_zip
  say "unpacking Keycloak $KEYCLOAK_VERSION into $DIST_DIR…"
  local tmp="$DIST_DIR.tmp.$$"
  rm -rf "$tmp" "$DIST_DIR"
  mkdir -p "$tmp"
  unzip -q "$DIST_ZIP" -d "$tmp"
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$DIST_DIR"
  rm -rf "$tmp"
  say "building the optimized server (kc.sh build ${BUILD_OPTS[*]}, first run only)…"
  if ! JAVA_HOME="$(dirname "$(dirname "$JAVA_BIN")")" "$DIST_DIR/bin/kc.sh" build "${BUILD_OPTS[@]}" \
      >"$DIST_DIR/build.log" 2>&1; then
    tail -n 30 "$DIST_DIR/build.log" >&2 || true
    die "kc.sh build failed (full output: $DIST_DIR/build.log)"
  fi
  dist_stamp_value >"$DIST_STAMP"
  exec 8>&-
}

# The data dir's own Keycloak home: kc.sh takes its home from its own (resolved) path, so bin/ is a copy.
prepare_home() {
  mkdir -p "$HOME_DIR/data/import"
  if [[ ! -f "$HOME_DIR/bin/kc.sh" ]]; then
    mkdir -p "$HOME_DIR/bin"
    cp -a "$DIST_DIR/bin/." "$HOME_DIR/bin/"
  fi
  local d
  for d in lib conf providers themes; do
    ln -sfn "$DIST_DIR/$d" "$HOME_DIR/$d"
  done
  # The realm is imported on the first start only (--import-realm skips an existing realm). A changed
  # realm file means a fresh development database: the demo realm is its only content.
  local sha
  sha="$(sha256sum "$REALM_FILE" | cut -d' ' -f1)"
  if [[ -d "$HOME_DIR/data/h2" && (! -f "$REALM_STAMP" || "$(<"$REALM_STAMP")" != "$sha") ]]; then
    say "the realm file changed since this data dir was created: creating its database again"
    rm -rf "$HOME_DIR/data/h2"
  fi
  cp "$REALM_FILE" "$HOME_DIR/data/import/$REALM.json.tmp"
  mv "$HOME_DIR/data/import/$REALM.json.tmp" "$HOME_DIR/data/import/$REALM.json"
  printf '%s\n' "$sha" >"$REALM_STAMP"
}

# --- process checks ----------------------------------------------------------

server_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(<"$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  # kc.sh stays the parent of the JVM and forwards SIGTERM to it.
  [[ "$cmdline" == *"$HOME_DIR/bin/kc.sh start"* ]] || return 1
  printf '%s\n' "$pid"
}

port_open() {
  # shellcheck disable=SC2016 # $0/$1 expand in the child shell
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$HOST" "$1" 2>/dev/null
}

ready() { # management port
  curl -sf --max-time 3 "http://$HOST:$1/health/ready" 2>/dev/null | grep -q '"status": *"UP"'
}

realm_served() { # port
  curl -sf --max-time 3 "http://$HOST:$1/realms/$REALM/.well-known/openid-configuration" >/dev/null 2>&1
}

issuer() { printf 'http://%s:%s/realms/%s\n' "$HOST" "$1" "$REALM"; }

# --- commands ----------------------------------------------------------------

stop_pid() {
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

LOG_OFFSET=0

print_log_tail() {
  local size=0
  [[ -f "$OUT_FILE" ]] && size="$(stat -c %s "$OUT_FILE")"
  ((size >= LOG_OFFSET)) || LOG_OFFSET=0
  if ((size > LOG_OFFSET)); then
    say "last 40 lines of $OUT_FILE:"
    tail -c +"$((LOG_OFFSET + 1))" "$OUT_FILE" | tail -n 40 >&2 || true
  fi
}

wait_until_ready() { # pid port management-port
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT_S))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tail
      rm -f "$PID_FILE"
      die "Keycloak exited during startup"
    fi
    if ready "$3" && realm_served "$2"; then return 0; fi
    sleep 0.5
  done
  print_log_tail
  say "not ready after ${START_TIMEOUT_S} s; stopping it"
  stop_pid "$pid"
  rm -f "$PID_FILE"
  exit 1
}

cmd_start() {
  check_port_var KEYCLOAK_PORT "$PORT"
  check_port_var KEYCLOAK_MANAGEMENT_PORT "$MANAGEMENT_PORT"
  [[ "$PORT" != "$MANAGEMENT_PORT" ]] || die "KEYCLOAK_PORT and KEYCLOAK_MANAGEMENT_PORT must differ"
  [[ "$START_TIMEOUT_S" =~ ^[0-9]+$ ]] || die "KEYCLOAK_START_TIMEOUT must be a number of seconds"
  command -v curl >/dev/null 2>&1 || die "curl not found (apt-get install curl)"
  mkdir -p "$DATA_DIR"

  exec 9>"$DATA_DIR/start.lock"
  flock 9

  local pid
  if pid="$(server_pid)"; then
    local rport
    rport="$(cat "$PORT_FILE" 2>/dev/null || true)"
    if [[ -n "$rport" && "$rport" != "$PORT $MANAGEMENT_PORT" ]]; then
      die "already running on ports $rport (pid $pid), not $PORT $MANAGEMENT_PORT; stop it first"
    fi
    if ready "$MANAGEMENT_PORT"; then
      say "already running (pid $pid, port $PORT); issuer $(issuer "$PORT")"
      return 0
    fi
    say "already starting (pid $pid); waiting until it is ready…"
    wait_until_ready "$pid" "$PORT" "$MANAGEMENT_PORT"
    say "ready on http://$HOST:$PORT in $(elapsed) s"
    return 0
  fi
  rm -f "$PID_FILE"
  if port_open "$PORT"; then
    if realm_served "$PORT"; then
      say "a Keycloak not started from $DATA_DIR already serves realm $REALM on $HOST:$PORT; using it"
      return 0
    fi
    die "port $PORT on $HOST is in use by another program; stop it or set KEYCLOAK_PORT"
  fi
  port_open "$MANAGEMENT_PORT" &&
    die "management port $MANAGEMENT_PORT on $HOST is in use; stop that program or set KEYCLOAK_MANAGEMENT_PORT"

  find_java
  prepare_dist
  prepare_home

  local first=""
  [[ -d "$HOME_DIR/data/h2" ]] || first=" (first start of this data dir: creating the database and importing the realm)"
  say "starting Keycloak $KEYCLOAK_VERSION on http://$HOST:$PORT$first…"
  [[ -f "$OUT_FILE" ]] && LOG_OFFSET="$(stat -c %s "$OUT_FILE")"
  printf '%s %s\n' "$PORT" "$MANAGEMENT_PORT" >"$PORT_FILE"
  local java_home
  java_home="$(dirname "$(dirname "$JAVA_BIN")")"
  # setsid: Keycloak outlives the shell that started it. The pid is kc.sh's: it waits for its JVM and
  # forwards SIGTERM to it.
  # shellcheck disable=SC2016 # $$, $0 and $@ belong to the inner shell
  JAVA_HOME="$java_home" JAVA_OPTS_KC_HEAP="$HEAP_OPTS" JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:-} $JVM_OPTS" \
    KC_BOOTSTRAP_ADMIN_USERNAME="$ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    "$HOME_DIR/bin/kc.sh" start --optimized \
    --http-enabled=true --http-host="$HOST" --http-port="$PORT" \
    --hostname="http://$HOST:$PORT" \
    --http-management-port="$MANAGEMENT_PORT" \
    --cache=local --import-realm \
    </dev/null >>"$OUT_FILE" 2>&1 8>&- 9>&- &
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.05
  done
  pid="$(<"$PID_FILE")" || die "Keycloak did not start (see $OUT_FILE)"
  # shellcheck disable=SC2064 # $pid is meant to expand now
  trap "say 'interrupted; stopping Keycloak'; stop_pid $pid; rm -f '$PID_FILE'; exit 130" INT TERM HUP
  wait_until_ready "$pid" "$PORT" "$MANAGEMENT_PORT"
  trap - INT TERM HUP
  say "ready on http://$HOST:$PORT in $(elapsed) s; issuer $(issuer "$PORT")"
}

cmd_stop() {
  local pid
  if ! pid="$(server_pid)"; then
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
  if pid="$(server_pid)"; then
    local ports
    read -r -a ports <"$PORT_FILE" 2>/dev/null || ports=("$PORT" "$MANAGEMENT_PORT")
    if ready "${ports[1]:-$MANAGEMENT_PORT}"; then
      echo "running (pid $pid, port ${ports[0]}), issuer $(issuer "${ports[0]}")"
    else
      echo "running (pid $pid, port ${ports[0]}), not ready yet"
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
      *[!0-9]* | '') die "usage: keycloak.sh logs [-f] [LINES]" ;;
      *) lines="$arg" ;;
    esac
  done
  [[ -f "$OUT_FILE" ]] || die "no log yet ($OUT_FILE)"
  if ((follow)); then exec tail -n "$lines" -F "$OUT_FILE"; fi
  tail -n "$lines" "$OUT_FILE"
}

usage() {
  cat >&2 <<'EOF'
usage: keycloak.sh start|stop|status|logs [-f] [LINES]|issuer
env:   KEYCLOAK_PORT (8180)  KEYCLOAK_MANAGEMENT_PORT (KEYCLOAK_PORT + 1000)
       KEYCLOAK_DATA_DIR (.local/keycloak-data)  KEYCLOAK_DIST_DIR (.local/keycloak)
       KEYCLOAK_HEAP_OPTS (-Xms128m -Xmx768m)  KEYCLOAK_JVM_OPTS (C1 only + class-data archive)
       KEYCLOAK_START_TIMEOUT (180)  KEYCLOAK_JAVA_HOME
       KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD (admin / admin, development only)
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
    issuer) issuer "$PORT" ;;
    -h | --help | help) usage ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"
