"""Verifies bearer tokens against the issuer's published keys (JWKS).

The same code verifies Keycloak's tokens (distributed mode) and the embedded
issuer's (`make run`): both publish an OpenID Connect discovery document whose
`jwks_uri` lists the RS256 public keys.

Caching (issue 18, T3: the RSA check and the claims' validation were a sixth of a
command's CPU in the registration server):

- **Keys**: the JWKS is fetched on first use and again once `KEYS_SECONDS` (300 s) have
  passed since the last fetch, or when a token names a key id it does not list (a rotated
  or restarted issuer; at most once per `UNKNOWN_KEY_COOLDOWN_SECONDS`, as PyJWT's client
  does, so forged key ids cannot make every call fetch). A fetch that fails (the issuer
  down or slow past the timeout) is not tried again for `FAILED_FETCH_COOLDOWN_SECONDS`:
  meanwhile every call that needs the key set is refused at once, so an outage of the
  issuer cannot queue each new token behind a fetch of its own; a failed fetch never
  extends the old key set's life.
- **Verified access tokens** (`verify`): a token whose signature and claims verified is
  kept, keyed by the whole token string, in a bounded cache (`CACHE_SIZE` tokens, least
  recently used evicted) and served from it only while (a) its `exp` has not passed — never
  after it, the leeway applies only to a token verified afresh; (b) the key set it was
  verified against is not older than `KEYS_SECONDS`; (c) its signing key is still in the
  key set now held, under its id with the same material. A key removed from the issuer's
  JWKS therefore stops validating any token, cached or not, at the latest `KEYS_SECONDS`
  after its removal, and at once when a fetch (another token's unknown key id) shows it
  gone. A refused token is never cached.
- **Revocation**: access tokens are self-contained JWTs; no service asks the issuer about
  a single token, with or without the cache. Disabling a user or ending a session in
  Keycloak stops new tokens; tokens already issued stay valid until their `exp` (the
  realm's access-token lifespan, 5 minutes). Rotating the realm's keys (and removing the
  old one) cuts every older token off within `KEYS_SECONDS`; restarting the services cuts
  them off at once.

ID tokens (`verify_id_token`) are checked afresh every time (the console's sign-in, once
per session).
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt
from cachetools import TLRUCache

from runtime.identity.claims import Identity, Unauthenticated, identity_from_claims

ALGORITHMS = ["RS256"]
REQUIRED = ("exp", "iat", "iss", "aud", "sub")
LEEWAY_SECONDS = 30
KEYS_SECONDS = 300.0
"""The longest the issuer's key set is used before it is fetched again (PyJWT's default),
and so the longest a key removed from the JWKS keeps validating a cached token."""
UNKNOWN_KEY_COOLDOWN_SECONDS = 30.0
FAILED_FETCH_COOLDOWN_SECONDS = 5.0
"""After a failed JWKS fetch, how long calls needing the key set are refused without
asking the issuer again."""
CACHE_SIZE = 10_000
"""Verified tokens kept (a few hundred bytes each)."""


@dataclass(frozen=True)
class _Verified:
    identity: Identity
    key: jwt.PyJWK  # the key object it was verified with: served only while the set holds it
    until: float  # min(exp, the key set's deadline), on the verifier's clock


def _until(_token: str, verified: _Verified, _now: float) -> float:
    return verified.until


class TokenVerifier:
    """Checks signature, issuer, audience and expiry; returns the caller's `Identity`.

    `issuer` is the exact `iss` expected (e.g. `http://127.0.0.1:18080/realms/ocop`);
    `audience` the service's client id (`ocop-registration`). Raises `Unauthenticated`
    on any failure; the reason is for the access log, never for the caller's eyes."""

    def __init__(
        self,
        issuer: str,
        audience: str,
        timeout_seconds: float = 10.0,
        clock: Callable[[], float] = time.time,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        """`clock`: seconds since the epoch (the unit of `exp`), the caches' only clock;
        `cache_size`: verified tokens kept at most."""
        self.issuer = issuer.rstrip("/")
        self.audience = audience
        self.timeout_seconds = timeout_seconds
        self.clock = clock
        self._jwks: jwt.PyJWKClient | None = None
        self._lock = threading.Lock()  # the caches; never held across a fetch
        self._fetching = threading.Lock()  # one JWKS fetch at a time
        self._keys: dict[str, jwt.PyJWK] = {}
        self._keys_fetched = -KEYS_SECONDS  # never
        self._fetch_failed = -FAILED_FETCH_COOLDOWN_SECONDS  # never
        self._verified: TLRUCache[str, _Verified] = TLRUCache(cache_size, _until, timer=clock)

    def _client(self) -> jwt.PyJWKClient:
        if self._jwks is None:
            url = f"{self.issuer}/.well-known/openid-configuration"
            with urllib.request.urlopen(url, timeout=self.timeout_seconds) as response:
                discovery: dict[str, Any] = json.load(response)
            self._jwks = jwt.PyJWKClient(
                discovery["jwks_uri"],
                cache_keys=False,
                cache_jwk_set=False,
                timeout=int(self.timeout_seconds),
            )
        return self._jwks

    def _key(self, key_id: str) -> tuple[jwt.PyJWK, float]:
        """The signing key `key_id` and the deadline of the key set holding it; the set is
        fetched again when stale, or (after the cooldown) when it does not list `key_id`."""
        with self._fetching:  # a slow issuer delays this call, not the cache's hits
            age = self.clock() - self._keys_fetched
            if age >= KEYS_SECONDS or (
                key_id not in self._keys and age >= UNKNOWN_KEY_COOLDOWN_SECONDS
            ):
                keys = {str(key.key_id): self._held(key) for key in self._fetch()}
                with self._lock:
                    self._keys, self._keys_fetched = keys, self.clock()
            if key_id not in self._keys:
                raise jwt.PyJWKClientError(f"no signing key {key_id!r} in the issuer's JWKS")
            return self._keys[key_id], self._keys_fetched + KEYS_SECONDS

    def _fetch(self) -> list[jwt.PyJWK]:
        """The issuer's signing keys; refused without asking while a failed fetch is under
        `FAILED_FETCH_COOLDOWN_SECONDS` old. Called with `_fetching` held."""
        if self.clock() - self._fetch_failed < FAILED_FETCH_COOLDOWN_SECONDS:
            raise jwt.PyJWKClientConnectionError("the issuer's JWKS failed just now")
        try:
            return self._client().get_signing_keys()
        except Exception:
            self._fetch_failed = self.clock()
            raise

    def _held(self, fetched: jwt.PyJWK) -> jwt.PyJWK:
        """The key already held under `fetched`'s id when its material is the same, else
        `fetched`: a key id the JWKS now lists with other material (a non-conforming issuer
        reusing ids) no longer validates the tokens cached under the old one."""
        held = self._keys.get(str(fetched.key_id))
        return held if held is not None and held.key == fetched.key else fetched

    def verify(self, token: str) -> Identity:
        """The caller a bearer token names, from the cache when allowed (module docstring)."""
        with self._lock:
            cached = self._verified.get(token)
            if cached is not None and self._keys.get(str(cached.key.key_id)) is cached.key:
                return cached.identity
        claims, key, keys_until = self._checked(token, REQUIRED)
        identity = identity_from_claims(claims)
        until = min(float(claims["exp"]), keys_until)
        with self._lock:
            self._verified[token] = _Verified(identity, key, until)
        return identity

    def verify_id_token(self, token: str, nonce: str) -> dict[str, Any]:
        """The claims of an OpenID Connect ID token (Core 1.0 §3.1.3.7) issued to this
        verifier's `audience` (the console's client id): signature against the issuer's
        JWKS, `iss`, `aud` (and `azp`, when present, the same client), `exp`, and its
        `nonce` equal to the one this sign-in sent. Raises `Unauthenticated`."""
        if not nonce:
            raise Unauthenticated("no nonce was sent: no ID token can match")
        claims = self._checked(token, (*REQUIRED, "nonce"))[0]
        if not secrets.compare_digest(str(claims["nonce"]), nonce):
            raise Unauthenticated("ID token nonce is not this sign-in's")
        if claims.get("azp", self.audience) != self.audience:
            raise Unauthenticated(f"ID token authorised party {claims.get('azp')!r}")
        return claims

    def _checked(
        self, token: str, required: tuple[str, ...]
    ) -> tuple[dict[str, Any], jwt.PyJWK, float]:
        """The verified claims, the signing key and its key set's deadline."""
        if not token:
            raise Unauthenticated("no bearer token")
        try:
            key_id = str(jwt.get_unverified_header(token).get("kid") or "")
            key, keys_until = self._key(key_id)
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
        return claims, key, keys_until
