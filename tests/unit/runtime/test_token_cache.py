"""The verified-token cache of `runtime.identity.verifier` (issue 18, T3): a token is
verified once and then served from the cache, never past its `exp`, never once its key
set is older than `KEYS_SECONDS`, never once a fetch shows its key gone; on a real
embedded issuer (real RS256 keys, a real JWKS endpoint) and a clock the test moves."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from runtime.identity.accounts import Account
from runtime.identity.claims import Unauthenticated
from runtime.identity.issuer import LocalIssuer
from runtime.identity.verifier import (
    FAILED_FETCH_COOLDOWN_SECONDS,
    KEYS_SECONDS,
    LEEWAY_SECONDS,
    UNKNOWN_KEY_COOLDOWN_SECONDS,
    TokenVerifier,
)
from tests.identity import TestIssuer, running_issuer


class Clock:
    """Seconds since the epoch, starting now, moved only by the test."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def own_issuer(tmp_path: Path) -> Iterator[TestIssuer]:
    """An issuer of this test alone: its keys are rotated."""
    with running_issuer(tmp_path) as issuer:
        yield issuer


def _token(issuer: TestIssuer, username: str = "can-bo-xa", lifetime: int = 300) -> str:
    account = Account(username, ("commune_officer",), "23500", username, True)
    return issuer.server.issuer.issue(account, lifetime_seconds=lifetime)


def _rotate(issuer: TestIssuer) -> None:
    """The issuer signs with a new key and its JWKS no longer lists the old one."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    issuer.server.issuer = LocalIssuer(key, issuer.url)


def test_a_verified_token_is_served_from_the_cache_and_a_refused_one_never(
    own_issuer: TestIssuer,
) -> None:
    clock = Clock()
    verifier = TokenVerifier(own_issuer.url, "ocop-registration", clock=clock)
    token = _token(own_issuer)
    first = verifier.verify(token)
    assert verifier.verify(token) is first  # not decoded again
    head, body, _ = token.split(".")
    for _ in range(2):  # a forged signature is refused every time
        with pytest.raises(Unauthenticated, match="InvalidSignature"):
            verifier.verify(f"{head}.{body}.{jwt.utils.base64url_encode(b'x' * 256).decode()}")


def test_a_cached_token_is_never_served_at_or_past_its_exp(own_issuer: TestIssuer) -> None:
    clock = Clock()
    verifier = TokenVerifier(own_issuer.url, "ocop-registration", clock=clock)
    token = _token(own_issuer, lifetime=120)
    exp = jwt.decode(token, options={"verify_signature": False})["exp"]
    first = verifier.verify(token)
    clock.now = exp - 0.001
    assert verifier.verify(token) is first
    clock.now = exp  # the cache's own clock reaches exp: verified afresh (real time is earlier)
    again = verifier.verify(token)
    assert again == first and again is not first
    clock.now = exp + 1  # and what was verified at or past exp is not kept
    assert verifier.verify(token) is not again


def test_a_token_past_its_exp_but_within_the_leeway_is_accepted_but_not_cached(
    own_issuer: TestIssuer,
) -> None:
    now = time.time()
    old = LocalIssuer(
        own_issuer.server.issuer.key, own_issuer.url, lambda: datetime.fromtimestamp(now - 70, UTC)
    )
    token = old.issue(Account("x", ("auditor",), "51", "", True), lifetime_seconds=60)
    verifier = TokenVerifier(own_issuer.url, "ocop-registration")
    assert LEEWAY_SECONDS > 10  # exp was 10 s ago
    first = verifier.verify(token)
    assert verifier.verify(token) is not first


def test_a_key_removed_from_the_jwks_validates_no_token_past_the_key_sets_bound(
    own_issuer: TestIssuer,
) -> None:
    clock = Clock()
    verifier = TokenVerifier(own_issuer.url, "ocop-registration", clock=clock)
    token = _token(own_issuer, lifetime=3600)
    started = clock.now
    first = verifier.verify(token)
    _rotate(own_issuer)
    clock.now = started + KEYS_SECONDS - 1  # the documented bound: still the cached answer
    assert verifier.verify(token) is first
    clock.now = started + KEYS_SECONDS  # the key set is stale: fetched again, the key is gone
    with pytest.raises(Unauthenticated, match="no signing key"):
        verifier.verify(token)
    assert verifier.verify(_token(own_issuer)).username == "can-bo-xa"  # the new key


def test_a_fetch_that_shows_the_key_gone_ends_its_cached_tokens_at_once(
    own_issuer: TestIssuer,
) -> None:
    clock = Clock()
    verifier = TokenVerifier(own_issuer.url, "ocop-registration", clock=clock)
    old_token = _token(own_issuer, lifetime=3600)
    verifier.verify(old_token)
    _rotate(own_issuer)
    new_token = _token(own_issuer, "chu-the")
    clock.now += UNKNOWN_KEY_COOLDOWN_SECONDS - 1  # an unknown key id waits for the cooldown
    with pytest.raises(Unauthenticated, match="no signing key"):
        verifier.verify(new_token)
    clock.now += 1
    assert verifier.verify(new_token).username == "chu-the"  # fetched: the old key is gone
    with pytest.raises(Unauthenticated, match="no signing key"):
        verifier.verify(old_token)


def test_a_key_id_the_jwks_lists_with_other_material_ends_its_cached_tokens_at_once(
    own_issuer: TestIssuer,
) -> None:
    """An issuer that reuses a key id for a new key (Keycloak and the embedded issuer do
    not: their ids are thumbprints) must not keep the old key's cached tokens valid."""
    clock = Clock()
    verifier = TokenVerifier(own_issuer.url, "ocop-registration", clock=clock)
    old_token = _token(own_issuer, lifetime=3600)
    verifier.verify(old_token)
    kid = jwt.get_unverified_header(old_token)["kid"]
    _rotate(own_issuer)
    own_issuer.server.issuer._jwk["kid"] = kid  # the new key under the old key's id
    clock.now += UNKNOWN_KEY_COOLDOWN_SECONDS  # a token naming an unknown id fetches the set
    with pytest.raises(Unauthenticated, match="no signing key"):
        verifier.verify(jwt.encode({}, own_issuer.server.issuer.key, "RS256", {"kid": "x"}))
    with pytest.raises(Unauthenticated, match="InvalidSignature"):
        verifier.verify(old_token)  # verified afresh against the key the id now names
    assert verifier.verify(_token(own_issuer, "chu-the")).username == "chu-the"


