#!/usr/bin/env bash
# Builds the Docker images the tests run, without any image registry (none is reachable
# on these machines, so no test may pull an image).
#
#   mpaas/busybox:latest   (also tagged busybox:latest unless a foreign busybox:latest exists)
#
# The image is Debian's static busybox in an otherwise empty root file system, packed with
# tar and loaded with `docker import`. It serves a web app (`httpd -f -p PORT`, answering
# "ok" on / from WORKDIR /www), a TCP app (`nc -ll -p PORT -e ...`), a failing app
# (`false`) and a slow app (`sleep N`).
#
# Usage: scripts/build-test-images.sh [--force] [--verify]
#   --force   rebuild even when an image built from this same recipe exists
#   --verify  run the smoke test (HTTP and TCP on published ports) even when nothing was built
# The smoke test always runs after a build. Needs a Docker engine that answers and
# /bin/busybox from the busybox-static package (scripts/test-env.sh provides both).
set -Eeuo pipefail

readonly IMAGE=mpaas/busybox:latest
readonly ALIAS=busybox:latest
readonly RECIPE_LABEL=io.mpaas.image-recipe
# Polling deadline for the smoke test: a container starts in well under a second here;
# ten seconds separates "slow machine" from "broken port mapping".
readonly SMOKE_DEADLINE_SECONDS=10

log() { printf '[build-test-images] %s\n' "$*"; }
die() { printf '[build-test-images] ERROR: %s\n' "$*" >&2; exit 1; }

force=false
verify=false
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    --verify) verify=true ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done

command -v docker >/dev/null || die "no docker CLI on PATH: run scripts/test-env.sh (installs docker.io)"
docker info >/dev/null 2>&1 || die "the Docker engine does not answer: run scripts/test-env.sh (starts dockerd)"

busybox_bin=/bin/busybox
[[ -x $busybox_bin ]] || die "$busybox_bin is missing: apt-get install -y busybox-static (or run scripts/test-env.sh)"
# A dynamically linked busybox (Debian's plain `busybox` package) would not run in an
# empty root file system: insist on the static one.
ldd_out=$(LC_ALL=C ldd "$busybox_bin" 2>&1 || true)
if [[ $ldd_out != *'not a dynamic executable'* && $ldd_out != *'statically linked'* ]]; then
  die "$busybox_bin is dynamically linked: apt-get install -y busybox-static"
fi

# The recipe identity: this script plus the busybox build. A change to either rebuilds.
busybox_version=$(dpkg-query -W -f='${Version}' busybox-static 2>/dev/null || "$busybox_bin" | head -n1)
recipe=$( { cat "$0"; echo "$busybox_version"; } | sha256sum | cut -c1-16)

image_recipe() { docker image inspect -f "{{ index .Config.Labels \"$RECIPE_LABEL\" }}" "$1" 2>/dev/null || true; }

build() {
  local root
  root=$(mktemp -d)
  trap 'rm -rf "$root"' RETURN

  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,home,tmp,var/tmp,www,proc,sys,dev}
  chmod 1777 "$root/tmp" "$root/var/tmp"
  cp "$busybox_bin" "$root/bin/busybox"
  # One link per applet (sh, httpd, nc, sleep, echo, cat, ls, env, wget, true, false,
  # kill, ps, ...), all in /bin; /usr/bin/env too, for "#!/usr/bin/env sh" scripts.
  local applet
  for applet in $("$busybox_bin" --list); do
    [[ $applet == busybox ]] || ln -s busybox "$root/bin/$applet"
  done
  ln -s ../../bin/busybox "$root/usr/bin/env"

  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
app:x:1000:1000:app:/home:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
app:x:1000:
nogroup:x:65534:
EOF
  echo 'hosts: files dns' >"$root/etc/nsswitch.conf"
  printf 'ok\n' >"$root/www/index.html"

  tar --numeric-owner --owner=0 --group=0 -C "$root" -c . |
    docker import \
      --change 'ENV PATH=/bin:/sbin:/usr/bin:/usr/sbin' \
      --change 'WORKDIR /www' \
      --change 'CMD ["sh"]' \
      --change "LABEL $RECIPE_LABEL=$recipe" \
      --change "LABEL io.mpaas.busybox-version=$busybox_version" \
      --message "mpaas test image: Debian busybox-static $busybox_version" \
      - "$IMAGE" >/dev/null
  log "built $IMAGE (recipe $recipe, busybox $busybox_version)"
}

# The alias is ours to move only when it is absent or was made by this script.
tag_alias() {
  if docker image inspect "$ALIAS" >/dev/null 2>&1 && [[ -z $(image_recipe "$ALIAS") ]]; then
    log "leaving $ALIAS alone: it exists and was not built here"
    return
  fi
  docker tag "$IMAGE" "$ALIAS"
}

# Polls a command until it succeeds or the deadline passes. Returns its last status.
poll() {
  local deadline=$((SECONDS + SMOKE_DEADLINE_SECONDS))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

smoke_test() {
  local web tcp web_port tcp_port
  web=$(docker run -d --rm -p 127.0.0.1::8080 "$IMAGE" httpd -f -p 8080)
  tcp=$(docker run -d --rm -p 127.0.0.1::7000 "$IMAGE" nc -ll -p 7000 -e echo pong)
  # shellcheck disable=SC2064 # expand the ids now
  trap "docker rm -f $web $tcp >/dev/null 2>&1 || true" RETURN

  web_port=$(docker port "$web" 8080/tcp | head -n1 | sed 's/.*://')
  tcp_port=$(docker port "$tcp" 7000/tcp | head -n1 | sed 's/.*://')

  http_ok() { [[ $(curl -fsS --max-time 2 "http://127.0.0.1:$web_port/" 2>/dev/null) == ok ]]; }
  tcp_ok() {
    local reply
    reply=$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$tcp_port && head -n1 <&3" 2>/dev/null) || return 1
    [[ $reply == pong ]]
  }

  poll http_ok || die "smoke test: httpd in $IMAGE did not answer on published port 127.0.0.1:$web_port ($(docker logs "$web" 2>&1 | tail -n3))"
  log "smoke test: httpd -f -p 8080 answers 'ok' on published port 127.0.0.1:$web_port"
  poll tcp_ok || die "smoke test: nc in $IMAGE did not answer on published port 127.0.0.1:$tcp_port ($(docker logs "$tcp" 2>&1 | tail -n3))"
  log "smoke test: nc -ll -p 7000 answers 'pong' on published port 127.0.0.1:$tcp_port"
  # A failing app exits non-zero, and the exit code reaches the engine.
  local code=0
  docker run --rm "$IMAGE" sh -c 'exit 3' || code=$?
  [[ $code == 3 ]] || die "smoke test: expected exit code 3 from a failing container, got $code"
  log "smoke test: a failing container's exit code (3) reaches the engine"
}

built=false
if $force || [[ $(image_recipe "$IMAGE") != "$recipe" ]]; then
  build
  built=true
else
  log "$IMAGE is up to date (recipe $recipe)"
fi
tag_alias
if $built || $verify; then
  smoke_test
fi
