#!/usr/bin/env bash
# End-to-end smoke test of docker-compose.yml on this machine's Docker engine:
#
#   1. builds the service jars when they are missing (./mvnw -B -o -q -DskipTests package)
#      and the images (scripts/build-images.sh: offline stand-ins where nothing can be pulled);
#   2. `docker-compose up -d` with generated credentials and free host ports;
#   3. waits until the three masters have elected a leader, both agents are registered,
#      marathon answers /v2/info and is registered with the master as a framework;
#   4. deploys a busybox web app through marathon (2 instances, one per agent, an HTTP
#      health check, service port 10000), waits until both are healthy and requests it from
#      the host through the gateway's HAProxy service port;
#   5. kills the leading master's container and checks that another master leads, the agents
#      and marathon follow it, the new leader knows both tasks, marathon kept the same two
#      healthy tasks, and the app still answers through HAProxy; starts the old leader
#      again and checks it joins as a standby;
#   6. always: `docker-compose down -v`, removes the task containers its agents started and
#      their work directories. Prints PASS or FAIL (exit 0 / 1).
#
# Usage: scripts/compose-smoke.sh [--keep]     (--keep: leave the stack running, passed or not)
# Not part of the test suite (it takes minutes). Needs root (the agents' work directories,
# apt-get for docker-compose when it is missing), a Docker engine, a JDK 25 for the build,
# and the images' prerequisites (see scripts/build-images.sh). Logs of every container of a
# failed run are kept in /tmp/mpaas-compose-smoke-logs/.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly PROJECT=mpaas-smoke
readonly LOG_DIR=/tmp/mpaas-compose-smoke-logs
readonly APP_ID=/smoke/web
# Deadlines in seconds. Nine JVMs start on what may be two busy cores: be patient with the
# first start, less so with a failover (ZooKeeper's session timeout is 10 s).
readonly UP_DEADLINE=900 CLUSTER_DEADLINE=300 APP_DEADLINE=300 FAILOVER_DEADLINE=180

keep=false
[[ ${1:-} == --keep ]] && keep=true

log() { printf '[compose-smoke] %s %s\n' "$(date +%T)" "$*"; }
passed=()
pass() { passed+=("$*"); log "ok: $*"; }
fail() {
  printf '[compose-smoke] %s FAIL: %s\n' "$(date +%T)" "$*" >&2
  failed=true
  exit 1
}
failed=false

# ------------------------------------------------------------------------- tools

command -v docker >/dev/null || fail "no docker CLI (apt-get install -y docker.io)"
docker info >/dev/null 2>&1 || fail "the Docker engine does not answer (scripts/test-env.sh starts one)"
command -v curl >/dev/null || fail "curl is needed"
command -v python3 >/dev/null || fail "python3 is needed (JSON)"
((EUID == 0)) || fail "run as root: the agents' work directories are created on the host"

if docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
elif command -v docker-compose >/dev/null; then
  COMPOSE=(docker-compose)
else
  log "installing docker-compose (Debian's package)"
  apt-get install -y --no-install-recommends docker-compose >/tmp/mpaas-compose-apt.log 2>&1 ||
    { apt-get update >>/tmp/mpaas-compose-apt.log 2>&1 &&
      apt-get install -y --no-install-recommends docker-compose >>/tmp/mpaas-compose-apt.log 2>&1; } ||
    fail "cannot install docker-compose (see /tmp/mpaas-compose-apt.log)"
  COMPOSE=(docker-compose)
fi
log "compose: $("${COMPOSE[@]}" version 2>/dev/null | head -n1)"

# ------------------------------------------------------------------ jars, images

WORK=$(mktemp -d /tmp/mpaas-compose-smoke.XXXXXX)
modules=(mesos-master-svc agent-svc marathon-svc gateway-haproxy-sync)
missing=()
for module in "${modules[@]}"; do
  compgen -G "$ROOT/$module/target/$module-*.jar" >/dev/null || missing+=("$module")
