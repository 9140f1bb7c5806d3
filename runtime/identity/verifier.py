"""Verifies bearer tokens against the issuer's published keys (JWKS).

The same code verifies Keycloak's tokens (distributed mode) and the embedded
issuer's (`make run`): both publish an OpenID Connect discovery document whose
`jwks_uri` lists the RS256 public keys. Keys are fetched on first use, cached,
and fetched again when a token names an unknown key id (a restarted issuer).
"""

from __future__ import annotations

import json
import secrets
import threading
import urllib.request
from typing import Any

import jwt

from runtime.identity.claims import Identity, Unauthenticated, identity_from_claims

ALGORITHMS = ["RS256"]
REQUIRED = ("exp", "iat", "iss", "aud", "sub")
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
        return identity_from_claims(self._claims(token, REQUIRED))

    def verify_id_token(self, token: str, nonce: str) -> dict[str, Any]:
        """The claims of an OpenID Connect ID token (Core 1.0 §3.1.3.7) issued to this
        verifier's `audience` (the console's client id): signature against the issuer's
        JWKS, `iss`, `aud` (and `azp`, when present, the same client), `exp`, and its
        `nonce` equal to the one this sign-in sent. Raises `Unauthenticated`."""
        if not nonce:
            raise Unauthenticated("no nonce was sent: no ID token can match")
        claims = self._claims(token, (*REQUIRED, "nonce"))
        if not secrets.compare_digest(str(claims["nonce"]), nonce):
            raise Unauthenticated("ID token nonce is not this sign-in's")
        if claims.get("azp", self.audience) != self.audience:
            raise Unauthenticated(f"ID token authorised party {claims.get('azp')!r}")
        return claims

    def _claims(self, token: str, required: tuple[str, ...]) -> dict[str, Any]:
        if not token:
            raise Unauthenticated("no bearer token")
        try:
            key = self._client().get_signing_key_from_jwt(token)
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=ALGORITHMS,
                audience=self.audience,
                issuer=self.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": list(required)},
            )
        except jwt.PyJWKClientConnectionError as error:
            raise Unauthenticated(f"issuer keys unavailable: {error}") from error
        except (jwt.PyJWTError, OSError, KeyError, ValueError) as error:
            raise Unauthenticated(f"{type(error).__name__}: {error}") from error
        return claims
