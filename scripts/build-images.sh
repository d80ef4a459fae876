#!/usr/bin/env bash
# Builds the platform's container images from the service jars (docker/*/Dockerfile):
#
#   mpaas/mesos-master:TAG  mpaas/mesos-agent:TAG  mpaas/marathon:TAG  mpaas/gateway:TAG
#
# on BASE_IMAGE (default eclipse-temurin:25-jre) when it is present or can be pulled. When it
# can be neither (no registry, as on these machines), it first builds an offline base from
# this machine's own files and uses that instead:
#
#   mpaas/local-jre:25          a jlinked Java 25 runtime (from $JAVA_HOME), the shared
#                               libraries ldd names for it, busybox-static and bash
#   mpaas/local-jre-haproxy:25  the same plus the host's /usr/sbin/haproxy and its libraries
#                               (the gateway's base)
#
# docker-compose.yml also runs ZooKeeper and PostgreSQL from ZOOKEEPER_IMAGE (default
# zookeeper:3.9) and POSTGRES_IMAGE (default postgres:15). When those cannot be had either,
# it builds stand-ins from this machine's files:
#
#   mpaas/zookeeper-local:<v>   the real ZooKeeper server, from the ZooKeeper jars the project
#                               uses through Curator (version read from the master's jar,
#                               files taken from ~/.m2), on the Java base
#   mpaas/postgres-local:15     the host's PostgreSQL 15 (/usr/lib/postgresql/15,
#                               /usr/share/postgresql/15, their libraries) with an entrypoint
#                               that honours the official image's POSTGRES_* variables
#
# Usage: scripts/build-images.sh [--offline] [--force] [--no-stand-ins] [--env-file FILE]
#   --offline        build and use the offline base even when BASE_IMAGE could be pulled
#   --force          rebuild the offline base and the stand-ins even when their recipe is unchanged
#   --no-stand-ins   do not look at (or build) ZooKeeper and PostgreSQL images
#   --env-file FILE  write MPAAS_TAG, ZOOKEEPER_IMAGE and POSTGRES_IMAGE as docker-compose needs them
#
# Environment: BASE_IMAGE, MPAAS_TAG (default latest), ZOOKEEPER_IMAGE, POSTGRES_IMAGE,
#   JAVA_HOME (the JDK 25 whose jlink makes the offline base; default Temurin 25 under /usr/lib/jvm).
# Needs: a Docker engine, the jars (./mvnw -B -DskipTests package); for the offline parts
# also bash, ldd, busybox-static (/bin/busybox), HAProxy and PostgreSQL 15 installed on the host.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly TAG=${MPAAS_TAG:-latest}
readonly BASE_IMAGE=${BASE_IMAGE:-eclipse-temurin:25-jre}
readonly LOCAL_JRE=mpaas/local-jre:25
readonly LOCAL_JRE_HAPROXY=mpaas/local-jre-haproxy:25
readonly LOCAL_POSTGRES=mpaas/postgres-local:15
readonly RECIPE_LABEL=io.mpaas.image-recipe
# The modules of a JRE that runs the services (Spring Boot, JDBC, JMX, JFR, DNS, TLS).
readonly JRE_MODULES=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.management.agent,jdk.management.jfr,jdk.jfr,jdk.naming.dns,jdk.net,jdk.zipfs,jdk.charsets,jdk.security.auth,jdk.security.jgss,jdk.httpserver,jdk.jcmd
# module, image name, Dockerfile directory, whether it is the gateway (needs HAProxy)
readonly SERVICES=(
  "mesos-master-svc mpaas/mesos-master master no"
  "agent-svc mpaas/mesos-agent agent no"
  "marathon-svc mpaas/marathon marathon no"
  "gateway-haproxy-sync mpaas/gateway gateway yes"
)

log() { printf '[build-images] %s\n' "$*"; }
die() { printf '[build-images] ERROR: %s\n' "$*" >&2; exit 1; }

offline=false force=false stand_ins=true env_file=""
while (($# > 0)); do
  case "$1" in
    --offline) offline=true ;;
    --force) force=true ;;
    --no-stand-ins) stand_ins=false ;;
    --env-file) env_file=${2:?--env-file needs a file name}; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done

command -v docker >/dev/null || die "no docker CLI on PATH (apt-get install -y docker.io)"
docker info >/dev/null 2>&1 || die "the Docker engine does not answer (scripts/test-env.sh starts one)"