done
if ((${#missing[@]} > 0)); then
  export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  log "building the jars (${missing[*]} missing): ./mvnw -B -o -q -DskipTests package"
  (cd "$ROOT" && ./mvnw -B -o -q -DskipTests package -pl "$(IFS=,; echo "${modules[*]}")" -am) ||
    fail "the build failed"
fi
"$ROOT/scripts/build-images.sh" --env-file "$WORK/images.env" || fail "scripts/build-images.sh failed"
set -a
# shellcheck disable=SC1091
. "$WORK/images.env"
set +a

# --------------------------------------------------------- credentials, addresses

secret() { head -c 48 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9' | head -c 24; }
export MPAAS_USER=admin
MPAAS_PASSWORD=$(secret) MPAAS_AGENT_SECRET=$(secret) MPAAS_FRAMEWORK_SECRET=$(secret) POSTGRES_PASSWORD=$(secret)
export MPAAS_PASSWORD MPAAS_AGENT_SECRET MPAAS_FRAMEWORK_SECRET POSTGRES_PASSWORD
DOCKER_GID=$(stat -c %g /var/run/docker.sock)
export DOCKER_GID
export MPAAS_AGENT_ROOT=/var/tmp/mpaas-compose-smoke/agents

# Host ports: the defaults when free, else free ones (other stacks may run on this host).
declare -A busy=()
while read -r port; do busy[$port]=1; done < <(ss -Hltn | awk '{ n = split($4, a, ":"); print a[n] }')
taken_range() { # first count
  local p
  for ((p = $1; p < $1 + $2; p++)); do [[ -z ${busy[$p]:-} ]] || return 0; done
  return 1
}
# Sets variable $1 to the first of $3 free consecutive ports at or above $2, and marks them taken.
free_range() {
  local var=$1 p=$2 count=$3 i
  while taken_range "$p" "$count"; do
    p=$((p + count))
    ((p < 60000)) || fail "no $count free consecutive ports"
  done
  for ((i = p; i < p + count; i++)); do busy[$i]=1; done
  printf -v "$var" '%s' "$p"
  export "${var?}"
}
free_range MPAAS_MASTER1_PORT 5050 1
free_range MPAAS_MASTER2_PORT 5060 1
free_range MPAAS_MASTER3_PORT 5070 1
free_range MPAAS_MARATHON1_PORT 8080 1
free_range MPAAS_MARATHON2_PORT 8081 1
free_range MPAAS_GATEWAY_PORT 8090 1
free_range MPAAS_STATS_PORT 9090 1
free_range MPAAS_HTTP_PORT 18000 1
free_range MPAAS_HTTPS_PORT 18443 1
free_range service_host 10000 20
free_range agent_ports 33000 100
# shellcheck disable=SC2154 # set by free_range
export MPAAS_SERVICE_PORTS_HOST=$service_host-$((service_host + 19))
# shellcheck disable=SC2154 # set by free_range
export MPAAS_AGENT1_PORTS=$agent_ports-$((agent_ports + 49)) MPAAS_AGENT2_PORTS=$((agent_ports + 50))-$((agent_ports + 99))
export MPAAS_BIND=127.0.0.1 MPAAS_GATEWAY_BIND=127.0.0.1

# A /24 no Docker network uses yet; the agents advertise its gateway, the host's address on it.
# shellcheck disable=SC2046 # one argument per network id
used_subnets=$(docker network inspect $(docker network ls -q) -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}' 2>/dev/null || true)
for third in $(seq 250 254) $(seq 200 249); do
  [[ $used_subnets == *"172.31.$third.0/24"* ]] || break
done
export MPAAS_SUBNET=172.31.$third.0/24 MPAAS_HOST_IP=172.31.$third.1

compose() { "${COMPOSE[@]}" -p "$PROJECT" -f "$ROOT/docker-compose.yml" "$@"; }

# The task containers this run's agents started (named mesos-*, labelled with their work dir).
task_containers() {
  local dir
  for dir in "$MPAAS_AGENT_ROOT/agent1" "$MPAAS_AGENT_ROOT/agent2"; do
    docker ps -aq --filter "label=io.mpaas.agent-work-dir=$dir" --filter name=mesos-
  done
}

cleanup() {
  local rc=$?
  if $failed || ((rc != 0)); then
    rm -rf "$LOG_DIR" && mkdir -p "$LOG_DIR"
    compose ps >"$LOG_DIR/ps.txt" 2>&1 || true
    local service
    for service in $(compose config --services 2>/dev/null); do
      compose logs --no-color "$service" >"$LOG_DIR/$service.log" 2>&1 || true
    done
    log "logs of every container: $LOG_DIR/"
  fi
  if $keep; then
    log "--keep: the stack stays up (project $PROJECT); stop it with: ${COMPOSE[*]} -p $PROJECT down -v"
  else
    log "cleaning up: compose down -v, task containers, $MPAAS_AGENT_ROOT"
    compose down -v --remove-orphans >/dev/null 2>&1 || true
    local ids
    ids=$(task_containers)
    # shellcheck disable=SC2086 # one argument per container id
    [[ -z $ids ]] || docker rm -f $ids >/dev/null 2>&1 || true
    rm -rf /var/tmp/mpaas-compose-smoke
  fi
  rm -rf "$WORK"
  echo
  for check in "${passed[@]}"; do echo "  passed: $check"; done
  if $failed || ((rc != 0)); then
    echo "compose-smoke: FAIL"
  else
    echo "compose-smoke: PASS"
  fi
}
trap cleanup EXIT

# ------------------------------------------------------------------- HTTP, JSON

# GET on the host: prints the body; fails on a non-2xx.
get() { curl -fsS --max-time 5 "$@"; }
# Evaluates Python expression $1 on the JSON document on stdin (as `d`).
json() { python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

master_port() { # master1|master2|master3 -> its host port
  case "$1" in
    master1) echo "$MPAAS_MASTER1_PORT" ;; master2) echo "$MPAAS_MASTER2_PORT" ;; master3) echo "$MPAAS_MASTER3_PORT" ;;
    *) return 1 ;;
  esac
}

# The leading master's name, as any live master's /master/redirect says (Location: //masterN:5050).
leader() {
  local name port location
  for name in master1 master2 master3; do
    [[ $name == "${dead_master:-}" ]] && continue
    port=$(master_port "$name")
    location=$(curl -s --max-time 3 -o /dev/null -D - "http://127.0.0.1:$port/master/redirect" 2>/dev/null |
      tr -d '\r' | sed -n 's/^[Ll]ocation: *\/\/\([^:/]*\).*/\1/p')
    if [[ $location == master[123] ]]; then
      echo "$location"
      return 0
    fi
  done
  return 1
}

# Polls "$@" every 2 s until it succeeds or $1 seconds pass; says what it waited for.
wait_for() {
  local limit=$1 deadline=$((SECONDS + $1)) what=$2
  shift 2
  log "waiting (at most $limit s) for: $what"
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "not within the deadline: $what (last: $("$@" 2>&1 | tail -n1))"
    sleep 2
  done
}

marathon() { echo "http://127.0.0.1:$MPAAS_MARATHON1_PORT"; }

leader_state() { local l; l=$(leader) && get "http://127.0.0.1:$(master_port "$l")/master/$1"; }
active_agents() { leader_state slaves | json 'sum(1 for s in d["slaves"] if s.get("active"))'; }
two_agents() { [[ $(active_agents) == 2 ]]; }
marathon_framework() {
  leader_state frameworks | json '[f["id"] for f in d["frameworks"] if f["name"] == "marathon" and f.get("active")][0]'
}
app() { get "$(marathon)/v2/apps$APP_ID"; }
healthy_tasks() { app | json 'd["app"]["tasksHealthy"]'; }
two_healthy() { [[ $(healthy_tasks) == 2 && $(app | json 'd["app"]["tasksRunning"]') == 2 ]]; }
task_ids() { app | json '" ".join(sorted(t["id"] for t in d["app"]["tasks"]))'; }
task_agents() { app | json '" ".join(sorted(t["slaveId"] for t in d["app"]["tasks"]))'; }
through_gateway() { [[ $(get "http://127.0.0.1:$service_host/") == ok ]]; }
# Both instances answer through HAProxy: its routes list two ready servers for the service port.
gateway_two_servers() {
  get "http://127.0.0.1:$MPAAS_GATEWAY_PORT/v1/routes" |
    json 'sum(1 for b in d["backends"] for s in b["servers"] if s.get("state", "ready") == "ready")' | grep -qx 2
}
leader_knows_tasks() {
  local want=$1
  [[ $(leader_state tasks | json '" ".join(sorted(t["id"] for t in d["tasks"] if t["state"] == "TASK_RUNNING"))') == "$want" ]]
}

# --------------------------------------------------------------------------- run

log "stack: project $PROJECT, masters on 127.0.0.1:$MPAAS_MASTER1_PORT/$MPAAS_MASTER2_PORT/$MPAAS_MASTER3_PORT, marathon on :$MPAAS_MARATHON1_PORT/:$MPAAS_MARATHON2_PORT, gateway :$MPAAS_GATEWAY_PORT, service ports $MPAAS_SERVICE_PORTS_HOST -> 10000-10019, network $MPAAS_SUBNET (agents advertise $MPAAS_HOST_IP), agent ports $MPAAS_AGENT1_PORTS / $MPAAS_AGENT2_PORTS"
compose down -v --remove-orphans >/dev/null 2>&1 || true
start=$SECONDS
log "docker-compose up -d (waits for each dependency's health check)"
timeout "$UP_DEADLINE" "${COMPOSE[@]}" -p "$PROJECT" -f "$ROOT/docker-compose.yml" up -d >"$WORK/up.log" 2>&1 ||
  { cat "$WORK/up.log" >&2; fail "docker-compose up did not finish"; }
pass "compose up: every service started, dependencies healthy ($((SECONDS - start)) s)"

wait_for "$CLUSTER_DEADLINE" "a leading master (/master/redirect)" leader
first_leader=$(leader)
pass "the three masters elected a leader: $first_leader"
wait_for "$CLUSTER_DEADLINE" "two agents registered with the leader" two_agents
pass "two agents registered ($(leader_state slaves | json '", ".join(s["hostname"] + ":" + str(s["port"]) for s in d["slaves"])'))"
wait_for "$CLUSTER_DEADLINE" "marathon answers /v2/info" get "$(marathon)/v2/info"
pass "marathon answers /v2/info (leader: $(get "$(marathon)/v2/info" | json 'd.get("leader")'))"
wait_for "$CLUSTER_DEADLINE" "marathon registered with the master as a framework" marathon_framework
framework_id=$(marathon_framework)
pass "marathon is an active framework at the master ($framework_id)"
wait_for "$CLUSTER_DEADLINE" "the gateway is healthy (first read of marathon routed)" \
  get "http://127.0.0.1:$MPAAS_GATEWAY_PORT/health"
pass "the gateway is healthy"

log "deploying $APP_ID: busybox httpd, 2 instances, one per agent, HTTP health check, service port 10000"
app_json=$(cat <<'EOF'
{
  "id": "/smoke/web",
  "instances": 2,
  "cpus": 0.1,
  "mem": 32,
  "cmd": "exec httpd -f -p $PORT0 -h /www",
  "container": {"type": "DOCKER", "docker": {"image": "busybox:latest"}},
  "portDefinitions": [{"port": 10000, "name": "http"}],
  "constraints": [["agent", "UNIQUE"]],
  "healthChecks": [{"protocol": "HTTP", "path": "/", "portIndex": 0, "gracePeriodSeconds": 60,
                    "intervalSeconds": 3, "timeoutSeconds": 2, "maxConsecutiveFailures": 5}]
}
EOF
)
code=$(curl -s -o "$WORK/post.json" -w '%{http_code}' --max-time 30 -u "$MPAAS_USER:$MPAAS_PASSWORD" \
  -H 'Content-Type: application/json' -d "$app_json" "$(marathon)/v2/apps")
[[ $code == 201 ]] || fail "POST /v2/apps answered $code: $(cat "$WORK/post.json")"
pass "POST /v2/apps: 201"
wait_for "$APP_DEADLINE" "both instances running and healthy" two_healthy
tasks_before=$(task_ids)
[[ $(task_agents | tr ' ' '\n' | sort -u | wc -l) == 2 ]] || fail "the two instances are not on two agents: $(task_agents)"
pass "both instances healthy, one on each agent: $tasks_before"
wait_for "$APP_DEADLINE" "HAProxy routes both instances" gateway_two_servers
wait_for "$APP_DEADLINE" "the app answers through HAProxy on 127.0.0.1:$service_host" through_gateway
for _ in 1 2 3 4; do through_gateway || fail "a request through HAProxy failed"; done
pass "the app answers 'ok' through the gateway's HAProxy: http://127.0.0.1:$service_host/ (service port 10000), 5 requests"

# ----------------------------------------------------------------------- failover

leader_id=$(compose ps -q "$first_leader")
log "killing the leading master's container ($first_leader, ${leader_id:0:12})"
docker kill "$leader_id" >/dev/null
dead_master=$first_leader
new_leader_elected() { local l; l=$(leader) && [[ $l != "$first_leader" ]]; }
wait_for "$FAILOVER_DEADLINE" "another master leads" new_leader_elected
new_leader=$(leader)
pass "after killing $first_leader, $new_leader leads"
wait_for "$FAILOVER_DEADLINE" "both agents re-registered with $new_leader" two_agents
pass "both agents re-registered with $new_leader"
same_framework() { [[ $(marathon_framework) == "$framework_id" ]]; }
wait_for "$FAILOVER_DEADLINE" "marathon re-subscribed with its framework id" same_framework
pass "marathon re-subscribed to $new_leader with the same framework id"
wait_for "$FAILOVER_DEADLINE" "$new_leader knows both running tasks" leader_knows_tasks "$tasks_before"
pass "$new_leader reports the same two tasks TASK_RUNNING"
still_same() { two_healthy && [[ $(task_ids) == "$tasks_before" ]]; }
wait_for "$FAILOVER_DEADLINE" "marathon keeps the same two healthy tasks" still_same
pass "marathon kept its tasks: the same two, both healthy"
for _ in 1 2 3 4 5; do through_gateway || fail "a request through HAProxy failed after the failover"; done
pass "the app still answers through HAProxy after the failover"

# `docker kill` counts as a manual stop: the restart policy leaves the old leader down.
log "starting $first_leader again: it must join as a standby of $new_leader"
compose start "$first_leader" >/dev/null 2>&1 || fail "docker-compose start $first_leader failed"
unset dead_master
standby_of_new_leader() {
  local port location
  [[ $(docker inspect -f '{{.State.Health.Status}}' "$leader_id") == healthy ]] || return 1
  port=$(master_port "$first_leader")
  location=$(curl -s --max-time 3 -o /dev/null -D - "http://127.0.0.1:$port/master/redirect" |
    tr -d '\r' | sed -n 's/^[Ll]ocation: *\/\/\([^:/]*\).*/\1/p')
  [[ $location == "$new_leader" ]]
}
wait_for "$FAILOVER_DEADLINE" "$first_leader healthy again and redirecting to $new_leader" standby_of_new_leader
pass "$first_leader, started again, is a standby that redirects to $new_leader"
log "all checks passed in $((SECONDS - start)) s"
