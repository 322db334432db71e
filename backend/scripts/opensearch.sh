#!/usr/bin/env bash
# A real single-node OpenSearch on 127.0.0.1 for tests and development.
#
#   backend/scripts/opensearch.sh start    download (Maven Central, cached), unpack, start, wait for health, print URL
#   backend/scripts/opensearch.sh stop     stop the node started here, by its pid
#   backend/scripts/opensearch.sh status   print the URL and health of the running node (exit 1 when none)
#
# Environment:
#   OPENSEARCH_PORT          HTTP port (default: 9200, or the next free port above it)
#   OPENSEARCH_VERSION       default 2.19.6 (integ-test zip: no security plugin, no bundled JDK)
#   OPENSEARCH_STATE_DIR     where pid, url and home are recorded (default: <repo>/.opensearch, git-ignored)
#   OPENSEARCH_SERVICE_USER  user the node runs as when started by root (default: vigilos, created when missing)
#   OPENSEARCH_HEALTH_TIMEOUT seconds to wait for yellow/green health (default 120)
#   OPENSEARCH_TMPDIR        parent of the fresh folder the node is unpacked into (default /tmp; must be
#                            readable by the service user, so never under root's home)
#
# Java: the system JDK 17 (never 24+: OpenSearch 2.x needs the Security Manager). The node runs unprivileged
# because OpenSearch refuses to run as root. Settings: integration-notes §1.3.
set -euo pipefail

VERSION="${OPENSEARCH_VERSION:-2.19.6}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE_DIR="${OPENSEARCH_STATE_DIR:-$REPO_ROOT/.opensearch}"
SERVICE_USER="${OPENSEARCH_SERVICE_USER:-vigilos}"
HEALTH_TIMEOUT="${OPENSEARCH_HEALTH_TIMEOUT:-120}"
ARTIFACT="org.opensearch.distribution.integ-test-zip:opensearch:${VERSION}:zip"
M2_REPO="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
ZIP="$M2_REPO/org/opensearch/distribution/integ-test-zip/opensearch/${VERSION}/opensearch-${VERSION}.zip"

log() { printf 'opensearch.sh: %s\n' "$*" >&2; }
die() { printf 'opensearch.sh: %s\n' "$*" >&2; exit 1; }

# Major version of a java binary ("17" for 17.0.15, "1" never happens on JDK >= 9).
java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }'
}

