#!/usr/bin/env bash
# promtool, Prometheus's rule checker, built from the Go module proxy with the installed
# Go (no other download is possible here) and cached outside the repository.
#
# Usage: deploy/prometheus/promtool.sh fetch|path|check
#
#   fetch   build promtool into $OCOP_CACHE_DIR/promtool-$PROMTOOL_VERSION (once; the
#           first build downloads Prometheus's modules and takes several minutes)
#   path    print the binary's path (fetching first if needed)
#   check   `promtool check rules` and `promtool test rules` on deploy/prometheus/
#
#   PROMTOOL_VERSION  Go module version of github.com/prometheus/prometheus [v0.316.0]
#   OCOP_CACHE_DIR    cache root [$HOME/.cache/ocop]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROMTOOL_VERSION="${PROMTOOL_VERSION:-v0.316.0}"
OCOP_CACHE_DIR="$(realpath -m "${OCOP_CACHE_DIR:-$HOME/.cache/ocop}")"
DEST="$OCOP_CACHE_DIR/promtool-$PROMTOOL_VERSION"
BIN="$DEST/promtool"

say() { printf '[promtool] %s\n' "$*" >&2; }

fetch() {
  [[ -x "$BIN" ]] && return 0
  command -v go >/dev/null || { say "Go is not installed: cannot build promtool"; exit 1; }
  mkdir -p "$OCOP_CACHE_DIR"
  exec 9>"$DEST.lock"
  flock 9
  [[ -x "$BIN" ]] && return 0
  say "building promtool $PROMTOOL_VERSION with $(go version | cut -d' ' -f3) (first run: minutes)"
  # remove_all_sd leaves out the service-discovery plugins (cloud SDKs): rule checks and
  # rule tests need none of them, and the build takes a fraction of the time.
  GOBIN="$DEST.tmp" GOFLAGS=-mod=mod \
    go install -tags remove_all_sd "github.com/prometheus/prometheus/cmd/promtool@$PROMTOOL_VERSION"
  mkdir -p "$DEST"
  mv "$DEST.tmp/promtool" "$BIN"
  rmdir "$DEST.tmp"
  say "built $BIN"
}

case "${1:-}" in
  fetch) fetch ;;
  path) fetch; echo "$BIN" ;;
  check)
    fetch
    "$BIN" check rules "$HERE/alerts.yml"
    "$BIN" test rules "$HERE/alerts_test.yml"
    ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
