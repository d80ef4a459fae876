#!/usr/bin/env bash
# Checks the chart helm/mpaas without a Kubernetes cluster.
#
# With `helm` on PATH: `helm lint` and `helm template` (default values and each
# helm/test/values-*.yaml), and the rendered manifests through check_manifests.py.
# Without it (Helm is in no Debian release and no binary can be downloaded on the project's
# machines): the same templates rendered by helm/test/render (Go's text/template with Sprig,
# the libraries Helm's engine is made of, built from Debian's packages golang-go,
# golang-github-masterminds-sprig-dev and golang-gopkg-yaml.v3-dev, installed with apt-get
# when missing and root), then check_manifests.py.
#
# Usage: helm/test/lint.sh          exit 0 when every rendering passes and every values-missing-*
#                                   file is refused
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CHART=$(cd "$HERE/../mpaas" && pwd)
readonly HERE CHART
WORK=$(mktemp -d /tmp/mpaas-helm-lint.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

log() { printf '[helm-lint] %s\n' "$*"; }
die() { printf '[helm-lint] ERROR: %s\n' "$*" >&2; exit 1; }

PYTHON=$(command -v python3) || die "python3 is needed"
"$PYTHON" -c 'import yaml' 2>/dev/null || PYTHON=/usr/bin/python3
"$PYTHON" -c 'import yaml' 2>/dev/null || die "python3 with PyYAML is needed (apt-get install -y python3-yaml)"

# The parts that are YAML before rendering.
for file in "$CHART/Chart.yaml" "$CHART/values.yaml" "$HERE"/values-*.yaml; do
  "$PYTHON" -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$file" || die "$file is not valid YAML"
done
log "Chart.yaml, values.yaml and the test values parse"

externals=(--external mpaas-credentials --external mpaas-db --external regcred)

if command -v helm >/dev/null; then
  log "using $(helm version --short 2>/dev/null || echo helm)"
  helm lint --strict "$CHART" || die "helm lint failed"
  render() { helm template release "$CHART" --namespace mpaas "$@"; }
else
  renderer=$WORK/render
  go_packages=(golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v3-dev)
  if ! command -v go >/dev/null || [[ ! -d /usr/share/gocode/src/github.com/Masterminds/sprig || ! -d /usr/share/gocode/src/gopkg.in/yaml.v3 ]]; then
    if ((EUID != 0)) || ! command -v apt-get >/dev/null; then
      die "no helm, and no Go with Sprig to render the chart: install helm, or (Debian, root) apt-get install -y ${go_packages[*]}"
    fi
    log "no helm on PATH: installing Go and Sprig from Debian (${go_packages[*]})"
    apt-get install -y --no-install-recommends "${go_packages[@]}" >"$WORK/apt.log" 2>&1 ||
      { apt-get update >>"$WORK/apt.log" 2>&1 && apt-get install -y --no-install-recommends "${go_packages[@]}" >>"$WORK/apt.log" 2>&1; } ||
      { cat "$WORK/apt.log" >&2; die "apt-get install ${go_packages[*]} failed"; }
  fi
  log "no helm on PATH: rendering with helm/test/render (text/template + Sprig $(dpkg-query -W -f='${Version}' golang-github-masterminds-sprig-dev 2>/dev/null))"
  (cd "$HERE/render" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE=$WORK/go-cache go build -o "$renderer" .) ||
    die "cannot build helm/test/render"
  render() { "$renderer" -name release -namespace mpaas -notes "$@" "$CHART"; }
fi

count=0
for values in "" "$HERE"/values-*.yaml; do
  name=${values:+$(basename "$values")}
  name=${name:-default values}
  args=()
  [[ -n $values ]] && args=(-f "$values")
  out=$WORK/rendered-$count.yaml
  count=$((count + 1))
  if [[ $name == values-missing-* ]]; then
    if render "${args[@]}" >"$out" 2>"$out.err"; then
      die "$name: rendered, but must be refused"
    fi
    log "$name: refused as it must be: $(grep -o 'required[^:]*: .*\|fail[^:]*: .*' "$out.err" | tail -n1 | sed 's/.*: //')"
    continue
  fi
  render "${args[@]}" >"$out" || die "$name: rendering failed"
  "$PYTHON" "$HERE/check_manifests.py" "${externals[@]}" "$out" | sed "s#^$out#$name#" ||
    die "$name: the rendered manifests have problems"
done
log "PASS"
