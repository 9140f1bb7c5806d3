"""Shared fixtures: settings per store, clean PostgreSQL databases, isolated Kafka topics,
and a summary of how many tests of each infrastructure tier ran."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from contracts import topics
from contracts.envelope import Actor
from runtime.commands import CommandContext
from runtime.settings import Settings
from tests.identity import TestIssuer, running_issuer

SERVICES = ("registration", "evaluation", "promotion", "inspection", "reporting")
# The deployment's topics (contracts/topics.py), created afresh under a prefix per test.
EVENT_TOPICS = tuple(t.name for t in topics.CATALOGUE)
DEAD_LETTER_TOPICS = tuple(t.name for t in topics.dead_letter_topics())


def pg_settings(**overrides: Any) -> Settings:
    return Settings(
        store="postgres",
        pg_host=os.environ.get("OCOP_PG_HOST", "127.0.0.1"),
        pg_port=int(os.environ.get("OCOP_PG_PORT", "5432")),
        pg_user=os.environ.get("OCOP_PG_USER", "ocop"),
        pg_password=os.environ.get("OCOP_PG_PASSWORD", "ocop"),
        **overrides,
    )


def reset_databases(settings: Settings) -> None:
    """Empty every service database (drop and recreate the public schema)."""
    for service in SERVICES:
        with psycopg.connect(
            host=settings.pg_host,
            port=settings.pg_port,
            user=settings.pg_user,
            password=settings.pg_password,
            dbname=f"{settings.pg_db_prefix}{service}",
            autocommit=True,
        ) as conn:
            conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
            conn.execute("CREATE SCHEMA public")


@pytest.fixture(scope="session")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestIssuer]:
    """A running embedded token issuer: real signed tokens for any actor."""
    with running_issuer(tmp_path_factory.mktemp("issuer")) as running:
        yield running


@pytest.fixture
def actor() -> CommandContext:
    return CommandContext(actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500"))


@pytest.fixture
def memory_settings(tmp_path: Path) -> Settings:
    return Settings(store="memory", data_dir=tmp_path)


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return Settings(store="sqlite", data_dir=tmp_path)


@pytest.fixture
def postgres_settings(tmp_path: Path) -> Iterator[Settings]:
    settings = pg_settings(data_dir=tmp_path)
    reset_databases(settings)
    yield settings


def settings_for(store: str, data_dir: Path) -> Settings:
    """Settings of `store` with its files under `data_dir`; PostgreSQL's databases emptied."""
    if store != "postgres":
        return Settings(store=store, data_dir=data_dir)
    settings = pg_settings(data_dir=data_dir)
    reset_databases(settings)
    return settings


def matrix(*local: str, server: str) -> list[Any]:
    """Parameters of a test matrix: the `local` variants always, the one on the real
    `server` (marked with its tier, `postgres` or `kafka`) under `make test`
    (OCOP_REQUIRE_INFRA=1) or when OCOP_TEST_SERVERS names it. The unit tier stays
    server-free by default; e.g. under the infrastructure lock:
    `OCOP_TEST_SERVERS=postgres,kafka pytest tests/unit -m "postgres or kafka"`."""
    wanted = os.environ.get("OCOP_TEST_SERVERS", "").split(",")
    params: list[Any] = list(local)
    if os.environ.get("OCOP_REQUIRE_INFRA") == "1" or server in wanted:
        params.append(pytest.param(server, marks=getattr(pytest.mark, server)))
    return params


@pytest.fixture(params=matrix("sqlite", server="postgres"))
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """The same test on SQLite and on PostgreSQL (PostgreSQL under `make test` or when
    OCOP_TEST_SERVERS names it, like `matrix`): a plain `pytest tests/unit` never empties the
    shared databases outside the infrastructure lock."""
    return settings_for(request.param, tmp_path)


@pytest.fixture(params=matrix("memory", "sqlite", server="postgres"))
def app_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """The store matrix: each application test once per store (eventsourcing's examples run
    one test case per store the same way), so a fault of one store shows in its tier."""
    return settings_for(request.param, tmp_path)


