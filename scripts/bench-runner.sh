# Sourced by scripts/bench-<service>.sh: picks a Java 25 JDK, selects benchmarks by name, builds
# the service's test classpath in one reactor run (package -DskipTests, never install) and runs
# each selected main class, printing its Markdown table.
#
#   bench_run LABEL MODULE BUILD_MODULES RUN_DIR [NAME...] [-- BENCHMARK ARGS...]
#
# LABEL names the script in messages; MODULE holds the benchmarks (its test classes); BUILD_MODULES
# is the reactor's -pl (the module, plus any jar the benchmarks start as a process); RUN_DIR is
# "root" or "module", the directory the benchmarks run in. The caller sets BENCHMARKS to
# name=main-class lines, in the order "all" runs them. JAVA_OPTS replaces the default JVM flags
# (a fixed 2 GB heap so GC sizing does not skew runs).

bench_java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }'
}

bench_run() {
  local label=$1 module=$2 build_modules=$3 run_dir=$4
  shift 4

  # The build needs Java 25; the machines' default java is older.
  local java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java" candidate
  if ! command -v "$java_bin" >/dev/null 2>&1 || [ "$(bench_java_major "$java_bin")" -lt 25 ]; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
      if [ -x "$candidate/bin/java" ]; then
        export JAVA_HOME="$candidate"
        java_bin="$candidate/bin/java"
        break
      fi
    done
  fi
  if [ "$(bench_java_major "$java_bin")" -lt 25 ]; then
    echo "$label: needs a Java 25 JDK (set JAVA_HOME)" >&2
    exit 1
  fi

  # Split names from benchmark arguments.
  local names=() bench_args=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then
      shift
      bench_args=("$@")
      break
    fi
    names+=("$1")
    shift
  done

  local requested entry name classes=()
  for requested in "${names[@]}"; do
    if ! printf '%s\n' "${BENCHMARKS[@]%%=*}" | grep -qx "$requested"; then
      echo "$label: unknown benchmark '$requested' (known: ${BENCHMARKS[*]%%=*})" >&2
      exit 2
    fi
  done
  for entry in "${BENCHMARKS[@]}"; do
    name="${entry%%=*}"
    if [ ${#names[@]} -eq 0 ] || printf '%s\n' "${names[@]}" | grep -qx "$name"; then
      classes+=("${entry#*=}")
    fi
  done

  ./mvnw -B -q -pl "$build_modules" -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
  local classpath
  if [ "$run_dir" = module ]; then
    classpath="target/test-classes:target/classes:$(cat "$module/target/bench-classpath.txt")"
    cd "$module"
  else
    classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
  fi

  local class
  for class in "${classes[@]}"; do
    echo "## ${class##*.}"
    echo
    # shellcheck disable=SC2086
    "$java_bin" ${JAVA_OPTS:--Xms2g -Xmx2g} -cp "$classpath" "$class" "${bench_args[@]}"
    echo
  done
}
