"""The embedded mode's token issuer: built-in accounts get tokens of Keycloak's shape,
signed by a local RSA key, served over the same OpenID Connect paths as Keycloak's
`ocop` realm (discovery, JWKS, password grant), so services and the CLI use one code
path in both modes.

The key lives in `<data_dir>/identity/signing-key.pem` (0600), made on first start.
The password grant and the refresh-token grant are offered (a refresh token is signed by
the same key, typ `Refresh`, valid `REFRESH_LIFETIME_SECONDS`; a refresh re-reads the
account, so a disabled or removed account gets no new token, and changed roles take
effect); the server binds to loopback."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import threading
import urllib.parse
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from runtime.identity.accounts import Account, AccountStore
from runtime.identity.claims import SERVICES, audience_of

log = logging.getLogger(__name__)

REALM_PATH = "/realms/ocop"
TOKEN_PATH = f"{REALM_PATH}/protocol/openid-connect/token"
CERTS_PATH = f"{REALM_PATH}/protocol/openid-connect/certs"
DISCOVERY_PATH = f"{REALM_PATH}/.well-known/openid-configuration"
TOKEN_LIFETIME_SECONDS = 3600
REFRESH_LIFETIME_SECONDS = 36000
"""A sign-in lasts 10 hours (a working day) by refreshing, as the realm's SSO session."""
CLIENTS = ("ocop-cli", "ocop-console")
BAD_CREDENTIALS = "Invalid user credentials"

Now = Callable[[], datetime]


def load_or_create_key(path: Path) -> rsa.RSAPrivateKey:
    """The RSA-2048 signing key at `path`, created (mode 0600) when missing."""
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError(f"{path} does not hold an RSA private key")
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    return key


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class LocalIssuer:
    """Signs access tokens for accounts; publishes its public key as a JWKS."""

    def __init__(self, key: rsa.RSAPrivateKey, issuer: str, now: Now | None = None) -> None:
        self.key = key
        self.issuer = issuer.rstrip("/")
        self.now = now or (lambda: datetime.now(UTC))
        numbers = key.public_key().public_numbers()
        self._jwk = {"kty": "RSA", "use": "sig", "alg": "RS256", "n": _b64(numbers.n)}
        self._jwk["e"] = _b64(numbers.e)
        thumbprint = json.dumps(
            {"e": self._jwk["e"], "kty": "RSA", "n": self._jwk["n"]}, separators=(",", ":")
        )
        self._jwk["kid"] = (
            base64.urlsafe_b64encode(hashlib.sha256(thumbprint.encode()).digest())
            .rstrip(b"=")
            .decode()
        )

    def jwks(self) -> dict[str, Any]:
        return {"keys": [dict(self._jwk)]}

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "jwks_uri": f"{self.issuer}/protocol/openid-connect/certs",
            "token_endpoint": f"{self.issuer}/protocol/openid-connect/token",
            "grant_types_supported": ["password", "refresh_token"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def issue(
        self,
        account: Account,
        client_id: str = "ocop-cli",
        lifetime_seconds: int = TOKEN_LIFETIME_SECONDS,
    ) -> str:
        """An access token for `account`, in the shape Keycloak's `ocop` realm gives."""
        issued = int(self.now().timestamp())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": [audience_of(service) for service in SERVICES],
            "sub": account.username,
            "typ": "Bearer",
            "azp": client_id,
            "iat": issued,
            "exp": issued + lifetime_seconds,
            "jti": str(uuid.uuid4()),
            "preferred_username": account.username,
            "name": account.display_name,
            "realm_access": {"roles": list(account.roles)},
        }
        if account.jurisdiction:
            claims["jurisdiction"] = account.jurisdiction
        return self._sign(claims)

    def _sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self._jwk["kid"]})

    def refresh_token(self, account: Account, client_id: str = "ocop-cli") -> str:
        """A refresh token for `account` (typ `Refresh`, audience the issuer itself)."""
        issued = int(self.now().timestamp())
        claims = {
            "iss": self.issuer,
            "aud": self.issuer,
            "sub": account.username,
            "typ": "Refresh",
            "azp": client_id,
            "iat": issued,
            "exp": issued + REFRESH_LIFETIME_SECONDS,
            "jti": str(uuid.uuid4()),
        }
        return self._sign(claims)

    def refreshed_subject(self, token: str, client_id: str) -> str | None:
        """The username a refresh token of this issuer was given to (for `client_id`),
        None when it is not one: forged, expired, an access token, another client's."""
        try:
            claims = jwt.decode(
                token,
                self.key.public_key(),
                algorithms=["RS256"],
                audience=self.issuer,
                issuer=self.issuer,
                options={"require": ["exp", "sub", "typ"]},
            )
        except jwt.PyJWTError:
            return None
        if claims.get("typ") != "Refresh" or claims.get("azp") != client_id:
            return None
        return str(claims["sub"])


class IssuerServer:
    """The issuer's HTTP endpoints on `host:port` (0 picks a port), in a daemon thread."""

    def __init__(
        self,
        accounts: AccountStore,
        key: rsa.RSAPrivateKey,
        host: str = "127.0.0.1",
        port: int = 0,
        now: Now | None = None,
    ) -> None:
        self.accounts = accounts
        self._http = ThreadingHTTPServer((host, port), _handler(self))
        self._http.daemon_threads = True
        self.port = int(self._http.server_address[1])
        self.issuer = LocalIssuer(key, f"http://{host}:{self.port}{REALM_PATH}", now)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return self.issuer.issuer

    def start(self) -> IssuerServer:
        self._thread = threading.Thread(target=self._http.serve_forever, name="issuer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()

    def token_response(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """The token endpoint: the password grant, or a refresh token exchanged for new
        tokens (OAuth 2.0, RFC 6749 §4.3 and §6)."""
        grant = form.get("grant_type")
        if grant not in ("password", "refresh_token"):
            return 400, {"error": "unsupported_grant_type"}
        client_id = form.get("client_id", "")
        if client_id not in CLIENTS:
            return 401, {"error": "invalid_client"}
        if grant == "refresh_token":
            username = self.issuer.refreshed_subject(form.get("refresh_token", ""), client_id)
            account = self.accounts.enabled(username) if username else None
            if account is None:
                log.info("access refused: refresh refused", extra={"event": "refresh_failed"})
                return 400, {"error": "invalid_grant", "error_description": "Invalid refresh token"}
        else:
            account = self.accounts.authenticate(form.get("username", ""), form.get("password", ""))
            if account is None:
                log.info(
                    "access refused: login failed",
                    extra={"event": "login_failed", "username": form.get("username", "")},
                )
                return 401, {"error": "invalid_grant", "error_description": BAD_CREDENTIALS}
        return 200, {
            "access_token": self.issuer.issue(account, client_id),
            "token_type": "Bearer",
            "expires_in": TOKEN_LIFETIME_SECONDS,
            "refresh_token": self.issuer.refresh_token(account, client_id),
            "refresh_expires_in": REFRESH_LIFETIME_SECONDS,
        }


def _handler(server: IssuerServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path == DISCOVERY_PATH:
                self._send(200, server.issuer.discovery())
            elif self.path == CERTS_PATH:
                self._send(200, server.issuer.jwks())
            else:
                self._send(404, {"error": "not_found"})

        def do_POST(self) -> None:
            if self.path != TOKEN_PATH:
                self._send(404, {"error": "not_found"})
                return
            length = min(int(self.headers.get("Content-Length") or 0), 16384)
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            self._send(*server.token_response(form))

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("issuer: " + format, *args)

    return Handler
