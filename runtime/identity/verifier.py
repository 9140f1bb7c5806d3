"""Verifies bearer tokens against the issuer's published keys (JWKS).

The same code verifies Keycloak's tokens (distributed mode) and the embedded
issuer's (`make run`): both publish an OpenID Connect discovery document whose
`jwks_uri` lists the RS256 public keys. Keys are fetched on first use, cached,
and fetched again when a token names an unknown key id (a restarted issuer).
"""

from __future__ import annotations

import json
import threading
import urllib.request
from typing import Any

import jwt

from runtime.identity.claims import Identity, Unauthenticated, identity_from_claims

ALGORITHMS = ["RS256"]
LEEWAY_SECONDS = 30


class TokenVerifier:
    """Checks signature, issuer, audience and expiry; returns the caller's `Identity`.

    `issuer` is the exact `iss` expected (e.g. `http://127.0.0.1:18080/realms/ocop`);
    `audience` the service's client id (`ocop-registration`). Raises `Unauthenticated`
    on any failure; the reason is for the access log, never for the caller's eyes."""

    def __init__(self, issuer: str, audience: str, timeout_seconds: float = 10.0) -> None:
        self.issuer = issuer.rstrip("/")
        self.audience = audience
        self.timeout_seconds = timeout_seconds
        self._jwks: jwt.PyJWKClient | None = None
        self._lock = threading.Lock()

    def _client(self) -> jwt.PyJWKClient:
        with self._lock:
            if self._jwks is None:
                url = f"{self.issuer}/.well-known/openid-configuration"
                with urllib.request.urlopen(url, timeout=self.timeout_seconds) as response:
                    discovery: dict[str, Any] = json.load(response)
                self._jwks = jwt.PyJWKClient(
                    discovery["jwks_uri"], cache_keys=True, timeout=int(self.timeout_seconds)
                )
            return self._jwks

    def verify(self, token: str) -> Identity:
        if not token:
            raise Unauthenticated("no bearer token")
        try:
            key = self._client().get_signing_key_from_jwt(token)
            claims = jwt.decode(
                token,
                key.key,
                algorithms=ALGORITHMS,
                audience=self.audience,
                issuer=self.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWKClientConnectionError as error:
            raise Unauthenticated(f"issuer keys unavailable: {error}") from error
        except (jwt.PyJWTError, OSError, KeyError, ValueError) as error:
            raise Unauthenticated(f"{type(error).__name__}: {error}") from error
        return identity_from_claims(claims)
