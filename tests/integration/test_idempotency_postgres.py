"""Idempotency keys on the real PostgreSQL: the same tests as on memory and SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from runtime.settings import Settings
from services.registration.bootstrap import build
from tests.identity import TestIssuer
from tests.unit.runtime import test_idempotency as on
from tests.unit.runtime.test_idempotency import Server

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(postgres_settings: Settings, issuer: TestIssuer) -> Iterator[Server]:
    running = Server(build(postgres_settings), timedelta(days=7), issuer)
    yield running
    running.close()


def test_a_retry_returns_the_first_reply_and_changes_nothing(server: Server) -> None:
    on.test_a_retry_returns_the_first_reply_and_changes_nothing(server)


def test_the_same_key_with_another_request_is_refused(server: Server) -> None:
    on.test_the_same_key_with_another_request_is_refused(server)


def test_a_command_committed_without_its_reply_is_not_run_again(server: Server) -> None:
    on.test_a_command_committed_without_its_reply_is_not_run_again(server)


def test_keys_are_forgotten(server: Server) -> None:
    from datetime import UTC, datetime
    from typing import Any

    on.call(server, on.register(), "old")
    keys: Any = server.service.app.recorder
    assert keys.forget_commands(datetime.now(UTC) + timedelta(seconds=1)) == 1


def test_the_key_commits_with_the_events(server: Server) -> None:
    on.key_is_kept_with_the_events_that_commit(server.service.app.recorder)
