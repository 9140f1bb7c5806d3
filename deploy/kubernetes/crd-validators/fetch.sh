#!/usr/bin/env bash
# Install the custom resources' schema validators (package.json, locked by
# package-lock.json) with the machine's npm into $OCOP_CACHE_DIR/crd-validators-<hash>,
# outside the repository, once; print that directory.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OCOP_CACHE_DIR="$(realpath -m "${OCOP_CACHE_DIR:-$HOME/.cache/ocop}")"
HASH="$(cat "$HERE/package.json" "$HERE/package-lock.json" | sha256sum | cut -c1-12)"
DEST="$OCOP_CACHE_DIR/crd-validators-$HASH"
if [[ ! -f "$DEST/.done" ]]; then
  command -v npm >/dev/null || { echo "npm is not installed" >&2; exit 1; }
  mkdir -p "$DEST"
  exec 9>"$DEST.lock"
  flock 9
  if [[ ! -f "$DEST/.done" ]]; then
    cp "$HERE/package.json" "$HERE/package-lock.json" "$HERE/validate.mjs" "$DEST/"
    npm ci --prefix "$DEST" --no-audit --no-fund --silent >&2
    touch "$DEST/.done"
  fi
fi
cp "$HERE/validate.mjs" "$DEST/validate.mjs"
echo "$DEST"
