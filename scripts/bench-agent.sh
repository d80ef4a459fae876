#!/usr/bin/env bash
# The agent's launch benchmark (issue 3): N busybox containers through a raw-HTTP framework,
# the master and the agent until all are RUNNING, against the same containers created and
# started directly with docker-java; then M process-containerizer tasks. Prints per run where
# the time went (status update timestamps, the agent's per-step timing, CPU per process).
#
#   scripts/bench-agent.sh [-- --containers 50 --processes 500 --runs 3 --sync-acks
#                              --jfr DIR --jfr-settings FILE.jfc]
#
#   --runs n        direct and platform launch alternate n times (run 1 meets a cold agent JVM)
#   --sync-acks     the framework awaits each acknowledgement before reading the next event
#   --jfr DIR       a flight recording of the agent per platform launch, in DIR
#
# Needs a Docker engine and the mpaas/busybox image (scripts/test-env.sh provides both).
# Figures go to docs/benchmarks.md by hand, with the machine they came from.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z ${JAVA_HOME:-} || ! -x $JAVA_HOME/bin/javac ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"2[5-9]'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[[ ${1:-} == -- ]] && shift

# Both services run as their real jars; the benchmark itself runs from the agent's test classes.
./mvnw -B -o -q -pl mesos-master-svc,agent-svc -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
module=agent-svc
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$classpath" io.mpaas.agent.bench.LaunchBenchmark "$@"
