"""Accounts the e2e tests sign in with. A test names a person on the command line as it
always did (`--actor-id X [--role R] [--jurisdiction J]`, or `--user X`); the harness
makes sure the account exists with that role and unit, in the issuer in use, and signs
in as X with a real token (password `demo-X`):

- embedded (`ocop run`): `ocop admin users add|set` on the system's data dir;
- distributed: Keycloak's admin REST API (the bootstrap admin's password is in
  `.state/keycloak/admin-password`, written by deploy/keycloak/keycloak.sh)."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
REALM = json.loads((ROOT / "deploy" / "keycloak" / "realm-ocop.json").read_text())
DEMO = {
    u["username"]: (u["realmRoles"][0], (u.get("attributes", {}).get("jurisdiction") or [""])[0])
    for u in REALM["users"]
}


def split_actor(args: tuple[str, ...]) -> tuple[list[str], str, str | None, str | None]:
    """The command line without `--actor-id/--user`, `--role`, `--jurisdiction`, and the
    person they name: (rest, user, role or None, jurisdiction or None)."""
    rest: list[str] = []
    user, role, unit = "", None, None
    items = iter(args)
    for item in items:
        if item in ("--actor-id", "--user"):
            user = next(items)
        elif item == "--role":
            role = next(items)
        elif item == "--jurisdiction":
            unit = next(items)
        else:
            rest.append(item)
    return rest, user, role, unit


def default_role(rest: list[str]) -> str:
    """The role a command used to default to (its declaration in cli/)."""
    from cli.main import parser

    try:
        return str(parser().parse_args(rest).role or "commune_officer")
    except (SystemExit, AttributeError):
        return "commune_officer"


def ensure_embedded(ocop: list[str], env: dict[str, str], data_dir: Path, user: str,
                    role: str, unit: str) -> None:  # fmt: skip
    base = [*ocop, "admin", "users", "--data-dir", str(data_dir)]
    added = subprocess.run(
        [*base, "add", user, "--role", role, "--jurisdiction", unit, "--password-stdin"],
        input=f"demo-{user}\n".encode(),
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    if added.returncode != 0:  # it exists: give it this role and unit
        subprocess.run(
            [*base, "set", user, "--role", role, "--jurisdiction", unit],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=120,
            check=True,
        )


def _request(url: str, token: str = "", data: Any = None, method: str = "GET") -> Any:
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as reply:
        raw = reply.read()
    return json.loads(raw) if raw else None


def ensure_keycloak(issuer: str, user: str, role: str, unit: str) -> None:
    base = issuer.split("/realms/", maxsplit=1)[0]
    # keycloak.sh writes it under its state dir (OCOP_STATE_DIR, default <repo>/.state)
    state = Path(os.environ.get("OCOP_STATE_DIR") or ROOT / ".state")
    password_file = Path(
        os.environ.get("OCOP_KEYCLOAK_ADMIN_FILE") or state / "keycloak" / "admin-password"
    )
    form = urllib.parse.urlencode(
        {
            "grant_type": "password",
            "client_id": "admin-cli",
            "username": "admin",
            "password": password_file.read_text().strip(),
        }
    ).encode()
    with urllib.request.urlopen(
        f"{base}/realms/master/protocol/openid-connect/token", data=form, timeout=30
    ) as reply:
        token = json.load(reply)["access_token"]
    admin = f"{base}/admin/realms/ocop"
    query = urllib.parse.urlencode({"username": user, "exact": "true"})
    found = _request(f"{admin}/users?{query}", token)
    rep = {
        "username": user,
        "enabled": True,
        "emailVerified": True,
        "firstName": user,
        "lastName": "(test)",
        "email": f"{user}@ocop.invalid",
        "attributes": {"jurisdiction": [unit]} if unit else {},
    }
    if not found:
        credentials = [{"type": "password", "value": f"demo-{user}", "temporary": False}]
        _request(f"{admin}/users", token, {**rep, "credentials": credentials}, "POST")
        found = _request(f"{admin}/users?{query}", token)
    else:
        _request(f"{admin}/users/{found[0]['id']}", token, {**found[0], **rep}, "PUT")
    mappings = f"{admin}/users/{found[0]['id']}/role-mappings/realm"
    held = _request(mappings, token) or []
    others = [r for r in held if r["name"] != role and not r["name"].startswith("default-")]
    if others:
        _request(mappings, token, others, "DELETE")
    if role not in {r["name"] for r in held}:
        _request(mappings, token, [_request(f"{admin}/roles/{role}", token)], "POST")
