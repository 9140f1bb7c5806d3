"""Keycloak's `ocop` realm (deploy/keycloak) issues tokens the services accept: the
demo users sign in with the password grant of the CLI's client, and the same verifier
the services use reads their role and jurisdiction; a forged token is refused."""

from __future__ import annotations

import os

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from runtime.identity.claims import SERVICES, Unauthenticated, audience_of
from runtime.identity.session import LoginFailed, password_grant
from runtime.identity.verifier import TokenVerifier

pytestmark = pytest.mark.keycloak


@pytest.fixture(scope="module")
def issuer() -> str:
    return os.environ.get("OCOP_OIDC_ISSUER", "http://127.0.0.1:18080/realms/ocop")


@pytest.mark.parametrize(
    ("user", "role", "jurisdiction"),
    [
        ("can-bo-xa", "commune_officer", "23500"),
        ("so-nnmt", "province_officer", "51"),
        ("ct-ubnd-tinh", "authority", "51"),
        ("bo-nnmt", "ministry", "VN"),
        ("van-hanh", "ops", ""),
    ],
)
def test_demo_users_get_tokens_every_service_verifies(
    issuer: str, user: str, role: str, jurisdiction: str
) -> None:
    token = password_grant(issuer, user, f"demo-{user}")
    for service in SERVICES:
        identity = TokenVerifier(issuer, audience_of(service)).verify(token)
        assert (identity.username, identity.roles, identity.jurisdiction) == (
            user,
            (role,),
            jurisdiction,
        )


def test_a_wrong_password_gets_no_token(issuer: str) -> None:
    with pytest.raises(LoginFailed) as failed:
        password_grant(issuer, "ct-ubnd-tinh", "not-the-password")
    assert not failed.value.unreachable


def test_a_token_re_signed_by_another_key_is_refused(issuer: str) -> None:
    token = password_grant(issuer, "tv-hoa", "demo-tv-hoa")
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["realm_access"] = {"roles": ["authority"]}
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(
        claims, other, "RS256", headers={"kid": jwt.get_unverified_header(token)["kid"]}
    )
    with pytest.raises(Unauthenticated):
        TokenVerifier(issuer, audience_of("evaluation")).verify(forged)
