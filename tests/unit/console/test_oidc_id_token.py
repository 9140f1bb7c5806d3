"""The console's OIDC sign-in checks the ID token before anyone is signed in: signed by the
issuer's key (its JWKS), for this issuer, for the console's client, not expired, carrying
the nonce this sign-in sent, and for the same subject as the access token. The tokens are
signed by the embedded issuer (its key, its JWKS over HTTP) as Keycloak signs its own."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from console import oidc
from runtime.identity.session import LoginFailed
from tests.identity import TestIssuer

CLIENT = "ocop-console"
NONCE = "n-0S6_WzA2Mj"


def id_token(issuer: TestIssuer, key: Any = None, **changed: Any) -> str:
    now = int(time.time())
    claims = {
        "iss": issuer.url,
        "aud": CLIENT,
        "azp": CLIENT,
        "sub": "can-bo-xa",
        "iat": now,
        "exp": now + 300,
        "nonce": NONCE,
        "typ": "ID",
    }
    claims.update(changed)
    claims = {k: v for k, v in claims.items() if v is not None}
    local = issuer.server.issuer
    kid = local.jwks()["keys"][0]["kid"]
    return jwt.encode(claims, key or local.key, algorithm="RS256", headers={"kid": kid})


def tokens(issuer: TestIssuer, **changed: Any) -> oidc.Tokens:
    return oidc.Tokens(
        issuer.token("can-bo-xa", "commune_officer", "23500"), id_token(issuer, **changed)
    )


def test_a_good_id_token_signs_in(issuer: TestIssuer) -> None:
    claims = oidc.signed_in(issuer.url, CLIENT, tokens(issuer), NONCE)
    assert (claims["sub"], claims["nonce"]) == ("can-bo-xa", NONCE)


@pytest.mark.parametrize(
    ("changed", "why"),
    [
        ({"nonce": "another-sign-in"}, "nonce"),
        ({"nonce": None}, "nonce"),
        ({"aud": "ocop-cli", "azp": "ocop-cli"}, "Audience"),
        ({"azp": "ocop-cli", "aud": [CLIENT, "ocop-cli"]}, "authorised party"),
        ({"iss": "http://127.0.0.1:1/realms/khac"}, "Issuer"),
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "expired"),
        ({"sub": "ai-khac"}, "subject"),
    ],
)
def test_an_id_token_that_is_not_this_sign_ins_is_refused(
    issuer: TestIssuer, changed: dict[str, Any], why: str
) -> None:
    with pytest.raises(LoginFailed) as refused:
        oidc.signed_in(issuer.url, CLIENT, tokens(issuer, **changed), NONCE)
    assert why.lower() in str(refused.value).lower(), refused.value


def test_an_id_token_signed_by_another_key_or_none_is_refused(issuer: TestIssuer) -> None:
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    access = issuer.token("can-bo-xa", "commune_officer", "23500")
    for bad in (id_token(issuer, key=forger), "", "not.a.jwt"):
        with pytest.raises(LoginFailed, match="ID token refused"):
            oidc.signed_in(issuer.url, CLIENT, oidc.Tokens(access, bad), NONCE)
    with pytest.raises(LoginFailed, match="no nonce"):  # a sign-in that kept none
        oidc.signed_in(issuer.url, CLIENT, tokens(issuer), "")