WORK=$(mktemp -d /tmp/mpaas-build-images.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# ------------------------------------------------------------------------ helpers

# Whether image $1 is here, or can be pulled (a registry that cannot be reached fails fast).
image_available() {
  docker image inspect "$1" >/dev/null 2>&1 && return 0
  log "pulling $1"
  timeout 600 docker pull -q "$1" >/dev/null 2>&1
}

image_recipe() { docker image inspect -f "{{ index .Config.Labels \"$RECIPE_LABEL\" }}" "$1" 2>/dev/null || true; }

# True when image $1 must be (re)built for recipe $2.
needs_build() { $force || [[ $(image_recipe "$1") != "$2" ]]; }

# The jar of module $1 (exactly one, the Spring Boot one).
jar_of() {
  local jars=("$ROOT/$1/target/$1"-*.jar)
  [[ -f ${jars[0]} ]] || die "$1/target has no jar: build them first (JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -DskipTests package)"
  ((${#jars[@]} == 1)) || die "$1/target has ${#jars[@]} jars (${jars[*]}); the Dockerfile copies exactly one: run ./mvnw clean package"
  echo "${jars[0]}"
}

is_elf() { [[ -f $1 && $(head -c4 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n') == 7f454c46 ]]; }

# $1 with its directories resolved (/lib64/x -> /usr/lib64/x on merged-/usr systems) but its
# own name kept: libraries are found by their soname, which is often a symlink.
canonical() { printf '%s/%s\n' "$(readlink -f "$(dirname "$1")")" "$(basename "$1")"; }

# Copies file $2 of the host into root file system $1 at its canonical path (content, not link).
add_file() {
  local dest
  dest=$1$(canonical "$2")
  [[ -e $dest ]] && return 0
  mkdir -p "$(dirname "$dest")"
  cp -L "$2" "$dest"
}

# Copies into root file system $1 every shared library the ELF files $2... need (ldd, so
# transitively), and the dynamic loader. Libraries that cannot be found are reported: the
# runtime's AWT/X11 ones are expected to be missing (the services run headless).
add_libraries() {
  local root=$1 file lib
  shift
  declare -A seen=()
  for file in "$@"; do
    is_elf "$file" || continue
    while read -r lib; do
      [[ -n $lib && -z ${seen[$lib]:-} ]] || continue
      seen[$lib]=1
      if [[ $lib == "missing:"* ]]; then
        # Libraries of the same package found at run time (libjvm.so, loaded first) are no gap.
        [[ -z $(find "$root" -name "${lib#missing:}" -print -quit) ]] || continue
        printf '%s\n' "${lib#missing:} (needed by $(basename "$file"))" >>"$WORK/missing-libraries"
      else
        add_file "$root" "$lib"
      fi
    done < <(LC_ALL=C ldd "$file" 2>/dev/null | awk '
      $2 == "=>" && $3 == "not" { print "missing:" $1; next }
      $2 == "=>" && $3 ~ /^\// { print $3; next }
      $1 ~ /^\// { print $1 }')
  done
}

# A minimal root file system in $1: merged-/usr layout, busybox-static with its applets in
# /bin, bash, /etc/passwd and /etc/group (root, nobody and $2... as "name:uid"), the C.UTF-8
# locale, /tmp.
rootfs_skeleton() {
  local root=$1 entry name uid applet
  shift
  mkdir -p "$root"/{bin,sbin,etc,root,tmp,var/tmp,run,proc,sys,dev,usr/bin,usr/sbin,usr/local/bin,usr/lib,usr/lib64}
  ln -s usr/lib "$root/lib"
  ln -s usr/lib64 "$root/lib64"
  chmod 1777 "$root/tmp" "$root/var/tmp"

  local busybox=/bin/busybox
  [[ -x $busybox ]] || die "$busybox is missing: apt-get install -y busybox-static"
  local ldd_out
  ldd_out=$(LC_ALL=C ldd "$busybox" 2>&1 || true)
  [[ $ldd_out == *'not a dynamic executable'* || $ldd_out == *'statically linked'* ]] ||
    die "$busybox is dynamically linked: apt-get install -y busybox-static"
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list); do
    [[ $applet == busybox || -e $root/bin/$applet ]] || ln -s busybox "$root/bin/$applet"
  done
  # The health checks speak HTTP with bash's /dev/tcp (docker/healthcheck).
  rm -f "$root/bin/bash"
  cp -L /bin/bash "$root/bin/bash"
  add_libraries "$root" /bin/bash

  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  for entry in "$@"; do
    name=${entry%%:*} uid=${entry#*:}
    printf '%s:x:%s:%s:%s:/nonexistent:/bin/false\n' "$name" "$uid" "$uid" "$name" >>"$root/etc/passwd"
    printf '%s:x:%s:\n' "$name" "$uid" >>"$root/etc/group"
  done
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$root/etc/nsswitch.conf"
  if [[ -d /usr/lib/locale/C.utf8 ]]; then
    mkdir -p "$root/usr/lib/locale"
    cp -a /usr/lib/locale/C.utf8 "$root/usr/lib/locale/"
  fi
}

report_missing_libraries() {
  [[ -s $WORK/missing-libraries ]] || return 0
  log "libraries ldd could not find (left out; $1): $(sort -u "$WORK/missing-libraries" | tr '\n' ';' | sed 's/;$//; s/;/; /g')"
  rm -f "$WORK/missing-libraries"
}

# docker build, quiet: the output (and the CLI's note on the legacy builder) only when it fails.
docker_build() {
  if ! docker build -q "$@" >"$WORK/docker-build.log" 2>&1; then
    cat "$WORK/docker-build.log" >&2
    die "docker build $* failed"
  fi
}

find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [[ -n $candidate && -x $candidate/bin/jlink ]] || continue
    if "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
      echo "$candidate"
      return
    fi
  done
  return 1
}

# ------------------------------------------------------------------- offline bases

build_local_jre() {
  local jdk recipe root
  jdk=$(find_jdk) || die "no JDK 25 with jlink (set JAVA_HOME) to build the offline base $LOCAL_JRE"
  recipe=$( { sed -n '/^build_local_jre()/,/^}/p;/^rootfs_skeleton()/,/^}/p' "$0"; echo "$JRE_MODULES";
              "$jdk/bin/java" -version 2>&1; /bin/busybox | head -n1; bash --version | head -n1; } | sha256sum | cut -c1-16)
  if ! needs_build "$LOCAL_JRE" "$recipe"; then
    log "$LOCAL_JRE is up to date (recipe $recipe)"
    return
  fi
  log "building the offline base $LOCAL_JRE: jlink of $jdk, its libraries, busybox, bash"
  root=$WORK/jre-root
  rootfs_skeleton "$root"
  mkdir -p "$root/opt/java"
  "$jdk/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-man-pages --no-header-files \
    --generate-cds-archive --output "$root/opt/java/openjdk" >/dev/null
  mapfile -t elves < <(find "$root/opt/java/openjdk" -type f \( -name '*.so' -o -path '*/bin/*' \))
  add_libraries "$root" "${elves[@]}"
  report_missing_libraries "the services run headless"
  "$root/opt/java/openjdk/bin/java" -version >/dev/null 2>&1 || die "the jlinked runtime does not start on the host"

  tar --numeric-owner -C "$root" -c . |
    docker import \
      --change 'ENV JAVA_HOME=/opt/java/openjdk' \
      --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/bin:/bin:/sbin:/usr/bin:/usr/sbin' \
      --change 'ENV LANG=C.UTF-8' \
      --change 'CMD ["java", "-version"]' \
      --change "LABEL $RECIPE_LABEL=$recipe" \
      --message "mpaas offline base: jlinked $("$jdk/bin/java" -version 2>&1 | head -n1), busybox, bash" \
      - "$LOCAL_JRE" >/dev/null
  rm -rf "$root"
  docker run --rm "$LOCAL_JRE" java -version >/dev/null 2>&1 || die "$LOCAL_JRE was built but java does not start in it"
  log "built $LOCAL_JRE ($(docker image inspect -f '{{.Size}}' "$LOCAL_JRE" | awk '{ printf "%d MB", $1 / 1e6 }'))"
}

build_local_jre_haproxy() {
  local haproxy recipe ctx
  haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)
  [[ -x $haproxy ]] || die "no haproxy on this machine to put into $LOCAL_JRE_HAPROXY (apt-get install -y haproxy)"
  recipe=$( { image_recipe "$LOCAL_JRE"; sed -n '/^build_local_jre_haproxy()/,/^}/p' "$0"; "$haproxy" -v | head -n1; } |
            sha256sum | cut -c1-16)
  if ! needs_build "$LOCAL_JRE_HAPROXY" "$recipe"; then
    log "$LOCAL_JRE_HAPROXY is up to date (recipe $recipe)"
    return
  fi
  log "building the gateway's offline base $LOCAL_JRE_HAPROXY: $LOCAL_JRE + $haproxy ($("$haproxy" -v | head -n1 | awk '{ print $3 }'))"
  ctx=$WORK/haproxy-ctx
  mkdir -p "$ctx/rootfs/usr/sbin"
  cp -L "$haproxy" "$ctx/rootfs/usr/sbin/haproxy"
  add_libraries "$ctx/rootfs" "$haproxy"
  report_missing_libraries "HAProxy may not start"
  cat >"$ctx/Dockerfile" <<EOF
FROM $LOCAL_JRE
COPY rootfs/ /
RUN haproxy -vv >/dev/null && haproxy -v | head -n1
LABEL $RECIPE_LABEL=$recipe
EOF
  docker_build -t "$LOCAL_JRE_HAPROXY" "$ctx"
  rm -rf "$ctx"
  log "built $LOCAL_JRE_HAPROXY"
}

# ---------------------------------------------------------------------- stand-ins

# The ZooKeeper server the project uses through Curator: the master's jar names the versions;
# the files come from ~/.m2 (or, failing that, out of the master's jar itself).
build_local_zookeeper() {
  local base=$1 master_jar names name version recipe ctx found image
  master_jar=$(jar_of mesos-master-svc)
  mapfile -t names < <(unzip -Z1 "$master_jar" 'BOOT-INF/lib/*' | sed 's#^BOOT-INF/lib/##' | grep -E \
    '^(zookeeper|zookeeper-jute|audience-annotations|slf4j-api|logback-classic|logback-core|commons-io|netty-(handler|common|resolver|buffer|transport|transport-native-unix-common|codec-base|codec|transport-classes-epoll))-[0-9][^/]*\.jar$|^netty-transport-native-epoll-[0-9][^/]*-linux-x86_64\.jar$')
  version=$(printf '%s\n' "${names[@]}" | sed -n 's/^zookeeper-\([0-9][0-9.]*\)\.jar$/\1/p')
  [[ -n $version ]] || die "the master's jar ($master_jar) has no zookeeper-<version>.jar: cannot tell which ZooKeeper the project uses"
  image=mpaas/zookeeper-local:$version
  recipe=$( { image_recipe "$base"; echo "$base"; printf '%s\n' "${names[@]}"; cat "$ROOT"/docker/zookeeper/*;
              sed -n '/^build_local_zookeeper()/,/^}/p' "$0"; } | sha256sum | cut -c1-16)
  if ! needs_build "$image" "$recipe"; then
    log "$image is up to date (recipe $recipe)" >&2
    echo "$image"
    return
  fi
  log "building $image: ZooKeeper $version (QuorumPeerMain) from ~/.m2 on $base" >&2
  ctx=$WORK/zookeeper-ctx
  mkdir -p "$ctx/lib"
  cp "$ROOT"/docker/zookeeper/{Dockerfile,entrypoint.sh,logback.xml} "$ctx/"
  for name in "${names[@]}"; do
    found=$(find "$HOME/.m2/repository" -name "$name" -type f -print -quit 2>/dev/null || true)
    if [[ -n $found ]]; then
      cp "$found" "$ctx/lib/"
    else
      unzip -q -j "$master_jar" "BOOT-INF/lib/$name" -d "$ctx/lib"
    fi
  done
  # Two jars ZooKeeper's own distribution ships that the services do not (ZooKeeper declares
  # them "provided"): Dropwizard's metrics-core for its default metrics provider and
  # snappy-java, which snapshot handling loads. curator-test brings both into ~/.m2; without
  # metrics-core the entrypoint falls back to ZooKeeper's NullMetricsProvider.
  local extra
  for extra in io/dropwizard/metrics/metrics-core org/xerial/snappy/snappy-java; do
    found=$(find "$HOME/.m2/repository/$extra" -name "$(basename "$extra")-[0-9]*.jar" \
              ! -name '*-sources.jar' ! -name '*-javadoc.jar' 2>/dev/null | sort -V | tail -n1 || true)
    if [[ -n $found ]]; then
      cp "$found" "$ctx/lib/"
    else
      log "no $extra in ~/.m2: $image runs without it" >&2
    fi
  done
  docker_build --build-arg "BASE_IMAGE=$base" --label "$RECIPE_LABEL=$recipe" -t "$image" "$ctx"
  rm -rf "$ctx"
  log "built $image" >&2
  echo "$image"
}

build_local_postgres() {
  local pg_lib=/usr/lib/postgresql/15 pg_share=/usr/share/postgresql/15 recipe root ctx
  [[ -x $pg_lib/bin/postgres && -d $pg_share ]] || die "PostgreSQL 15 is not installed here ($pg_lib, $pg_share): apt-get install -y postgresql-15"
  recipe=$( { sed -n '/^build_local_postgres()/,/^}/p;/^rootfs_skeleton()/,/^}/p' "$0"; cat "$ROOT"/docker/postgres-local/*;
              "$pg_lib/bin/postgres" --version; } | sha256sum | cut -c1-16)
  if ! needs_build "$LOCAL_POSTGRES" "$recipe"; then
    log "$LOCAL_POSTGRES is up to date (recipe $recipe)"
    return
  fi
  log "building $LOCAL_POSTGRES from this machine's $("$pg_lib/bin/postgres" --version)"
  root=$WORK/postgres-root
  rootfs_skeleton "$root" postgres:999
  mkdir -p "$root/usr/lib/postgresql" "$root/usr/share/postgresql" "$root/usr/share/zoneinfo"
  # Without LLVM's JIT (libLLVM alone is 100 MB): PostgreSQL then runs without JIT, silently.
  cp -a "$pg_lib" "$root/usr/lib/postgresql/"
  rm -rf "$root$pg_lib"/lib/llvmjit* "$root$pg_lib/lib/bitcode"
  cp -a "$pg_share" "$root/usr/share/postgresql/"
  cp -a /usr/share/zoneinfo/. "$root/usr/share/zoneinfo/"
  mapfile -t elves < <(find "$root$pg_lib" -type f \( -name '*.so' -o -path '*/bin/*' \))
  add_libraries "$root" "${elves[@]}"
  report_missing_libraries "some extensions may not load"
  mkdir -p "$root/var/run/postgresql" "$root/var/lib/postgresql/data" "$root/docker-entrypoint-initdb.d"
  chown 999:999 "$root/var/run/postgresql" "$root/var/lib/postgresql" "$root/var/lib/postgresql/data"
  chmod 2775 "$root/var/run/postgresql"
  chmod 700 "$root/var/lib/postgresql/data"
  tar --numeric-owner -C "$root" -c . | docker import --message "mpaas: the host's PostgreSQL 15" - mpaas/postgres-local-rootfs:15 >/dev/null
  rm -rf "$root"

  ctx=$WORK/postgres-ctx
  mkdir -p "$ctx"
  cp "$ROOT"/docker/postgres-local/* "$ctx/"
  sed -i 's#^FROM scratch$#FROM mpaas/postgres-local-rootfs:15#; /^COPY rootfs\/ \/$/d' "$ctx/Dockerfile"
  docker_build --label "$RECIPE_LABEL=$recipe" -t "$LOCAL_POSTGRES" "$ctx"
  rm -rf "$ctx"
  log "built $LOCAL_POSTGRES"
}

# ------------------------------------------------------------------------- main

for line in "${SERVICES[@]}"; do
  read -r module _ <<<"$line"
  jar_of "$module" >/dev/null
done

base=$BASE_IMAGE gateway_base=$BASE_IMAGE
if ! $offline && image_available "$BASE_IMAGE"; then
  log "base image: $BASE_IMAGE"
else
  $offline || log "$BASE_IMAGE is not here and cannot be pulled: building an offline base from this machine's files"
  build_local_jre
  build_local_jre_haproxy
  base=$LOCAL_JRE gateway_base=$LOCAL_JRE_HAPROXY
fi

for line in "${SERVICES[@]}"; do
  read -r module image dir is_gateway <<<"$line"
  from=$base
  [[ $is_gateway == yes ]] && from=$gateway_base
  log "building $image:$TAG (docker/$dir/Dockerfile on $from)"
  docker_build -f "$ROOT/docker/$dir/Dockerfile" --build-arg "BASE_IMAGE=$from" \
    --label "io.mpaas.base-image=$from" -t "$image:$TAG" "$ROOT"
done

zookeeper_image=${ZOOKEEPER_IMAGE:-zookeeper:3.9}
postgres_image=${POSTGRES_IMAGE:-postgres:15}
if $stand_ins; then
  if ! $offline && image_available "$zookeeper_image"; then
    log "ZooKeeper: $zookeeper_image"
  else
    # The stand-in runs on the base the services run on (the offline one when that was built).
    zookeeper_image=$(build_local_zookeeper "$base")
  fi
  if ! $offline && image_available "$postgres_image"; then
    log "PostgreSQL: $postgres_image"
  else
    build_local_postgres
    postgres_image=$LOCAL_POSTGRES
  fi
fi

if [[ -n $env_file ]]; then
  printf 'MPAAS_TAG=%s\nZOOKEEPER_IMAGE=%s\nPOSTGRES_IMAGE=%s\n' "$TAG" "$zookeeper_image" "$postgres_image" >"$env_file"
fi
log "done. For docker-compose: MPAAS_TAG=$TAG ZOOKEEPER_IMAGE=$zookeeper_image POSTGRES_IMAGE=$postgres_image"
