"""Real tokens for tests: an embedded issuer (the one `make run` uses) on a free port,
with accounts made on demand, so every gRPC test authenticates for real."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from argon2 import PasswordHasher
from cryptography.hazmat.primitives.asymmetric import rsa

from runtime.identity.accounts import Account, AccountStore
from runtime.identity.issuer import IssuerServer

_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
CHEAP_ARGON2ID = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
"""Still argon2id, at a cost that keeps the unit tier fast."""


class TestIssuer:
    """A running embedded issuer; `token(...)` signs a token for any actor shape."""

    __test__ = False  # not a test class

    def __init__(self, server: IssuerServer) -> None:
        self.server = server

    @property
    def url(self) -> str:
        return self.server.url

    def token(self, username: str, role: str, jurisdiction: str = "") -> str:
        account = Account(username, (role,), jurisdiction, username, True)
        return self.server.issuer.issue(account)

    def metadata(self, username: str, role: str, jurisdiction: str = "") -> tuple[tuple[str, str]]:
        return (("authorization", f"Bearer {self.token(username, role, jurisdiction)}"),)


@contextmanager
def running_issuer(directory: Path) -> Iterator[TestIssuer]:
    accounts = AccountStore(directory / f"accounts-{uuid.uuid4().hex}.sqlite3", CHEAP_ARGON2ID)
    server = IssuerServer(accounts, _KEY).start()
    try:
        yield TestIssuer(server)
    finally:
        server.stop()
