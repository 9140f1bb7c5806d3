"""The unit tier runs in an environment of its own (tests/environment.py), whatever
`make test` exported before it or a developer has set, and its property tests are
deterministic: the same examples on every machine and every run (`derandomize`, no example
database), and no per-example deadline (hypothesis's default 200 ms fails a starved
machine's example as "flaky"); each test starts with no flow ids bound."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import settings

from runtime import logs
from tests.environment import isolated_environment

settings.register_profile("ocop", deadline=None, derandomize=True, database=None)
settings.load_profile("ocop")


@pytest.fixture(scope="package", autouse=True)
def unit_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with isolated_environment(tmp_path_factory.mktemp("config")):
        yield


@pytest.fixture(autouse=True)
def no_flow_ids() -> None:
    """Each test starts outside any flow, as a gRPC worker does (runtime.rpc_observe clears
    them per call): a test that calls a servicer in the main thread binds its correlation
    and actor ids there, and the next test's log lines carried them."""
    logs.clear()
