"""Tokens, accounts, the embedded issuer, the interceptor and the policy, on real parts:
a loopback issuer, real RS256 signatures, a real gRPC server."""

from __future__ import annotations

import json
import re
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from runtime.identity.accounts import Account, AccountError, AccountStore
from runtime.identity.claims import ROLES, Unauthenticated
from runtime.identity.issuer import LocalIssuer
from runtime.identity.policy import default_policy
from runtime.identity.session import (
    Credentials,
    LoginFailed,
    password_grant,
    password_tokens,
    refresh_grant,
    unverified_claims,
)
from runtime.identity.verifier import TokenVerifier
from tests.identity import CHEAP_ARGON2ID, TestIssuer

REPO = Path(__file__).resolve().parents[3]


def verifier(issuer: TestIssuer, service: str = "registration") -> TokenVerifier:
    return TokenVerifier(issuer.url, f"ocop-{service}")


def test_a_token_of_the_issuer_gives_the_actor_from_its_claims(issuer: TestIssuer) -> None:
    identity = verifier(issuer).verify(issuer.token("can-bo-xa", "commune_officer", "23500"))
    actor = identity.actor()
    assert (actor.id, actor.role, actor.jurisdiction) == ("can-bo-xa", "commune_officer", "23500")


def test_an_expired_token_is_refused(issuer: TestIssuer) -> None:
    old = LocalIssuer(
        issuer.server.issuer.key, issuer.url, lambda: datetime.now(UTC) - timedelta(hours=2)
    )
    token = old.issue(Account("x", ("auditor",), "51", "", True))
    with pytest.raises(Unauthenticated, match="ExpiredSignature"):
        verifier(issuer).verify(token)


def test_a_token_signed_by_another_key_is_refused(issuer: TestIssuer) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = LocalIssuer(other, issuer.url).issue(Account("ct", ("authority",), "51", "", True))
    # Even claiming the real key's id, the signature does not verify.
    header = jwt.get_unverified_header(issuer.token("a", "auditor"))
    claims = jwt.decode(forged, options={"verify_signature": False})
    same_kid = jwt.encode(claims, other, algorithm="RS256", headers={"kid": header["kid"]})
    for token in (forged, same_kid):
        with pytest.raises(Unauthenticated):
            verifier(issuer).verify(token)


def test_a_tampered_payload_is_refused(issuer: TestIssuer) -> None:
    head, _, signature = issuer.token("tv-hoa", "council_member", "51").split(".")
    claims = jwt.decode(
        issuer.token("tv-hoa", "authority", "51"), options={"verify_signature": False}
    )
    body = jwt.utils.base64url_encode(json.dumps(claims).encode()).decode()
    with pytest.raises(Unauthenticated, match="InvalidSignature"):
        verifier(issuer).verify(f"{head}.{body}.{signature}")


def test_wrong_audience_wrong_issuer_no_role_and_no_token_are_refused(issuer: TestIssuer) -> None:
    token = issuer.token("so-nnmt", "province_officer", "51")
    with pytest.raises(Unauthenticated, match="InvalidAudience"):
        TokenVerifier(issuer.url, "ocop-elsewhere").verify(token)
    other = LocalIssuer(issuer.server.issuer.key, "http://127.0.0.1:1/realms/other")
    with pytest.raises(Unauthenticated, match="InvalidIssuer"):
        verifier(issuer).verify(
            other.issue(Account("so-nnmt", ("province_officer",), "51", "", True))
        )
    roleless = issuer.server.issuer.issue(Account("x", ("offline_access",), "", "", True))
    with pytest.raises(Unauthenticated, match="no OCOP role"):
        verifier(issuer).verify(roleless)
    with pytest.raises(Unauthenticated, match="no bearer token"):
        verifier(issuer).verify("")


def test_accounts_hash_passwords_with_argon2id_in_a_private_file(tmp_path: Path) -> None:
    store = AccountStore(tmp_path / "accounts.sqlite3")  # the production parameters
    store.add("thu-ky", "mat-khau-dai", ("council_secretary",), "51", "Thư ký")
    raw = (tmp_path / "accounts.sqlite3").read_bytes()
    assert b"mat-khau-dai" not in raw
    (stored,) = (
        sqlite3.connect(tmp_path / "accounts.sqlite3")
        .execute("SELECT password_hash FROM accounts")
        .fetchone()
    )
    assert stored.startswith("$argon2id$")
    assert stat.S_IMODE((tmp_path / "accounts.sqlite3").stat().st_mode) == 0o600
    assert store.authenticate("thu-ky", "mat-khau-dai") is not None
    assert store.authenticate("thu-ky", "wrong-password") is None
    assert store.authenticate("nobody", "mat-khau-dai") is None
    store.set_enabled("thu-ky", False)
    assert store.authenticate("thu-ky", "mat-khau-dai") is None
    with pytest.raises(AccountError):
        store.add("x", "long-enough", ("chairman",))
    with pytest.raises(AccountError):
        store.add("thu-ky", "long-enough", ("auditor",))


