#!/usr/bin/env bash
# Runs the master's benchmarks (main classes in mesos-master-svc's test sources) and prints
# their Markdown tables. Figures go to docs/benchmarks.md.
#
#   scripts/bench-master.sh                 all benchmarks
#   scripts/bench-master.sh allocation      only the allocation cycle
#   scripts/bench-master.sh allocation -- --reps 30   pass arguments to the benchmark(s)
#
# JAVA_OPTS adds JVM flags (default: a fixed 2 GB heap so GC sizing does not skew runs).
set -euo pipefail
cd "$(dirname "$0")/.."

# name=main class, one line per benchmark; the order is the order "all" runs them in.
BENCHMARKS=(
  "allocation=io.mpaas.master.bench.AllocationBenchmark"
  "state=io.mpaas.master.bench.StateBenchmark"
  "failover=io.mpaas.master.bench.FailoverBenchmark"
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
  echo "bench-master: needs a Java 25 JDK (set JAVA_HOME)" >&2
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

classes=()
for entry in "${BENCHMARKS[@]}"; do
  name="${entry%%=*}"
  if [ ${#names[@]} -eq 0 ] || printf '%s\n' "${names[@]}" | grep -qx "$name"; then
    classes+=("${entry#*=}")
  fi
done
for requested in "${names[@]}"; do
  if ! printf '%s\n' "${BENCHMARKS[@]%%=*}" | grep -qx "$requested"; then
    echo "bench-master: unknown benchmark '$requested' (known: ${BENCHMARKS[*]%%=*})" >&2
    exit 2
  fi
done

# Build the master (its jar runs as separate processes in the failover benchmark) and write the
# test classpath, in one reactor run (never install).
./mvnw -B -q -pl mesos-master-svc -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
module=mesos-master-svc
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"

for class in "${classes[@]}"; do
  echo "## ${class##*.}"
  echo
  # shellcheck disable=SC2086
  "$java_bin" ${JAVA_OPTS:--Xms2g -Xmx2g} -cp "$classpath" "$class" "${bench_args[@]}"
  echo
done
