"""The OIDC authorization-code flow with PKCE (RFC 7636, S256) against the realm's issuer
(Keycloak in the distributed mode): the authorisation URL, and the code exchanged for the
tokens. The console keeps the access token in its encrypted session and forwards it; the
services verify it."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from runtime.identity.session import LoginFailed


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


def exchange(
    issuer: str, client_id: str, redirect_uri: str, code: str, verifier: str, timeout: float = 30
) -> str:
    """The access token for an authorisation `code`; LoginFailed when refused or unreachable."""
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
            return str(json.load(response)["access_token"])
    except urllib.error.HTTPError as error:
        raise LoginFailed(f"{error.code}: code refused") from error
    except OSError as error:
        raise LoginFailed(f"cannot reach {url}: {error}", unreachable=True) from error


def logout_url(issuer: str, client_id: str, after: str) -> str:
    query = urllib.parse.urlencode({"client_id": client_id, "post_logout_redirect_uri": after})
    return f"{issuer.rstrip('/')}/protocol/openid-connect/logout?{query}"