# Prints a JAVA_HOME holding a JDK 17, or nothing.
find_java17() {
  local cand bin
  for cand in "${OPENSEARCH_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    if [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ "$(java_major "$cand/bin/java")" = "17" ]; then
      echo "$cand"; return
    fi
  done
  if bin="$(command -v java 2>/dev/null)" && [ "$(java_major "$bin")" = "17" ]; then
    dirname "$(dirname "$(readlink -f "$bin")")"; return
  fi
  for cand in /usr/lib/jvm/*17*; do
    if [ -x "$cand/bin/java" ] && [ "$(java_major "$cand/bin/java")" = "17" ]; then
      readlink -f "$cand"; return
    fi
  done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port_from() {
  local p="$1" last=$(($1 + 99))
  while [ "$p" -le "$last" ]; do
    if ! port_in_use "$p"; then echo "$p"; return; fi
    p=$((p + 1))
  done
  die "no free port in $1-$last on 127.0.0.1"
}

running_pid() {
  [ -f "$STATE_DIR/pid" ] || return 1
  local pid
  pid="$(cat "$STATE_DIR/pid")"
  [ -n "$pid" ] && alive "$pid" && echo "$pid"
}

# True while the process exists and is not a zombie (a killed daemon stays one until reaped).
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ "$(sed -n 's/^[0-9]* ([^)]*) \([A-Z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null)" != "Z" ]
}

health_of() { curl -fsS --max-time 5 "$1/_cluster/health" 2>/dev/null | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'; }

cmd_start() {
  if pid="$(running_pid)"; then
    log "already running (pid $pid)"
    cat "$STATE_DIR/url"
    return 0
  fi
  local missing=()
  local java_home
  java_home="$(find_java17)"
  [ -n "$java_home" ] || missing+=("Java 17 (no JDK 17 from JAVA_HOME, java on PATH or /usr/lib/jvm; install openjdk-17-jdk-headless)")
  if [ ! -f "$ZIP" ] && ! command -v mvn >/dev/null 2>&1; then
    missing+=("Maven (mvn not on PATH, needed to download $ARTIFACT; install maven)")
  fi
  command -v curl >/dev/null 2>&1 || missing+=("curl")
  command -v unzip >/dev/null 2>&1 || missing+=("unzip")
  if [ "${#missing[@]}" -gt 0 ]; then
    local m
    for m in "${missing[@]}"; do log "missing: $m"; done
    exit 1
  fi

  if [ ! -f "$ZIP" ]; then
    log "downloading $ARTIFACT from Maven Central"
    mvn -q dependency:get -Dartifact="$ARTIFACT" -Dtransitive=false >&2 || die "mvn dependency:get $ARTIFACT failed"
    [ -f "$ZIP" ] || die "mvn finished but $ZIP is missing"
  fi

  local port tport
  if [ -n "${OPENSEARCH_PORT:-}" ]; then
    port="$OPENSEARCH_PORT"
    port_in_use "$port" && die "port $port on 127.0.0.1 is in use (OPENSEARCH_PORT)"
  else
    port="$(free_port_from 9200)"
  fi
  tport="$(free_port_from 9300)"

  # a node that died without `stop` (reboot, kill -9) leaves its folder: remove it
  if [ -f "$STATE_DIR/home" ]; then
    local stale
    stale="$(cat "$STATE_DIR/home")"
    case "$stale" in */vigil-opensearch.*) rm -rf "$stale" ;; esac
    rm -f "$STATE_DIR/home"
  fi

  local base home
  base="$(mktemp -d "${OPENSEARCH_TMPDIR:-/tmp}/vigil-opensearch.XXXXXX")"
  log "unpacking into $base"
  unzip -q "$ZIP" -d "$base"
  home="$base/opensearch-$VERSION"
  [ -x "$home/bin/opensearch" ] || die "unexpected layout: $home/bin/opensearch missing"

  local runner=()
  if [ "$(id -u)" = "0" ]; then
    if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
      log "creating service user $SERVICE_USER"
      useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
    fi
    chown -R "$SERVICE_USER" "$base"
    chmod 755 "$base"
    runner=(runuser -u "$SERVICE_USER" --)
  fi

  mkdir -p "$STATE_DIR"
  rm -f "$STATE_DIR/pid" "$STATE_DIR/url"
  echo "$base" > "$STATE_DIR/home"
  log "starting OpenSearch $VERSION on 127.0.0.1:$port (java $java_home)"
  "${runner[@]}" env JAVA_HOME="$java_home" OPENSEARCH_JAVA_HOME="$java_home" \
    OPENSEARCH_JAVA_OPTS="-Xms512m -Xmx512m" \
    "$home/bin/opensearch" -d -p "$home/opensearch.pid" \
    -Ediscovery.type=single-node \
    -Enetwork.host=127.0.0.1 \
    -Ehttp.port="$port" \
    -Etransport.port="$tport" \
    -Ecluster.name=vigil-test \
    -Ecluster.routing.allocation.disk.threshold_enabled=false \
    -Epath.data="$base/data" -Epath.logs="$base/logs" \
    </dev/null >"$base/startup.log" 2>&1 || { tail -n 30 "$base/startup.log" >&2; die "bin/opensearch failed to start; see $base/startup.log"; }
  # (the daemon must not hold the caller's stdout/stderr: `url=$(opensearch.sh start 2>&1)` would never end)

  local url="http://127.0.0.1:$port" waited=0 status="" pid=""
  while [ "$waited" -lt "$HEALTH_TIMEOUT" ]; do
    if [ -z "$pid" ] && [ -s "$home/opensearch.pid" ]; then
      pid="$(cat "$home/opensearch.pid")"
      echo "$pid" > "$STATE_DIR/pid"
    fi
    if [ -z "$pid" ] && [ "$waited" -ge 60 ]; then
      tail -n 30 "$base/startup.log" >&2 2>/dev/null || true
      die "OpenSearch wrote no pid file within 60 s; logs in $base/logs"
    fi
    if [ -n "$pid" ] && ! alive "$pid"; then
      tail -n 30 "$base/startup.log" "$base/logs/vigil-test.log" >&2 2>/dev/null || true
      die "OpenSearch (pid $pid) exited during start-up; logs in $base/logs"
    fi
    status="$(health_of "$url" || true)"
    if [ "$status" = "green" ] || [ "$status" = "yellow" ]; then break; fi
    sleep 1
    waited=$((waited + 1))
  done
  if [ "$status" != "green" ] && [ "$status" != "yellow" ]; then
    tail -n 30 "$base/logs/vigil-test.log" >&2 2>/dev/null || true
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    die "no green/yellow health at $url after ${HEALTH_TIMEOUT}s"
  fi
  echo "$url" > "$STATE_DIR/url"
  log "ready in ${waited}s: $url (health $status, pid $pid)"
  echo "$url"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    log "not running"
    rm -f "$STATE_DIR/pid" "$STATE_DIR/url"
    return 0
  fi
  kill "$pid"
  local i=0
  while alive "$pid" && [ "$i" -lt 60 ]; do sleep 0.5; i=$((i + 1)); done
  if alive "$pid"; then
    log "pid $pid still alive after 30 s, sending SIGKILL"
    kill -9 "$pid" 2>/dev/null || true
  fi
  if [ -f "$STATE_DIR/home" ]; then
    local base
    base="$(cat "$STATE_DIR/home")"
    case "$base" in */vigil-opensearch.*) rm -rf "$base" ;; esac
  fi
  rm -f "$STATE_DIR/pid" "$STATE_DIR/url" "$STATE_DIR/home"
  log "stopped (pid $pid)"
}

cmd_status() {
  local pid url
  if ! pid="$(running_pid)"; then
    log "not running"
    return 1
  fi
  url="$(cat "$STATE_DIR/url" 2>/dev/null || true)"
  log "running: pid $pid, health $(health_of "$url" || echo unknown)"
  echo "$url"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
