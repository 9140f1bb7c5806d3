"""The CLI's side of signing in: the password grant against the issuer (Keycloak or the
embedded one, same endpoint), and the tokens kept per issuer and user in
`<config dir>/credentials.json` (mode 0600). The config dir is `$OCOP_CONFIG_DIR`, else
`$XDG_CONFIG_HOME/ocop`, else `~/.config/ocop`."""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

CLIENT_ID = "ocop-cli"


class LoginFailed(Exception):
    """Wrong credentials, or the issuer cannot be reached (`unreachable` tells which)."""

    def __init__(self, message: str, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


def config_dir() -> Path:
    if os.environ.get("OCOP_CONFIG_DIR"):
        return Path(os.environ["OCOP_CONFIG_DIR"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "ocop"


def password_grant(issuer: str, username: str, password: str, timeout: float = 30) -> str:
    """An access token for `username` from `issuer`'s token endpoint."""
    url = f"{issuer.rstrip('/')}/protocol/openid-connect/token"
    form = urllib.parse.urlencode(
        {
            "grant_type": "password",
            "client_id": CLIENT_ID,
            "username": username,
            "password": password,
            "scope": "openid",
        }
    ).encode()
    try:
        with urllib.request.urlopen(url, data=form, timeout=timeout) as response:
            return str(json.load(response)["access_token"])
    except urllib.error.HTTPError as error:
        raise LoginFailed(f"{error.code}: sign-in refused") from error
    except OSError as error:
        raise LoginFailed(f"cannot reach {url}: {error}", unreachable=True) from error


def unverified_claims(token: str) -> dict[str, Any]:
    """The claims of a token, for display only (the services verify; the CLI never
    decides anything from these)."""
    try:
        payload = token.split(".")[1]
        payload += "=" * (-len(payload) % 4)
        claims = json.loads(base64.urlsafe_b64decode(payload))
    except (IndexError, ValueError):
        return {}
    return claims if isinstance(claims, dict) else {}


class Credentials:
    """Tokens by issuer and username, and which user is current per issuer."""

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or config_dir()) / "credentials.json"

    def _load(self) -> dict[str, Any]:
        if not self.path.exists():
            return {}
        data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def _save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)
        os.chmod(tmp, 0o600)
        tmp.replace(self.path)

    def store(self, issuer: str, username: str, token: str) -> None:
        data = self._load()
        entry = data.setdefault(issuer, {"current": "", "tokens": {}})
        entry["tokens"][username] = token
        entry["current"] = username
        self._save(data)

    def token(self, issuer: str, username: str = "") -> str:
        """The stored token of `username` (default: the current user), or ""."""
        entry = self._load().get(issuer, {})
        return str(entry.get("tokens", {}).get(username or entry.get("current", ""), ""))

    def forget(self, issuer: str, username: str = "") -> str:
        """Drop `username`'s token (default: the current user); returns who was dropped."""
        data = self._load()
        entry = data.get(issuer, {"current": "", "tokens": {}})
        who = username or entry.get("current", "")
        entry["tokens"].pop(who, None)
        if entry.get("current") == who:
            entry["current"] = next(iter(entry["tokens"]), "")
        data[issuer] = entry
        self._save(data)
        return str(who)