def test_a_cached_token_is_served_while_a_slow_jwks_fetch_is_under_way(
    own_issuer: TestIssuer,
) -> None:
    """A token naming an unknown key id (anyone can forge one) makes the verifier fetch the
    JWKS; an issuer slow to answer must not hold up the cached tokens of every other call."""
    clock = Clock()
    verifier = TokenVerifier(own_issuer.url, "ocop-registration", clock=clock)
    token = _token(own_issuer)
    first = verifier.verify(token)
    asked, released = threading.Event(), threading.Event()
    held_up: list[bool] = []

    class SlowIssuer(LocalIssuer):
        def jwks(self) -> dict[str, Any]:
            asked.set()
            held_up.append(not released.wait(5))  # until the cached call has been served
            return super().jwks()

    own_issuer.server.issuer = SlowIssuer(own_issuer.server.issuer.key, own_issuer.url)
    clock.now += UNKNOWN_KEY_COOLDOWN_SECONDS
    forged = jwt.encode({}, own_issuer.server.issuer.key, "RS256", {"kid": "x"})
    refusals: list[Exception] = []

    def refused() -> None:
        try:
            verifier.verify(forged)
        except Unauthenticated as error:
            refusals.append(error)

    fetching = threading.Thread(target=refused)
    fetching.start()
    assert asked.wait(5)  # the fetch is under way
    assert verifier.verify(token) is first
    released.set()
    fetching.join()
    assert held_up == [False]
    assert len(refusals) == 1  # the forged key id is still refused


def test_a_failed_jwks_fetch_is_not_tried_again_before_its_cooldown(
    own_issuer: TestIssuer,
) -> None:
    """With the issuer down, the calls that need its key set are refused at once, not each
    queued behind a fetch of its own; once the cooldown has passed the set is fetched again."""
    clock = Clock()
    verifier = TokenVerifier(own_issuer.url, "ocop-registration", clock=clock)
    verifier.verify(_token(own_issuer))
    asked: list[float] = []
    working = own_issuer.server.issuer

    class DownIssuer(LocalIssuer):
        def jwks(self) -> dict[str, Any]:
            asked.append(clock.now)
            raise OSError("the issuer is down")

    own_issuer.server.issuer = DownIssuer(working.key, own_issuer.url)
    clock.now += KEYS_SECONDS  # the key set is stale: every call needs a fetch
    for n in range(5):
        with pytest.raises(Unauthenticated):
            verifier.verify(_token(own_issuer, f"u{n}"))
    assert len(asked) == 1  # one fetch tried; the other four refused without asking
    clock.now += FAILED_FETCH_COOLDOWN_SECONDS
    with pytest.raises(Unauthenticated):
        verifier.verify(_token(own_issuer, "again"))
    assert len(asked) == 2
    own_issuer.server.issuer = working  # the issuer is back
    with pytest.raises(Unauthenticated):  # still within the cooldown of the second failure
        verifier.verify(_token(own_issuer, "soon"))
    clock.now += FAILED_FETCH_COOLDOWN_SECONDS
    assert verifier.verify(_token(own_issuer, "back")).username == "back"


def test_the_cache_is_bounded(own_issuer: TestIssuer) -> None:
    verifier = TokenVerifier(own_issuer.url, "ocop-registration", cache_size=2)
    tokens = [_token(own_issuer, f"u{n}") for n in range(3)]
    first = [verifier.verify(token) for token in tokens]
    assert verifier.verify(tokens[2]) is first[2]
    assert verifier.verify(tokens[0]) is not first[0]  # the least recently used was evicted
