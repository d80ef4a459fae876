#!/usr/bin/env bash
# Runs marathon's benchmarks (issue 4; main classes in marathon-svc's test sources) and prints
# their Markdown tables. Figures go to docs/benchmarks.md by hand, with the machine they came from.
#
#   scripts/bench-marathon.sh                    all benchmarks
#   scripts/bench-marathon.sh launch             only launch throughput
#   scripts/bench-marathon.sh launch -- --per-offer 100 --runs 3   pass arguments to the benchmark(s)
#
# launch and api start the master's jar (on PostgreSQL) and simulated agents (a child process);
# marathon runs in the benchmark's JVM. health needs no cluster; apps-list times the same answer as
# api on the controller with an in-memory core. Options a benchmark does not know are ignored (with
# a note on stderr). JAVA_OPTS sets the benchmark JVM's flags (default: a fixed 2 GB heap); launch and
# api take --jfr FILE to record a JFR profile of the measured part only.
set -euo pipefail
cd "$(dirname "$0")/.."

# name=main class, one line per benchmark; the order is the order "all" runs them in.
BENCHMARKS=(
  "launch=io.mpaas.marathon.bench.LaunchBenchmark"
  "api=io.mpaas.marathon.bench.ApiReadBenchmark"
  "health=io.mpaas.marathon.bench.HealthCheckBenchmark"
  "apps-list=io.mpaas.marathon.bench.AppsListBenchmark"
)

java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }'
}

# The build needs Java 25; the machines' default java is older.
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java_bin" >/dev/null 2>&1 || [ "$(java_major "$java_bin")" -lt 25 ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then
      export JAVA_HOME="$candidate"
      java_bin="$candidate/bin/java"
      break
    fi
  done
fi
if [ "$(java_major "$java_bin")" -lt 25 ]; then
  echo "bench-marathon: needs a Java 25 JDK (set JAVA_HOME)" >&2
  exit 1
fi

# Split names from benchmark arguments.
names=()
bench_args=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then
    shift
    bench_args=("$@")
    break
  fi
  names+=("$1")
  shift
done

for requested in "${names[@]}"; do
  if ! printf '%s\n' "${BENCHMARKS[@]%%=*}" | grep -qx "$requested"; then
    echo "bench-marathon: unknown benchmark '$requested' (known: ${BENCHMARKS[*]%%=*})" >&2
    exit 2
  fi
done
classes=()
for entry in "${BENCHMARKS[@]}"; do
  name="${entry%%=*}"
  if [ ${#names[@]} -eq 0 ] || printf '%s\n' "${names[@]}" | grep -qx "$name"; then
    classes+=("${entry#*=}")
  fi
done

# Build the master's jar (it runs as a process) and marathon's test classes, and write marathon's
# test classpath, in one reactor run (never install).
./mvnw -B -q -pl mesos-master-svc,marathon-svc -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
module=marathon-svc
classpath="target/test-classes:target/classes:$(cat "$module/target/bench-classpath.txt")"

# From the module's directory, as its tests run: logs and work dirs go to marathon-svc/target.
cd "$module"
for class in "${classes[@]}"; do
  echo "## ${class##*.}"
  echo
  # shellcheck disable=SC2086
  "$java_bin" ${JAVA_OPTS:--Xms2g -Xmx2g} -cp "$classpath" "$class" "${bench_args[@]}"
  echo
done
