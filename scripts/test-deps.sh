#!/usr/bin/env bash
# Installs what the test suite drives for real: Debian's kubectl-compatible tools and servers
# (hey, wrk, nginx, prometheus, etcd, chromium) and a kube-apiserver built from Debian's
# source package (cached outside the clone). Idempotent: seconds when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian package → a file it installs (to skip apt when present).
declare -A PACKAGES=(
  [hey]=/usr/bin/hey
  [wrk]=/usr/bin/wrk
  [nginx]=/usr/sbin/nginx
  [prometheus]=/usr/bin/prometheus
  [etcd-server]=/usr/bin/etcd
  [chromium]=/usr/bin/chromium
  [golang-1.19-go]=/usr/lib/go-1.19/bin/go
  [golang-github-modern-go-reflect2-dev]=/usr/share/gocode/src/github.com/modern-go/reflect2/reflect2.go
  [dpkg-dev]=/usr/bin/dpkg-source
  [openssl]=/usr/bin/openssl
  [rsync]=/usr/bin/rsync
  [make]=/usr/bin/make
)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
for pkg in "${!PACKAGES[@]}"; do
  [ -e "${PACKAGES[$pkg]}" ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
for pkg in "${!PACKAGES[@]}"; do
  [ -e "${PACKAGES[$pkg]}" ] || { echo "test-deps: ${PACKAGES[$pkg]} missing after installing $pkg" >&2; exit 1; }
done
if ! command -v kubectl >/dev/null; then
  # The machine image ships kubectl 1.32; Debian's own client (1.20) is the fallback.
  echo "test-deps: kubectl not on PATH; installing Debian's kubernetes-client"
  DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -qq --no-install-recommends kubernetes-client ||
    { echo "test-deps: kubectl is not on PATH (the tests drive the real binary)" >&2; exit 1; }
fi

if [ -x scripts/kube-apiserver/ensure.sh ]; then
  bash scripts/kube-apiserver/ensure.sh
fi
echo "test-deps: ready"
