#!/usr/bin/env bash
# Builds kube-apiserver and kube-controller-manager v1.20.2 from Debian bookworm's
# `kubernetes` source package, once, into a cache folder outside the clone.
# Idempotent: when the binaries are cached it only checks them (seconds).
# The last line of stdout is the bin dir. Progress goes to stderr.
#
#   scripts/kube-apiserver/ensure.sh            # build or reuse
#   ISTIO_CANARY_KUBE_CACHE=/some/dir ensure.sh # other cache folder
#   scripts/kube-apiserver/ensure.sh --check    # only report the cached bin dir, never build
set -euo pipefail
CHECK_ONLY=0
[[ "${1:-}" == "--check" ]] && CHECK_ONLY=1

CACHE="${ISTIO_CANARY_KUBE_CACHE:-/var/cache/istio-canary/kube-1.20.2}"
BIN="$CACHE/bin"
GOROOT_119=/usr/lib/go-1.19
REFLECT2_DEB=/usr/share/gocode/src/github.com/modern-go/reflect2
KUBE_VERSION=v1.20.2
# Debian's package is the upstream v1.20.2 tree: stamp the binaries with its commit.
KUBE_COMMIT=faecb196815e248d3ecfb03c680a4507229c2a56
BINARIES=(kube-apiserver kube-controller-manager)

log() { printf '[ensure-kube %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cached_ok() {
  local b
  for b in "${BINARIES[@]}"; do
    [[ -x "$BIN/$b" ]] || return 1
    "$BIN/$b" --version 2>/dev/null | grep -q "$KUBE_VERSION" || return 1
  done
}

if cached_ok; then
  log "cached: ${BINARIES[*]} $KUBE_VERSION in $BIN"
  echo "$BIN"
  exit 0
fi
if ((CHECK_ONLY)); then
  log "kube-apiserver/kube-controller-manager $KUBE_VERSION are not built in $BIN: run scripts/kube-apiserver/ensure.sh"
  exit 1
fi

T0=$(date +%s)
log "building ${BINARIES[*]} $KUBE_VERSION into $CACHE (10-20 min on 2 cores)"

# Debian packages the build needs. Install them when we can (root), else say which.
# rsync: the kube build's hack/ scripts copy generated files with it.
need_pkgs=()
[[ -x "$GOROOT_119/bin/go" ]] || need_pkgs+=(golang-1.19-go)
[[ -d "$REFLECT2_DEB" ]] || need_pkgs+=(golang-github-modern-go-reflect2-dev)
command -v dpkg-source >/dev/null || need_pkgs+=(dpkg-dev)
command -v make >/dev/null || need_pkgs+=(make)
command -v rsync >/dev/null || need_pkgs+=(rsync)

if ((${#need_pkgs[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    log "installing Debian packages: ${need_pkgs[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need_pkgs[@]}" >&2 \
      || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need_pkgs[@]}" >&2; } \
      || die "apt-get install ${need_pkgs[*]} failed"
  else
    die "missing Debian packages: ${need_pkgs[*]} (run: sudo apt-get install -y ${need_pkgs[*]})"
  fi
fi

# Atomic build: everything happens in a fresh work folder; the cache only ever receives a
# bin folder whose binaries answer --version, moved into place in one rename. Whatever an
# interrupted or failed earlier attempt left (work folders, a half-filled bin, the layout of
# older versions of this script with src/ in the cache) is removed first, never reused.
mkdir -p "$CACHE"
rm -rf "$CACHE"/work.* "$CACHE"/bin.new.* "$CACHE/src" "$CACHE/dl" "$BIN"
WORK=$(mktemp -d "$CACHE/work.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
SRC="$WORK/src"
DL="$WORK/dl"

# 1. Source: `apt-get source kubernetes` needs a deb-src line for bookworm.
if ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  [[ $(id -u) -eq 0 ]] || die "no deb-src line for bookworm; add one (see $0) as root"
  log "adding deb-src for bookworm: /etc/apt/sources.list.d/debian-src.sources"
  cat >/etc/apt/sources.list.d/debian-src.sources <<'SRCS'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRCS
  apt-get update >&2 || die "apt-get update failed"
fi
mkdir -p "$DL"
log "apt-get source kubernetes"
(cd "$DL" && apt-get source --download-only kubernetes >&2) || die "apt-get source kubernetes failed"
dsc=$(ls "$DL"/kubernetes_*.dsc | head -n1)
[[ "$dsc" == *1.20.2* ]] || die "unexpected source version: $dsc (want 1.20.5+really1.20.2)"
log "unpacking $(basename "$dsc")"
dpkg-source -x "$dsc" "$SRC" >&2 || die "dpkg-source -x failed"
rm -rf "$DL"
# Vendored reflect2 1.0.1 crashes at start-up on Go >= 1.18; Debian's 1.0.2 works.
log "replacing vendor/github.com/modern-go/reflect2 with Debian's 1.0.2"
rm -rf "$SRC/vendor/github.com/modern-go/reflect2"
mkdir -p "$SRC/vendor/github.com/modern-go/reflect2"
cp -r "$REFLECT2_DEB/." "$SRC/vendor/github.com/modern-go/reflect2/"
rm -f "$SRC/vendor/github.com/modern-go/reflect2/go.mod"

# 2. Build in GOPATH mode (the tree predates Go's module defaults).
export PATH="$GOROOT_119/bin:$PATH"
export GO111MODULE=off CGO_ENABLED=0
export GOCACHE="$WORK/gocache"
export KUBE_GIT_VERSION="$KUBE_VERSION" KUBE_GIT_COMMIT="$KUBE_COMMIT" KUBE_GIT_TREE_STATE=archive
export KUBE_GIT_MAJOR=1 KUBE_GIT_MINOR=20
log "go: $(go version)"
for b in "${BINARIES[@]}"; do
  t=$(date +%s)
  log "make WHAT=cmd/$b"
  (cd "$SRC" && GOFLAGS=-tags=providerless make WHAT="cmd/$b" >&2) || die "make WHAT=cmd/$b failed"
  log "built $b in $(($(date +%s) - t)) s"
done

# 3. Publish: a new bin folder, checked, then renamed into place.
NEWBIN="$WORK/bin"
mkdir -p "$NEWBIN"
for b in "${BINARIES[@]}"; do
  install -m 0755 "$SRC/_output/bin/$b" "$NEWBIN/$b"
  "$NEWBIN/$b" --version 2>/dev/null | grep -q "$KUBE_VERSION" \
    || die "built $b does not report $KUBE_VERSION: $("$NEWBIN/$b" --version 2>&1 || true)"
done
mv "$NEWBIN" "$BIN"
cached_ok || die "cache check failed after publishing $BIN"
log "done in $(($(date +%s) - T0)) s: $BIN"
echo "$BIN"
