"""The CLI's side of signing in: the password grant against the issuer (Keycloak or the
embedded one, same endpoint) or Keycloak's device authorization grant (RFC 8628: the
user approves in a browser, the CLI polls), and the tokens kept per issuer and user in
`<config dir>/credentials.json` (mode 0600): the access token and the refresh token,
exchanged for new ones before the access token expires (`Credentials.fresh`). The config
dir is `$OCOP_CONFIG_DIR`, else `$XDG_CONFIG_HOME/ocop`, else `~/.config/ocop`."""

from __future__ import annotations

import base64
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
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


REFRESH_MARGIN_SECONDS = 60
"""A stored access token closer than this to its expiry is refreshed before use."""
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def _endpoint(issuer: str, path: str) -> str:
    return f"{issuer.rstrip('/')}/protocol/openid-connect/{path}"


def _post(url: str, form: dict[str, str], timeout: float) -> dict[str, Any]:
    """POST a form to an OAuth endpoint; the JSON reply, or `LoginFailed` with the OAuth
    error code (`error`) as its message."""
    data = urllib.parse.urlencode(form).encode()
    try:
        with urllib.request.urlopen(url, data=data, timeout=timeout) as response:
            body: dict[str, Any] = json.load(response)
            return body
    except urllib.error.HTTPError as error:
        try:
            code = str(json.load(error).get("error") or error.code)
        except ValueError:
            code = str(error.code)
        raise LoginFailed(code) from error
    except OSError as error:
        raise LoginFailed(f"cannot reach {url}: {error}", unreachable=True) from error


def password_tokens(
    issuer: str, username: str, password: str, timeout: float = 30
) -> dict[str, Any]:
    """The token response (access and refresh tokens) for `username` from `issuer`."""
    form = {
        "grant_type": "password",
        "client_id": CLIENT_ID,
        "username": username,
        "password": password,
        "scope": "openid",
    }
    return _post(_endpoint(issuer, "token"), form, timeout)


def password_grant(issuer: str, username: str, password: str, timeout: float = 30) -> str:
    """An access token for `username` from `issuer`'s token endpoint."""
    return str(password_tokens(issuer, username, password, timeout)["access_token"])


def refresh_grant(issuer: str, refresh_token: str, timeout: float = 30) -> dict[str, Any]:
    """New tokens for a refresh token (RFC 6749 §6); `LoginFailed("invalid_grant")` once
    the sign-in has ended (expired, signed out, account disabled)."""
    form = {"grant_type": "refresh_token", "client_id": CLIENT_ID, "refresh_token": refresh_token}
    return _post(_endpoint(issuer, "token"), form, timeout)


def device_start(issuer: str, timeout: float = 30) -> dict[str, Any]:
    """Start a device sign-in (RFC 8628 §3.1): `device_code`, `user_code`,
    `verification_uri(_complete)`, `expires_in` and `interval` (seconds)."""
    form = {"client_id": CLIENT_ID, "scope": "openid"}
    return _post(_endpoint(issuer, "auth/device"), form, timeout)


def device_poll(
    issuer: str,
    started: dict[str, Any],
    sleep: Callable[[float], None] = time.sleep,
    timeout: float = 30,
) -> dict[str, Any]:
    """Poll the token endpoint until the user approves the device sign-in `started`
    (RFC 8628 §3.4–3.5: `authorization_pending` waits, `slow_down` waits 5 s longer);
    the token response, or `LoginFailed` (`access_denied`, `expired_token`)."""
    interval = float(started.get("interval") or 5)
    deadline = time.monotonic() + float(started.get("expires_in") or 600)
    form = {
        "grant_type": DEVICE_GRANT,
        "client_id": CLIENT_ID,
        "device_code": started["device_code"],
    }
    while True:
        try:
            return _post(_endpoint(issuer, "token"), form, timeout)
        except LoginFailed as failed:
            if str(failed) == "slow_down":
                interval += 5
            elif str(failed) != "authorization_pending":
                raise
        if time.monotonic() + interval > deadline:
            raise LoginFailed("expired_token")
        sleep(interval)


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
    """Tokens by issuer and username, and which user is current per issuer. Each user's
    entry holds `access_token` and `refresh_token` (an entry written as a bare access
    token by an older CLI is read as one without a refresh token)."""

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

    def store(self, issuer: str, username: str, token: str, refresh_token: str = "") -> None:
        data = self._load()
        entry = data.setdefault(issuer, {"current": "", "tokens": {}})
        entry["tokens"][username] = {"access_token": token, "refresh_token": refresh_token}
        entry["current"] = username
        self._save(data)

    def _entry(self, issuer: str, username: str) -> tuple[str, dict[str, str]]:
        entry = self._load().get(issuer, {})
        who = str(username or entry.get("current", ""))
        kept = entry.get("tokens", {}).get(who, "")
        return who, kept if isinstance(kept, dict) else {"access_token": str(kept)}

    def token(self, issuer: str, username: str = "") -> str:
        """The stored token of `username` (default: the current user), or ""."""
        return str(self._entry(issuer, username)[1].get("access_token", ""))

    def fresh(
        self,
        issuer: str,
        username: str = "",
        now: Callable[[], float] = time.time,
        margin: float = REFRESH_MARGIN_SECONDS,
    ) -> str:
        """The stored access token of `username` (default: the current user), first
        exchanged for a new one when it expires within `margin` seconds and a refresh
        token is kept; "" when none is stored. A refused refresh (the sign-in has ended)
        leaves the old token: the services then answer UNAUTHENTICATED (`ocop login`)."""
        who, kept = self._entry(issuer, username)
        access, refresh = kept.get("access_token", ""), kept.get("refresh_token", "")
        expires = float(unverified_claims(access).get("exp") or 0) if access else 0.0
        if not access or not refresh or expires - now() > margin:
            return access
        try:
            tokens = refresh_grant(issuer, refresh)
        except LoginFailed:
            return access
        self.store(
            issuer, who, str(tokens["access_token"]), str(tokens.get("refresh_token") or refresh)
        )
        return str(tokens["access_token"])

    def refresh_expiry(self, issuer: str, username: str = "") -> int | None:
        """When the kept refresh token expires (epoch seconds; None when none is kept or
        it carries no expiry)."""
        refresh = self._entry(issuer, username)[1].get("refresh_token", "")
        expires = unverified_claims(refresh).get("exp") if refresh else None
        return int(expires) if expires else None

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
