"""The OIDC authorization-code flow with PKCE (RFC 7636, S256) against the realm's issuer
(Keycloak in the distributed mode): the authorisation URL, and the code exchanged for the
tokens. The ID token is checked before anyone is signed in (OpenID Connect Core 1.0
§3.1.3.7, `runtime.identity.verifier`: signature against the issuer's JWKS, `iss`, `aud` =
the console's client, `exp`, and the `nonce` this sign-in sent, kept in the session), and
the access token must be for the same subject. The console keeps the access token in its
encrypted session and forwards it; the services verify it."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from functools import cache
from typing import Any

import jwt

from runtime.identity.claims import Unauthenticated
from runtime.identity.session import LoginFailed
from runtime.identity.verifier import TokenVerifier


@dataclass(frozen=True)
class Challenge:
    """One sign-in attempt: the state and nonce sent, the PKCE verifier kept."""

    state: str
    nonce: str
    verifier: str

    @classmethod
    def new(cls) -> Challenge:
        return cls(secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48))

    def challenge(self) -> str:
        digest = hashlib.sha256(self.verifier.encode("ascii")).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorisation_url(issuer: str, client_id: str, redirect_uri: str, attempt: Challenge) -> str:
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": "openid",
            "state": attempt.state,
            "nonce": attempt.nonce,
            "code_challenge": attempt.challenge(),
            "code_challenge_method": "S256",
        }
    )
    return f"{issuer.rstrip('/')}/protocol/openid-connect/auth?{query}"


@dataclass(frozen=True)
class Tokens:
    access_token: str
    id_token: str


def exchange(
    issuer: str, client_id: str, redirect_uri: str, code: str, verifier: str, timeout: float = 30
) -> Tokens:
    """The tokens for an authorisation `code`; LoginFailed when refused or unreachable, or
    when the answer has no ID token (the `openid` scope was asked: one is due)."""
    url = f"{issuer.rstrip('/')}/protocol/openid-connect/token"
    form = urllib.parse.urlencode(
        {
            "grant_type": "authorization_code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "code": code,
            "code_verifier": verifier,
        }
    ).encode()
    try:
        with urllib.request.urlopen(url, data=form, timeout=timeout) as response:
            answer: dict[str, Any] = json.load(response)
        return Tokens(str(answer["access_token"]), str(answer["id_token"]))
    except KeyError as error:
        raise LoginFailed(f"the token answer has no {error}") from error
    except urllib.error.HTTPError as error:
        raise LoginFailed(f"{error.code}: code refused") from error
    except OSError as error:
        raise LoginFailed(f"cannot reach {url}: {error}", unreachable=True) from error


@cache
def _verifier(issuer: str, client_id: str) -> TokenVerifier:
    """One per issuer and client: the issuer's keys are fetched once, again on a new key."""
    return TokenVerifier(issuer, client_id)


def signed_in(issuer: str, client_id: str, tokens: Tokens, nonce: str) -> dict[str, Any]:
    """The ID token's claims once it is checked (see the module) and the access token is
    for the same subject; LoginFailed otherwise (the reason is for the log, not the page)."""
    try:
        claims = _verifier(issuer.rstrip("/"), client_id).verify_id_token(tokens.id_token, nonce)
    except Unauthenticated as refused:
        raise LoginFailed(f"ID token refused: {refused}") from refused
    try:  # the services verify the access token itself; here only whose it is
        access = jwt.decode(tokens.access_token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise LoginFailed(f"access token unreadable: {error}") from error
    if access.get("sub") != claims["sub"]:
        raise LoginFailed("the access token is not for the ID token's subject")
    return claims


def logout_url(issuer: str, client_id: str, after: str) -> str:
    query = urllib.parse.urlencode({"client_id": client_id, "post_logout_redirect_uri": after})
    return f"{issuer.rstrip('/')}/protocol/openid-connect/logout?{query}"