def test_demo_users_of_the_realm_export_become_embedded_accounts(tmp_path: Path) -> None:
    store = AccountStore(tmp_path / "accounts.sqlite3", CHEAP_ARGON2ID)
    realm = REPO / "deploy" / "keycloak" / "realm-ocop.json"
    assert store.seed_demo(realm) == len(json.loads(realm.read_text())["users"])
    assert store.seed_demo(realm) == 0
    account = store.authenticate("so-nnmt", "demo-so-nnmt")
    assert account is not None and account.roles == ("province_officer",)
    assert {role for a in store.list() for role in a.roles} == set(ROLES)


def test_password_grant_and_stored_credentials(issuer: TestIssuer, tmp_path: Path) -> None:
    issuer.server.accounts.add("ct-ubnd-tinh", "demo-password", ("authority",), "51")
    token = password_grant(issuer.url, "ct-ubnd-tinh", "demo-password")
    assert verifier(issuer, "evaluation").verify(token).roles == ("authority",)
    with pytest.raises(LoginFailed):
        password_grant(issuer.url, "ct-ubnd-tinh", "not-the-password")
    credentials = Credentials(tmp_path / "cfg")
    credentials.store(issuer.url, "ct-ubnd-tinh", token)
    assert stat.S_IMODE(credentials.path.stat().st_mode) == 0o600
    assert credentials.token(issuer.url) == token
    assert credentials.forget(issuer.url) == "ct-ubnd-tinh"
    assert credentials.token(issuer.url) == ""


def test_a_sign_in_is_renewed_by_its_refresh_token_before_it_expires(
    issuer: TestIssuer, tmp_path: Path
) -> None:
    """The embedded issuer's refresh grant (the same as Keycloak's): the CLI's stored
    sign-in is exchanged for a new access token within a minute of its expiry, and not
    earlier; a refresh re-reads the account (roles changed take effect; a disabled one gets
    nothing, and the old token stays, to be refused by the services)."""
    accounts = issuer.server.accounts
    accounts.add("refresh-tester", "pw-refresh", ("district_officer",), "615")
    tokens = password_tokens(issuer.url, "refresh-tester", "pw-refresh")
    first, refresh = tokens["access_token"], tokens["refresh_token"]
    credentials = Credentials(tmp_path / "cfg")
    credentials.store(issuer.url, "refresh-tester", first, refresh)
    expires = unverified_claims(first)["exp"]
    assert credentials.fresh(issuer.url, now=lambda: expires - 600) == first  # not yet
    accounts.set_roles("refresh-tester", ("province_officer",), "51")
    renewed = credentials.fresh(issuer.url, now=lambda: expires - 30)
    assert renewed != first and credentials.token(issuer.url) == renewed
    identity = verifier(issuer).verify(renewed)
    assert (identity.roles, identity.jurisdiction) == (("province_officer",), "51")
    assert (
        credentials.refresh_expiry(issuer.url)
        == unverified_claims(credentials._entry(issuer.url, "")[1]["refresh_token"])["exp"]
    )
    # An access token is no refresh token; a forged one is refused; so is a disabled account.
    for wrong in (first, jwt.encode({"sub": "refresh-tester", "typ": "Refresh"}, "k" * 32)):
        with pytest.raises(LoginFailed, match="invalid_grant"):
            refresh_grant(issuer.url, wrong)
    accounts.set_enabled("refresh-tester", False)
    with pytest.raises(LoginFailed, match="invalid_grant"):
        refresh_grant(issuer.url, refresh)
    assert credentials.fresh(issuer.url, now=lambda: expires + 1e6) == renewed


def test_a_credentials_file_of_an_older_cli_still_reads(tmp_path: Path) -> None:
    """Entries written as a bare access token (before refresh tokens were kept)."""
    credentials = Credentials(tmp_path / "cfg")
    credentials.path.parent.mkdir(parents=True)
    old = {"http://i": {"current": "a", "tokens": {"a": "header.e30.sig"}}}
    credentials.path.write_text(json.dumps(old))
    assert credentials.token("http://i") == "header.e30.sig"
    assert credentials.fresh("http://i") == "header.e30.sig"  # nothing to refresh with
    assert credentials.refresh_expiry("http://i") is None


def _proto_methods() -> set[str]:
    methods = set()
    for proto in (REPO / "contracts" / "rpc").glob("*.proto"):
        text = proto.read_text()
        package = re.search(r"^package ([\w.]+);", text, re.M)
        for service, body in re.findall(r"^service (\w+) \{(.*?)^\}", text, re.M | re.S):
            for name in re.findall(r"rpc (\w+)\(", body):
                methods.add(f"/{package.group(1)}.{service}/{name}")  # type: ignore[union-attr]
    return methods


def test_the_policy_names_every_method_of_every_service_and_nothing_else() -> None:
    policy = default_policy()
    served = {m for m in policy.rules if not m.startswith("/grpc.")}
    assert served == _proto_methods()
    assert all(rule.grants for rule in policy.rules.values())


def test_auditors_only_read_and_ops_reach_no_business_data() -> None:
    policy = default_policy()
    reads = re.compile(
        r"/(Get|List|ProductHistory|OpenRemediations|OverdueInspections|ServerReflection)"
    )
    for method, rule in policy.rules.items():
        if "auditor" in rule.grants:
            assert reads.search(method), method
        if "ops" in rule.grants and not rule.public:  # public: anyone, no sign-in needed
            assert method.startswith("/grpc."), method
