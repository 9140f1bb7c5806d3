"""Wait for Keycloak, then create the `ocop` realm from its JSON export (admin REST API).

Usage: import_realm.py --base-url URL [--realm-file F --timeout S --pid-file P] [--check]

`--check` exits 0 when the realm's discovery document is served, 1 otherwise.
Otherwise: waits up to `--timeout` seconds for the master realm (failing early
when the process in `--pid-file` dies), signs in as the bootstrap admin
(password in $KEYCLOAK_ADMIN_PASSWORD) and POSTs the realm unless it exists.
Standard library only, so it runs before anything else is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path


def get(url: str, token: str | None = None) -> int:
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def alive(pid_file: str | None) -> bool:
    if not pid_file:
        return True
    try:
        os.kill(int(Path(pid_file).read_text().strip()), 0)
    except (OSError, ValueError):
        return False
    return True


def admin_token(base: str, password: str) -> str:
    form = urllib.parse.urlencode(
        {
            "grant_type": "password",
            "client_id": "admin-cli",
            "username": "admin",
            "password": password,
        }
    ).encode()
    url = f"{base}/realms/master/protocol/openid-connect/token"
    with urllib.request.urlopen(url, data=form, timeout=30) as response:
        return str(json.load(response)["access_token"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--realm-file")
    parser.add_argument("--timeout", type=float, default=240)
    parser.add_argument("--pid-file")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    discovery = f"{base}/realms/ocop/.well-known/openid-configuration"
    if args.check:
        return 0 if get(discovery) == 200 else 1
    deadline = time.monotonic() + args.timeout
    while get(f"{base}/realms/master") != 200:
        if not alive(args.pid_file):
            print("keycloak exited before it served the master realm", file=sys.stderr)
            return 1
        if time.monotonic() > deadline:
            print(f"keycloak not ready after {args.timeout:.0f}s", file=sys.stderr)
            return 1
        time.sleep(1)
    if get(discovery) == 200:
        return 0
    token = admin_token(base, os.environ["KEYCLOAK_ADMIN_PASSWORD"])
    body = Path(args.realm_file).read_bytes()
    request = urllib.request.Request(f"{base}/admin/realms", data=body, method="POST")
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=120):
            pass
    except urllib.error.HTTPError as error:
        if error.code != 409:  # 409: imported meanwhile by another start
            print(f"realm import refused: {error.code} {error.read()[:500]!r}", file=sys.stderr)
            return 1
    return 0 if get(discovery) == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
