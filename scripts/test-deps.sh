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
)
missing=()
for pkg in "${!PACKAGES[@]}"; do
  [ -e "${PACKAGES[$pkg]}" ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
for pkg in "${!PACKAGES[@]}"; do
  [ -e "${PACKAGES[$pkg]}" ] || { echo "test-deps: ${PACKAGES[$pkg]} missing after installing $pkg" >&2; exit 1; }
done
command -v kubectl >/dev/null || { echo "test-deps: kubectl is not on PATH (the tests drive the real binary)" >&2; exit 1; }

if [ -x scripts/kube-apiserver/ensure.sh ]; then
  bash scripts/kube-apiserver/ensure.sh
fi
echo "test-deps: ready"
