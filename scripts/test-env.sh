#!/usr/bin/env bash
# Installs and starts, on a Debian bookworm machine as root, everything the test suite
# needs: a Docker engine (Debian's docker.io) with the locally built test images, a
# PostgreSQL 15 cluster with the mpaas role, HAProxy, wrk (load for the gateway's
# end-to-end test), openssl, Chromium with its driver, and (when
# cheap) hyperfine. Idempotent: when everything is there it only checks, in a
# few seconds. It exports nothing; it prints what is present and the environment
# variables the tests understand. docs/environment.md explains every step.
#
# Usage: scripts/test-env.sh [--check]
#   --check   change nothing: report what is present and what is missing (exit 1 if anything is)
#
# Environment:
#   MPAAS_TEST_JDBC_URL   when set, the tests use that database: the local PostgreSQL is skipped
#   MPAAS_DOCKERD_FLAGS   flags for dockerd, instead of the automatic ladder (e.g. "--storage-driver=vfs")
#   MPAAS_DOCKERD_LOG     dockerd's log file (default /var/log/mpaas-dockerd.log)
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT

readonly REQUIRED_PACKAGES=(docker.io busybox-static postgresql haproxy wrk openssl chromium chromium-driver fonts-liberation curl ca-certificates)
readonly OPTIONAL_PACKAGES=(hyperfine)
readonly STATE_DIR=/var/lib/mpaas-test-env
readonly APT_LOG=/var/log/mpaas-test-env-apt.log
readonly DOCKERD_LOG=${MPAAS_DOCKERD_LOG:-/var/log/mpaas-dockerd.log}
readonly DOCKERD_PIDFILE=/var/run/docker.pid
# dockerd is up in about a second here; a minute covers a cold disk and a first-run
# containerd without letting a wedged daemon hold CI for long.
readonly DOCKERD_DEADLINE_SECONDS=60
readonly PG_VERSION=15 PG_CLUSTER=main PG_PORT=5432
readonly PG_ROLE=mpaas PG_PASSWORD=mpaas PG_DATABASE=mpaas
# A started cluster accepts connections within a few seconds, also after crash recovery.
readonly PG_DEADLINE_SECONDS=30
readonly PG_TEST_CONF=/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d/mpaas-test.conf

check_only=false
case "${1:-}" in
  "") ;;
  --check) check_only=true ;;
  -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
  *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
esac

started_at=$SECONDS
problems=()
log() { printf '[test-env] %s\n' "$*"; }
problem() { problems+=("$*"); }

is_root() { [[ $(id -u) == 0 ]]; }
# shellcheck source=/dev/null
is_debian() { [[ -r /etc/os-release ]] && (. /etc/os-release && [[ ${ID:-} == debian ]]); }

# Says why a change cannot be made here, or nothing when it can.
why_not_changeable() {
  if $check_only; then echo "--check given"; return; fi
  if ! is_root; then echo "not root (run: sudo $0)"; return; fi
  # shellcheck source=/dev/null
  if ! is_debian; then echo "not Debian ($(. /etc/os-release 2>/dev/null; echo "${PRETTY_NAME:-unknown system}")): install it by hand"; return; fi
}

# Polls "$@" every 200 ms until it succeeds or the deadline (seconds) passes.
poll() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# ---------------------------------------------------------------------------- packages

missing_packages() {
  local pkg status
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [[ $status == installed ]] || echo "$pkg"
  done
}

apt_updated=false
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -q -o DPkg::Lock::Timeout=300)
  if ! $apt_updated; then
    log "apt-get update"
    printf '\n==== %s test-env.sh: apt-get update\n' "$(date -Is)" >>"$APT_LOG"
    "${apt[@]}" update >>"$APT_LOG" 2>&1 || return 1
    apt_updated=true
  fi
  log "apt-get install $* (log: $APT_LOG)"
  printf '\n==== %s test-env.sh: apt-get install %s\n' "$(date -Is)" "$*" >>"$APT_LOG"
  "${apt[@]}" install -y --no-install-recommends "$@" >>"$APT_LOG" 2>&1
}

