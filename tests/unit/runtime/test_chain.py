"""The hash chain of a service's stored events (runtime/chain.py): intact on every store,
and each edit, deletion or insertion made directly in SQLite or PostgreSQL is found."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import uuid4

import psycopg
import pytest
from eventsourcing.persistence import StoredEvent

from cli.main import main
from runtime.chain import GENESIS, chained, verify
from runtime.settings import Settings
from runtime.tracking import EventTracking
from system.audit import check
from system.builders import builder


def stored(version: int, topic: str = "registration:ProductRegistered") -> StoredEvent:
    return StoredEvent(uuid4(), version, topic, f'{{"v": {version}}}'.encode())


def five_events(recorder: Any) -> None:
    """Five events in three transactions (notification ids 1..5)."""
    recorder.insert_events([stored(1), stored(1)])
    recorder.insert_events([stored(1)])
    recorder.insert_events([stored(1), stored(1)])


def test_every_store_chains_application_and_process_events(app_settings: Settings) -> None:
    for name in ("registration", "evaluation"):  # an application, a process application
        service = builder(name)(app_settings)  # kept: a collected app closes its store
        recorder = service.app.recorder
        five_events(recorder)
        if name == "evaluation":
            recorder.insert_events([stored(1)], tracking=EventTracking("x", 1, "E:1"))
        result = verify(chained(recorder))
        assert result.intact and result.records == (5 if name == "registration" else 6)
        assert result.head is not None and result.head.notification_id == result.records
        assert chained(recorder).select_chain(0, 1)[0].previous_hash == GENESIS


@contextmanager
def sql(settings: Settings) -> Iterator[tuple[Any, str, str]]:
    """A direct connection to registration's store: (connection, id column, placeholder)."""
    if settings.store == "sqlite":
        conn = sqlite3.connect(settings.data_dir / "registration.sqlite")
        try:
            yield conn, "rowid", "?"
            conn.commit()
        finally:
            conn.close()
        return
    with psycopg.connect(
        host=settings.pg_host,
        port=settings.pg_port,
        user=settings.pg_user,
        password=settings.pg_password,
        dbname=f"{settings.pg_db_prefix}registration",
        autocommit=True,
    ) as pg:
        yield pg, "notification_id", "%s"


TAMPERING = {
    "altered": ("UPDATE {t} SET state = {p} WHERE {id} = 3", (b'{"v": 9}',), ("altered", 3)),
    "topic altered": ("UPDATE {t} SET topic = 'x' WHERE {id} = 2", (), ("altered", 2)),
    "removed": ("DELETE FROM {t} WHERE {id} = 3", (), ("removed", 3)),
    "last removed": ("DELETE FROM {t} WHERE {id} = 5", (), ("removed", 5)),
    "inserted": (
        "INSERT INTO {t} (originator_id, originator_version, topic, state) "
        "VALUES ({p}, 1, 'forged', {p})",
        ("FORGED", b"{}"),
        ("inserted", 6),
    ),
    "chain hash edited": (
        "UPDATE ocop_event_chain SET record_hash = 'f' WHERE notification_id = 4",
        (),
        ("altered", 4),
    ),
    "chain link removed": (
        "DELETE FROM ocop_event_chain WHERE notification_id = 2",
        (),
        ("broken", 3),
    ),
}


@pytest.mark.parametrize("case", TAMPERING)
def test_verification_names_the_first_tampered_record(store_settings: Settings, case: str) -> None:
    service = builder("registration")(store_settings)  # kept: a collected app closes its store
    recorder = service.app.recorder
    five_events(recorder)
    assert check(store_settings, "registration").verification.intact
    statement, shown, expected = TAMPERING[case]
    params: tuple[Any, ...] = shown
    with sql(store_settings) as (conn, id_column, placeholder):
        if params and params[0] == "FORGED":
            params = (uuid4().hex if store_settings.store == "sqlite" else uuid4(), params[1])
        conn.execute(
            statement.format(t=recorder.events_table_name, id=id_column, p=placeholder), params
        )
    found = check(store_settings, "registration").verification.finding
    assert found is not None and (found.problem, found.notification_id) == expected


def test_the_cli_names_the_record_in_vietnamese_and_english(
    sqlite_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OCOP_STORE", "sqlite")
    monkeypatch.setenv("OCOP_DATA_DIR", str(sqlite_settings.data_dir))
    service = builder("registration")(sqlite_settings)  # kept: a collected app closes its store
    recorder = service.app.recorder
    five_events(recorder)
    assert main(["--json", "audit", "anchor", "--service", "registration"]) == 0
    anchor = json.loads(capsys.readouterr().out)[0]
    assert anchor["head_notification_id"] == 5 and len(anchor["head_hash"]) == 64
    with sql(sqlite_settings) as (conn, _, _):
        conn.execute(f"UPDATE {recorder.events_table_name} SET state = x'00' WHERE rowid = 2")
    assert main(["audit", "verify", "--service", "registration"]) == 1
    assert "bản ghi sự kiện #2 đã bị sửa" in capsys.readouterr().out
    assert main(["--lang", "en", "--json", "audit", "verify"]) == 1
    records = {r["service"]: r for r in json.loads(capsys.readouterr().out)}
    assert records["registration"]["message"] == "event record #2 was altered"
    assert records["evaluation"]["intact"] is True
    assert main(["audit", "anchor"]) == 1  # no anchor of a chain that does not verify
