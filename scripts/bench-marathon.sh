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

# The master's jar runs as a process; benchmarks run from the module's directory, as its tests
# do, so logs and work dirs go to marathon-svc/target.
# shellcheck source=scripts/bench-runner.sh
source scripts/bench-runner.sh
bench_run bench-marathon marathon-svc mesos-master-svc,marathon-svc module "$@"