@pytest.fixture
def service(app_settings: Settings, clock: Any, build_service: Callable[..., Any]) -> Iterator[Any]:
    """A service (`build_service(settings, clock=clock)`, its folder's bootstrap `build`) on
    each store of the matrix, closed after the test. A test folder gives `clock` and
    `build_service` in its conftest."""
    built = build_service(app_settings, clock=clock)
    yield built
    built.app.close()


@pytest.fixture
def app(service: Any) -> Any:
    """The service's application (its event store and command groups)."""
    return service.app


def kafka_bootstrap() -> str:
    return os.environ.get("OCOP_KAFKA_BOOTSTRAP", "127.0.0.1:19092")


async def create_topics(
    bootstrap: str, names: list[str], partitions: int = 3, security: dict[str, Any] | None = None
) -> None:
    """Create topics and wait until every partition has a leader: a consumer that subscribes
    before that sees no partitions and waits for its next metadata refresh (minutes).
    `security`: the admin client's SASL/TLS arguments (runtime.kafka_auth.client_security)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **(security or {}))
    await admin.start()
    try:
        await admin.create_topics(
            [NewTopic(name, num_partitions=partitions, replication_factor=1) for name in names]
        )
        deadline = asyncio.get_running_loop().time() + 30
        while True:
            described = await admin.describe_topics(names)
            ready = [
                t
                for t in described
                if t["error_code"] == 0
                and len(t["partitions"]) == partitions
                and all(p["leader"] >= 0 for p in t["partitions"])
            ]
            if len(ready) == len(names):
                return
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"topics not ready after 30 s: {described}")
            await asyncio.sleep(0.1)
    finally:
        await admin.close()


@pytest.fixture
async def topic_prefix() -> AsyncIterator[str]:
    """A fresh set of the system's topics under a unique prefix, for one test."""
    prefix = f"t{uuid.uuid4().hex[:10]}."
    await create_topics(kafka_bootstrap(), [prefix + t for t in EVENT_TOPICS])
    await create_topics(
        kafka_bootstrap(),
        [prefix + t for t in DEAD_LETTER_TOPICS],
        partitions=topics.DEAD_LETTER_PARTITIONS,
    )
    yield prefix
    await delete_topics([prefix + t for t in EVENT_TOPICS + DEAD_LETTER_TOPICS])


async def delete_topics(names: list[str]) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap())
    await admin.start()
    try:
        await admin.delete_topics(names)
    finally:
        await admin.close()


async def eventually(check: Any, timeout: float = 30.0, interval: float = 0.1) -> Any:
    """Poll `check()` until it returns a truthy value or `timeout` passes."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s: {check}")
        await asyncio.sleep(interval)


# --- a summary of the infrastructure tiers ------------------------------------------

_TIERS: Counter[tuple[str, str]] = Counter()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        keywords = report.keywords
        for tier in (*SERVER_TIERS, "e2e"):
            if tier in keywords:
                _TIERS[(tier, report.outcome)] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _TIERS:
        return
    terminalreporter.section("infrastructure tiers")
    for tier in (*SERVER_TIERS, "e2e"):
        counts = {o: n for (t, o), n in _TIERS.items() if t == tier}
        if counts:
            shown = ", ".join(f"{n} {o}" for o, n in sorted(counts.items()))
            terminalreporter.write_line(f"{tier}: {shown}")


# Tiers that need a server or a built tool, which `make test` provisions: under it they
# may not skip, and each must pass at least one test.
SERVER_TIERS = ("kafka", "postgres", "keycloak", "tools", "browser")


def _require_infra() -> bool:
    return os.environ.get("OCOP_REQUIRE_INFRA") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Under `make test` (OCOP_REQUIRE_INFRA=1) a skipped Kafka/PostgreSQL test fails."""
    outcome = yield
    report = outcome.get_result()
    infra = any(m in item.keywords for m in SERVER_TIERS)
    if _require_infra() and infra and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid}: infrastructure tests may not skip under make test"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under `make test`, both infrastructure tiers must have run and passed tests."""
    if not _require_infra() or session.config.option.collectonly:
        return
    for tier in SERVER_TIERS:
        if not _TIERS[(tier, "passed")]:
            print(f"\n{tier} tier: no test passed; make test requires it to run")
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
