#!/usr/bin/env bash
# The browser the console's browser tests drive (tests/browser): Debian's chromium and
# chromium-driver, installed through apt-get (no browser download at test time). Needs
# root (or passwordless sudo) for install; idempotent.
#
# Usage: deploy/browser/browser.sh install|status|env
#
#   install   apt-get install chromium chromium-driver when either is missing
#   status    exit 0 when both are installed and chromedriver answers, 1 otherwise
#   env       print the `export` lines the tests read (OCOP_CHROMIUM, OCOP_CHROMEDRIVER)
#
# Fonts: fonts-noto-core (Vietnamese glyphs in screenshots) comes with the same install.
set -euo pipefail

PACKAGES=(chromium chromium-driver fonts-noto-core)

say() { printf '[browser] %s\n' "$*"; }
err() { printf '[browser] error: %s\n' "$*" >&2; }

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo -n "$@"; fi
}

chromium_bin() { command -v chromium || true; }
driver_bin() { command -v chromedriver || true; }

installed() {
  local pkg
  [[ -n "$(chromium_bin)" && -n "$(driver_bin)" ]] || return 1
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || return 1
  done
}

cmd_install() {
  if installed; then
    say "chromium and chromium-driver already installed ($("$(driver_bin)" --version | head -1))"
    return 0
  fi
  command -v apt-get >/dev/null || { err "no apt-get: install chromium and chromedriver by hand"; exit 1; }
  say "installing the Debian packages ${PACKAGES[*]} (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || { err "apt-get update failed"; exit 1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" \
    || { err "apt-get install ${PACKAGES[*]} failed"; exit 1; }
  installed || { err "installed, but chromium or chromedriver is not on PATH"; exit 1; }
  say "installed $("$(driver_bin)" --version | head -1)"
}

cmd_status() {
  installed && "$(driver_bin)" --version >/dev/null
}

cmd_env() {
  echo "export OCOP_CHROMIUM=$(chromium_bin)"
  echo "export OCOP_CHROMEDRIVER=$(driver_bin)"
}

case "${1:-}" in
  install) cmd_install ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: $0 install|status|env" >&2; exit 2 ;;
esac
