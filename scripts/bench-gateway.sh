#!/usr/bin/env bash
# Runs the gateway's benchmarks (issue 5; main classes in gateway-haproxy-sync's test sources, package
# io.mpaas.gateway.bench) and prints their Markdown tables, with the machine they ran on.
#
#   scripts/bench-gateway.sh                     all benchmarks
#   scripts/bench-gateway.sh propagation         only task news -> HAProxy latency
#   scripts/bench-gateway.sh load -- --seconds 60   pass arguments to the benchmark(s)
#
# Everything runs in the benchmark's JVM against a real HAProxy (haproxy on the PATH, started in a temporary
# run directory on free ports) and a fake marathon; load also needs Debian's wrk. JAVA_OPTS sets the
# benchmark JVM's flags (default: a fixed 2 GB heap).
set -euo pipefail
cd "$(dirname "$0")/.."

# name=main class, one line per benchmark; the order is the order "all" runs them in.
BENCHMARKS=(
  "propagation=io.mpaas.gateway.bench.PropagationBenchmark"
  "load=io.mpaas.gateway.bench.LoadBenchmark"
  "scale=io.mpaas.gateway.bench.ScaleBenchmark"
)

# shellcheck source=scripts/bench-runner.sh
source scripts/bench-runner.sh
bench_run bench-gateway gateway-haproxy-sync gateway-haproxy-sync module "$@"
