"""A poison message inside a batch on the real PostgreSQL: text with a NUL character parses,
but PostgreSQL cannot store it; the batch's other messages are applied, it alone is
dead-lettered."""

from __future__ import annotations

from pathlib import Path

import pytest

from runtime.settings import Settings
from services.reporting.bootstrap import build
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
