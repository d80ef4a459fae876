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
  "links=io.mpaas.master.bench.LinkMemoryBenchmark"
)

# The master's jar runs as separate processes in the failover benchmark: the build makes it.
# shellcheck source=scripts/bench-runner.sh
source scripts/bench-runner.sh
bench_run bench-master mesos-master-svc mesos-master-svc root "$@"
