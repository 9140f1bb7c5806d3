"""A poison message inside a batch on the real PostgreSQL: text with a NUL character parses,
but PostgreSQL cannot store it; the batch's other messages are applied, it alone is
dead-lettered."""

from __future__ import annotations

from pathlib import Path

import pytest

from runtime.settings import Settings
from services.reporting.bootstrap import build
from system.rebuild import rebuild, stored
from tests.unit.reporting.test_batch_apply import journal_size, published, state

pytestmark = [pytest.mark.postgres]


def test_a_message_postgresql_refuses_inside_a_batch_costs_only_itself(
    postgres_settings: Settings,
) -> None:
    service = build(postgres_settings)
    try:
        messages = published(8)
        poison = published(1, name="Trà\x00")[0]
        batch = [*messages[:13], poison, *messages[13:]]
        consumer = service.consumer(postgres_settings)
        result = consumer.handle_batch(batch)
        assert result.applied == len(messages)
        assert [m for m, _ in result.dead] == [poison]
        assert "NUL" in result.dead[0][1]
        assert len(service.app.list_products()) == 8
        assert journal_size(service) == len(messages)
        again = consumer.handle_batch(batch)
        assert (again.applied, again.duplicates, len(again.dead)) == (0, len(messages), 1)
    finally:
        service.app.close()


def test_a_large_batch_on_postgresql_ends_as_on_sqlite(
    postgres_settings: Settings, tmp_path: Path
) -> None:
    """Past `JSON_FROM` rows a table's upsert sends its rows as one JSON parameter, and
    the journal through COPY: the read models end as SQLite's multi-row statements leave
    them, and a redelivery changes nothing."""
    messages = published(100)
    on_postgres = build(postgres_settings)
    on_sqlite = build(Settings(store="sqlite", data_dir=tmp_path / "sqlite"))
    try:
        for service, settings in ((on_postgres, postgres_settings), (on_sqlite, None)):
            consumer = service.consumer(settings or postgres_settings)
            assert consumer.handle_batch(messages).applied == len(messages)
        assert state(on_postgres) == state(on_sqlite)
        again = on_postgres.consumer(postgres_settings).handle_batch(messages[150:])
        assert (again.applied, again.duplicates) == (0, len(messages) - 150)
        assert state(on_postgres) == state(on_sqlite)
    finally:
        on_postgres.app.close()
        on_sqlite.app.close()


def test_a_rebuilt_read_model_on_postgresql_is_the_live_one(postgres_settings: Settings) -> None:
    """The live consumer applies small batches (multi-row VALUES); the rebuild replays the same
    events in pages of 100 (rows sent as one JSON parameter, the journal by COPY) into a new
    version and switches to it: every query reads what it read before."""
    messages = published(60)
    service = build(postgres_settings)
    try:
        consumer = service.consumer(postgres_settings)
        for first in range(0, len(messages), 7):
            assert not consumer.handle_batch(messages[first : first + 7]).dead
        live = state(service)
        assert len(live[0]) == 60 and len(live[2]) == len(messages)
        done = rebuild(
            service.app,
            stored(messages, batch=100),
            postgres_settings,
            progress=False,
            grace_seconds=0,
        )
        assert (done.version, done.replaced, done.dead) == (1, 0, 0)
        assert done.applied == done.replayed == len(messages)
        assert service.app.pointer.read() == (1, -1)
        assert state(service) == live
    finally:
        service.app.close()