ensure_packages() {
  local missing optional why
  mapfile -t missing < <(missing_packages "${REQUIRED_PACKAGES[@]}")
  mapfile -t optional < <(missing_packages "${OPTIONAL_PACKAGES[@]}")
  if ((${#missing[@]} == 0 && ${#optional[@]} == 0)); then
    return
  fi
  why=$(why_not_changeable)
  if [[ -n $why ]]; then
    ((${#missing[@]} == 0)) || problem "missing Debian packages: ${missing[*]}; cannot install them: $why. As root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    ((${#optional[@]} == 0)) || log "optional packages not installed: ${optional[*]} (benchmarks only)"
    return
  fi
  if ((${#missing[@]} > 0)) && ! apt_install "${missing[@]}"; then
    problem "apt-get could not install ${missing[*]} (its last lines are above; all of it in $APT_LOG)"
    awk '/^==== / { n = 0 } { lines[++n] = $0 } END { for (i = (n > 15 ? n - 14 : 1); i <= n; i++) print lines[i] }' "$APT_LOG" |
      sed 's/^/    /' >&2
  fi
  if ((${#optional[@]} > 0)) && ! apt_install "${optional[@]}"; then
    log "optional packages ${optional[*]} could not be installed (benchmarks only; see $APT_LOG)"
  fi
}

# ------------------------------------------------------------------------------ docker

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

dockerd_pid() {
  local pid
  [[ -r $DOCKERD_PIDFILE ]] || return 1
  pid=$(<"$DOCKERD_PIDFILE")
  [[ -n $pid && -d /proc/$pid ]] && [[ $(tr '\0' ' ' </proc/"$pid"/cmdline) == *dockerd* ]] && echo "$pid"
}

# Starts dockerd with the given flags and waits for it to answer; on failure stops it
# again and returns 1. Output goes to $DOCKERD_LOG, so no terminal or CI pipe is held.
start_dockerd() {
  local pid
  log "starting dockerd ${*:-(default flags)} (log: $DOCKERD_LOG)"
  printf '\n==== %s test-env.sh: dockerd %s\n' "$(date -Is)" "$*" >>"$DOCKERD_LOG"
  # setsid: the daemon outlives this script and a Ctrl-C of the test run.
  setsid dockerd "$@" >>"$DOCKERD_LOG" 2>&1 </dev/null &
  pid=$!
  # shellcheck disable=SC2317 # called through poll
  answers_or_died() { docker_answers || ! kill -0 "$pid" 2>/dev/null; }
  poll "$DOCKERD_DEADLINE_SECONDS" answers_or_died || true
  if docker_answers; then
    log "dockerd answers (pid $pid, $(docker info -f 'storage {{.Driver}}' 2>/dev/null))"
    return 0
  fi
  log "dockerd ${*:-(default flags)} did not come up; the end of what it said:"
  # This attempt's section of the log only: its errors, or else its last lines.
  awk '/^==== / { n = 0; next } { lines[++n] = $0 } END { for (i = 1; i <= n; i++) print lines[i] }' "$DOCKERD_LOG" |
    { grep -iE 'level=(error|fatal)|unknown flag|failed to start|not supported|permission denied' || true; } |
    tail -n 8 | cut -c1-300 | sed 's/^/    /' >&2
  awk '/^==== / { n = 0; next } { lines[++n] = $0 } END { for (i = (n > 3 ? n - 2 : 1); i <= n; i++) print lines[i] }' "$DOCKERD_LOG" |
    cut -c1-300 | sed 's/^/    /' >&2
  kill "$pid" 2>/dev/null || true
  poll 15 bash -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null || true
  rm -f "$DOCKERD_PIDFILE"
  return 1
}

ensure_docker() {
  if [[ -n ${DOCKER_HOST:-} && ${DOCKER_HOST} != unix:///var/run/docker.sock ]]; then
    docker_answers && return
    problem "DOCKER_HOST=$DOCKER_HOST does not answer (docker info); this script only starts a local dockerd"
    return
  fi
  command -v docker >/dev/null || { problem "no docker CLI (package docker.io)"; return; }
  docker_answers && return

  if [[ -S /var/run/docker.sock && ! -w /var/run/docker.sock ]] && ! is_root; then
    problem "this user may not use /var/run/docker.sock: add it to the docker group (usermod -aG docker $(id -un), then log in again) or run as root"
    return
  fi
  local why
  why=$(why_not_changeable)
  if [[ -n $why ]]; then
    problem "the Docker engine does not answer on /var/run/docker.sock and cannot be started: $why"
    return
  fi
  command -v dockerd >/dev/null || { problem "dockerd is not installed (package docker.io)"; return; }

  if dockerd_pid >/dev/null; then
    log "dockerd (pid $(dockerd_pid)) is running but not answering yet; waiting"
    poll "$DOCKERD_DEADLINE_SECONDS" docker_answers && return
    problem "dockerd (pid $(dockerd_pid)) runs but does not answer within ${DOCKERD_DEADLINE_SECONDS}s; see $DOCKERD_LOG"
    return
  fi
  rm -f "$DOCKERD_PIDFILE" # stale, from a daemon that died: dockerd refuses to start over it

  # The ladder: what worked last time, else the defaults (overlay2, iptables, bridge),
  # then one fallback per known failure of sandboxed kernels. docs/environment.md.
  local -a ladder=()
  if [[ -n ${MPAAS_DOCKERD_FLAGS:-} ]]; then
    ladder=("$MPAAS_DOCKERD_FLAGS")
  else
    if [[ -s $STATE_DIR/dockerd.flags ]]; then ladder+=("$(<"$STATE_DIR/dockerd.flags")"); fi
    ladder+=("" "--storage-driver=vfs" "--storage-driver=vfs --iptables=false --ip-masq=false")
  fi
  local flags
  for flags in "${ladder[@]}"; do
    # shellcheck disable=SC2086 # flags are words
    if start_dockerd $flags; then
      mkdir -p "$STATE_DIR"
      printf '%s' "$flags" >"$STATE_DIR/dockerd.flags"
      [[ -z $flags ]] || log "NOTE: dockerd needed fallback flags here: $flags (recorded in $STATE_DIR/dockerd.flags)"
      return
    fi
    # A failing iptables backend (nf_tables missing from a kernel) has a gentler fix
    # than --iptables=false: the legacy backend, which keeps port mappings whole.
    if grep -qiE 'iptables|nf_tables' "$DOCKERD_LOG" && [[ $(readlink -f /etc/alternatives/iptables 2>/dev/null) != *legacy* ]] &&
       [[ -x /usr/sbin/iptables-legacy ]]; then
      log "switching iptables to the legacy backend and retrying"
      update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
      update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null
      # shellcheck disable=SC2086 # flags are words
      start_dockerd $flags && { mkdir -p "$STATE_DIR"; printf '%s' "$flags" >"$STATE_DIR/dockerd.flags"; return; }
    fi
  done
  problem "dockerd did not start with any of the tried flag sets; see $DOCKERD_LOG and docs/environment.md"
}

ensure_images() {
  docker_answers || return 0 # already reported
  if $check_only; then
    docker image inspect mpaas/busybox:latest >/dev/null 2>&1 || problem "image mpaas/busybox:latest is missing (scripts/build-test-images.sh)"
    return
  fi
  "$ROOT/scripts/build-test-images.sh" || problem "building the test images failed (scripts/build-test-images.sh)"
}

# -------------------------------------------------------------------------- postgresql

pg_tcp() { PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=5 psql -h localhost -p "$PG_PORT" -U "$PG_ROLE" -d "$PG_DATABASE" -X -q -tA "$@" 2>/dev/null; }
# Runs the SQL on stdin as the cluster's superuser, through the local socket.
pg_admin() { (cd / && runuser -u postgres -- psql -p "$PG_PORT" -X -q -v ON_ERROR_STOP=1 -tA); }

# Test-only tuning: the data is thrown away after each run, so durability buys nothing
# and costs every migration and every commit; and every Spring context of a test run
# keeps a connection pool, so the default 100 connections run out.
pg_test_conf() {
  cat <<'EOF'
# Written by scripts/test-env.sh: a throwaway test cluster. Do not use for real data.
listen_addresses = 'localhost'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

ensure_postgres() {
  if [[ -n ${MPAAS_TEST_JDBC_URL:-} ]]; then
    log "MPAAS_TEST_JDBC_URL is set: tests use that database; the local PostgreSQL is left as it is"
    return
  fi
  if [[ $(pg_tcp -c "select rolcreatedb and pg_has_role(current_user, 'pg_signal_backend', 'member') from pg_roles where rolname = current_user") == t ]] &&
     cmp -s <(pg_test_conf) "$PG_TEST_CONF"; then
    return # fast path: running, role, password, database and tuning all in place
  fi
  command -v pg_ctlcluster >/dev/null || { problem "PostgreSQL is not installed (package postgresql)"; return; }
  local why
  why=$(why_not_changeable)
  if [[ -n $why ]]; then
    problem "PostgreSQL does not accept $PG_ROLE/$PG_PASSWORD on localhost:$PG_PORT and cannot be set up: $why"
    return
  fi

  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $PG_CLUSTER"; then
    log "creating PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
    pg_createcluster "$PG_VERSION" "$PG_CLUSTER" >/dev/null || { problem "pg_createcluster $PG_VERSION $PG_CLUSTER failed"; return; }
  fi
  local conf_changed=false
  if ! cmp -s <(pg_test_conf) "$PG_TEST_CONF"; then
    pg_test_conf >"$PG_TEST_CONF"
    conf_changed=true
  fi
  local state=0
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1 || state=$?
  if ((state == 0)) && $conf_changed; then
    log "restarting PostgreSQL $PG_VERSION/$PG_CLUSTER for $PG_TEST_CONF"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart || { problem "pg_ctlcluster $PG_VERSION $PG_CLUSTER restart failed; see /var/log/postgresql/"; return; }
  elif ((state != 0)); then
    log "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start || { problem "pg_ctlcluster $PG_VERSION $PG_CLUSTER start failed; see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"; return; }
  fi
  if ! poll "$PG_DEADLINE_SECONDS" pg_isready -q -h localhost -p "$PG_PORT"; then
    problem "PostgreSQL does not accept connections on localhost:$PG_PORT after ${PG_DEADLINE_SECONDS}s"
    return
  fi

  # CREATEDB, not SUPERUSER: the tests create and drop one database per test class.
  # pg_signal_backend: DROP DATABASE ... WITH (FORCE) must also end an autovacuum worker that
  # happens to be in the test database (without it the drop fails now and then).
  pg_admin >/dev/null <<SQL || { problem "could not create role $PG_ROLE / database $PG_DATABASE"; return; }
SELECT 'CREATE ROLE $PG_ROLE' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') \gexec
ALTER ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
GRANT pg_signal_backend TO $PG_ROLE;
SELECT 'CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DATABASE') \gexec
SQL
  [[ $(pg_tcp -c 'select rolcreatedb from pg_roles where rolname = current_user') == t ]] ||
    problem "role $PG_ROLE still cannot log in over TCP on localhost:$PG_PORT: check pg_hba.conf (host ... scram-sha-256)"
}

# ------------------------------------------------------------- a third-party framework
# The npm library mesos-framework, a Mesos v1 HTTP scheduler written by people who never saw this
# code: mesos-master-svc's NpmFrameworkIT runs it against the master. Node.js comes with the machine
# or from Debian (nodejs, npm); the library from the npm registry, into NPM_FRAMEWORK_DIR.
readonly NPM_FRAMEWORK=mesos-framework NPM_FRAMEWORK_VERSION=0.5.3
readonly NPM_FRAMEWORK_DIR=${MPAAS_TEST_NPM_DIR:-/var/cache/mpaas-test/npm}

npm_framework_installed() {
  [[ -r $NPM_FRAMEWORK_DIR/node_modules/$NPM_FRAMEWORK/package.json ]] &&
    grep -q "\"version\": *\"$NPM_FRAMEWORK_VERSION\"" "$NPM_FRAMEWORK_DIR/node_modules/$NPM_FRAMEWORK/package.json"
}

ensure_npm_framework() {
  local why
  if npm_framework_installed; then
    return
  fi
  why=$(why_not_changeable)
  if [[ -n $why ]]; then
    problem "$NPM_FRAMEWORK@$NPM_FRAMEWORK_VERSION is not in $NPM_FRAMEWORK_DIR; cannot install it: $why. As root: npm install --prefix $NPM_FRAMEWORK_DIR $NPM_FRAMEWORK@$NPM_FRAMEWORK_VERSION"
    return
  fi
  if { ! command -v node >/dev/null || ! command -v npm >/dev/null; } && ! apt_install nodejs npm; then
    problem "node and npm are needed for the third-party framework test and apt-get could not install them (see $APT_LOG)"
    return
  fi
  mkdir -p "$NPM_FRAMEWORK_DIR"
  log "npm install $NPM_FRAMEWORK@$NPM_FRAMEWORK_VERSION into $NPM_FRAMEWORK_DIR"
  if ! (cd "$NPM_FRAMEWORK_DIR" && npm install --no-audit --no-fund --loglevel=error \
      "$NPM_FRAMEWORK@$NPM_FRAMEWORK_VERSION" >>"$APT_LOG" 2>&1); then
    problem "npm could not install $NPM_FRAMEWORK@$NPM_FRAMEWORK_VERSION into $NPM_FRAMEWORK_DIR (see $APT_LOG)"
  fi
}

# ----------------------------------------------------------------------------- haproxy

# Tests start their own HAProxy; the distribution's service would hold port 80 and
# confuse a test that reads "who listens there". Stop it and keep it from starting.
ensure_haproxy_service_stopped() {
  command -v haproxy >/dev/null || return 0
  local pid="" enabled=false
  [[ -r /run/haproxy.pid ]] && pid=$(head -n1 /run/haproxy.pid)
  if [[ -n $pid && -d /proc/$pid && $(tr '\0' ' ' </proc/"$pid"/cmdline) == */etc/haproxy/haproxy.cfg* ]]; then :; else pid=""; fi
  compgen -G '/etc/rc[2-5].d/S*haproxy' >/dev/null && enabled=true
  [[ -d /run/systemd/system ]] && systemctl is-enabled --quiet haproxy 2>/dev/null && enabled=true
  [[ -z $pid ]] && ! $enabled && return
  local why
  why=$(why_not_changeable)
  if [[ -n $why ]]; then
    log "the distribution's haproxy service is ${pid:+running (pid $pid) and }enabled; not changed: $why"
    return
  fi
  log "stopping and disabling the distribution's haproxy service (tests start their own)"
  if [[ -d /run/systemd/system ]]; then
    systemctl disable --now haproxy >/dev/null 2>&1 || true
  else
    [[ -z $pid ]] || kill "$pid" 2>/dev/null || true
    update-rc.d haproxy disable >/dev/null 2>&1 || true
  fi
}

# ----------------------------------------------------------------------------- summary

first_line() { "$@" 2>/dev/null | head -n1 || true; }

summary() {
  local java25=""
  for java25 in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* ""; do
    [[ -z $java25 || -x $java25/bin/java ]] && break
  done
  echo
  echo "== mpaas test environment ($((SECONDS - started_at))s) =="
  if docker_answers; then
    printf '  %-14s %s\n' "docker engine" "$(docker version -f '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null), $(docker info -f 'storage {{.Driver}}, cgroups v{{.CgroupVersion}}' 2>/dev/null), ${DOCKER_HOST:-unix:///var/run/docker.sock}, log $DOCKERD_LOG"
    printf '  %-14s %s\n' "test image" "$(docker image inspect -f 'mpaas/busybox:latest {{slice .Id 7 19}}' mpaas/busybox:latest 2>/dev/null || echo 'mpaas/busybox:latest MISSING')"
  else
    printf '  %-14s %s\n' "docker engine" "NOT ANSWERING"
  fi
  if [[ -n ${MPAAS_TEST_JDBC_URL:-} ]]; then
    printf '  %-14s %s\n' "postgresql" "external: $MPAAS_TEST_JDBC_URL"
  elif [[ -n $(pg_tcp -c 'select 1') ]]; then
    printf '  %-14s %s\n' "postgresql" "$(pg_tcp -c 'show server_version' | cut -d' ' -f1) on localhost:$PG_PORT, role $PG_ROLE/$PG_PASSWORD (CREATEDB), database $PG_DATABASE"
  else
    printf '  %-14s %s\n' "postgresql" "NOT ACCEPTING $PG_ROLE ON localhost:$PG_PORT"
  fi
  printf '  %-14s %s\n' "haproxy" "$(command -v haproxy >/dev/null && first_line haproxy -v | cut -d' ' -f1-3 || echo MISSING)"
  printf '  %-14s %s\n' "chromium" "$(command -v chromium >/dev/null && first_line chromium --version || echo MISSING) /usr/bin/chromium"
  printf '  %-14s %s\n' "chromedriver" "$(command -v chromedriver >/dev/null && first_line chromedriver --version | cut -d' ' -f1-2 || echo MISSING) /usr/bin/chromedriver"
  printf '  %-14s %s\n' "wrk" "$(command -v wrk >/dev/null && first_line wrk -v | cut -d' ' -f1-2 || echo 'not installed (optional)')"
  printf '  %-14s %s\n' "hyperfine" "$(command -v hyperfine >/dev/null && first_line hyperfine --version || echo 'not installed (optional)')"
  printf '  %-14s %s\n' "npm framework" "$(npm_framework_installed && echo "$NPM_FRAMEWORK $NPM_FRAMEWORK_VERSION in $NPM_FRAMEWORK_DIR, node $(node --version 2>/dev/null)" || echo MISSING)"
  printf '  %-14s %s\n' "zookeeper" "in-process in the tests (curator-test): nothing to install"
  printf '  %-14s %s\n' "java 25" "${java25:-NOT FOUND under /usr/lib/jvm (./platform test needs one)}"
  cat <<'EOF'

Environment variables the tests understand (none is needed on this machine):
  MPAAS_TEST_JDBC_URL, MPAAS_TEST_JDBC_USER, MPAAS_TEST_JDBC_PASSWORD
      a PostgreSQL server whose user may CREATE DATABASE; wins over localhost:5432 mpaas/mpaas
  MPAAS_TEST_NPM_DIR                 where the npm framework is installed (default /var/cache/mpaas-test/npm)
  DOCKER_HOST                        Docker engine (default unix:///var/run/docker.sock)
  TESTCONTAINERS_RYUK_DISABLED=true  set by ./platform test (Ryuk's image cannot be pulled here)
  TESTCONTAINERS_HOST_OVERRIDE=localhost  set by ./platform test
EOF
}

# -------------------------------------------------------------------------------- main

ensure_packages
ensure_docker
ensure_images
ensure_postgres
ensure_haproxy_service_stopped
ensure_npm_framework
summary

if ((${#problems[@]} > 0)); then
  echo
  echo "The test environment is NOT complete:"
  printf '  - %s\n' "${problems[@]}"
  exit 1
fi
echo
echo "The test environment is ready."
