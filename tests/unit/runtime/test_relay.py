"""The relay on a real SQLite store: one active relay per service (a file lock elects it, its
term fences it), a standby that takes over where the first stopped, and a store restored
from a backup publishing under a new epoch."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
from eventsourcing.persistence import Tracking

from runtime.commands import CommandContext
from runtime.consumer import TrackedConsumer
from runtime.messages import HEADER_SOURCE, InMessage, OutMessage
from runtime.outbox import Relay, StoreRestored
from runtime.settings import Settings
from runtime.tracking import LostLeadership
from services.registration.bootstrap import Registration
from services.registration.bootstrap import build as build_registration
from services.reporting.bootstrap import build as build_reporting
from system.epoch import start_epoch
from tests.unit.registration.helpers import assess, complete, product


class Wire:
    """What reached the broker, in order (a `Publisher`)."""

    def __init__(self) -> None:
        self.messages: list[OutMessage] = []

    async def publish(self, messages: list[OutMessage]) -> None:
        self.messages.extend(messages)


def received(messages: list[OutMessage]) -> list[InMessage]:
    return [
        InMessage(m.topic, 0, n, m.key, m.value, dict(m.headers)) for n, m in enumerate(messages)
    ]


def store(settings: Settings) -> Registration:
    return build_registration(settings)


def relay(service: Registration, wire: Wire, settings: Settings) -> Relay:
    r = service.relay(wire, settings)
    r.standby_seconds = 0.01
    return r


async def test_one_relay_is_active_and_a_standby_takes_over(
    sqlite_settings: Settings, actor: CommandContext
) -> None:
    settings = sqlite_settings.model_copy(update={"relay_batch_size": 4})
    first, second = store(settings), store(settings)
    wire = Wire()
    active, standby = relay(first, wire, settings), relay(second, wire, settings)
    for _ in range(3):
        product(first.app, actor)
    stored = first.app.recorder.max_notification_id() or 0
    assert stored > 4

    assert await active.run_once() == 4
    assert await standby.run_once() == 0  # the lock is taken: it stands by, publishes nothing
    assert second.metrics.relay_leader.labels(standby.name)._value.get() == 0

    active.lock.release()  # the active relay's process dies: the kernel drops its lock
    moved = 0
    while covered := await standby.run_once():
        moved += covered
    assert moved == stored - 4  # from where the first stopped, not from 0
    ids = [m.headers["ocop-notification-id"] for m in wire.messages]
    assert ids == sorted(set(ids), key=int)  # nothing twice, nothing skipped
    assert len(set(ids)) == stored

    # The old relay, still busy with a batch it read, cannot record its position.
    with pytest.raises(LostLeadership):
        active.record(stored)
    assert await active.run_once() == 0  # and it stands by
    assert standby.position() == stored
    standby.close()


async def test_a_relay_that_loses_a_position_conflict_rereads_it(
    sqlite_settings: Settings, actor: CommandContext
) -> None:
    service = store(sqlite_settings)
    wire = Wire()
    r = relay(service, wire, sqlite_settings)
    product(service.app, actor)
    assert r.lead()
    # An operator (or an old relay of a previous term) moved the position ahead meanwhile.
    stored = service.app.recorder.max_notification_id() or 0
    r.positions.insert_tracking(Tracking(r.name, stored))
    assert await r.run_once() == 0  # the conflict: nothing recorded ...
    assert r.position() == stored  # ... and the position is read again, not retried
    assert await r.run_once() == 0
    r.close()


def identity(message: OutMessage) -> tuple[str, int, str]:
    body = json.loads(message.value)
    return body["aggregate_id"], body["aggregate_version"], body["event_id"]


def backup(source: Path, target: Path) -> None:
    """An online copy (SQLite's backup API), as an operator's backup would be."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()


def assess_and_forward(
    service: Registration, actor: CommandContext, dossier: UUID, on: date
) -> None:
    """The commune assesses the dossier on `on` and forwards it the same day."""
    assess(service.app, actor, dossier, on)
    service.app.assessment.forward_dossier(actor, dossier_id=dossier, forwarded_on=on)


async def published_past_a_backup(
    service: Registration, wire: Wire, settings: Settings, actor: CommandContext, tmp_path: Path
) -> UUID:
    """A dossier submitted and completed, published; the store backed up (to
    `tmp_path/backup.sqlite`) mid-stream; the dossier then assessed and forwarded, and
    that published too (a relay of its own, closed after)."""
    r = relay(service, wire, settings)
    dossier = service.app.dossiers.submit_dossier(
        actor,
        product_id=product(service.app, actor),
        kind="first",
        received_on=date(2026, 6, 1),
    )
    complete(service.app, actor, dossier)
    await r.run_once()
    backup(settings.data_dir / "registration.sqlite", tmp_path / "backup.sqlite")  # mid-stream
    assess_and_forward(service, actor, dossier, date(2026, 6, 5))
    await r.run_once()
    r.close()
    return dossier


async def test_a_store_restored_from_backup_publishes_under_a_new_epoch(
    sqlite_settings: Settings, actor: CommandContext, tmp_path: Path
) -> None:
    """The restored store reuses notification ids and aggregate versions that were
    published already; after `open_epoch` its new events carry new event ids and a new
    position name, so the consumer applies them. Without the epoch the same event ids
    would come back, and the consumer would take them for duplicates."""
    settings = sqlite_settings
    reporting = build_reporting(settings.model_copy(update={"data_dir": tmp_path / "rep"}))
    consumer: TrackedConsumer = reporting.consumer(settings)
    service = store(settings)
    wire = Wire()
    dossier = await published_past_a_backup(service, wire, settings, actor, tmp_path)
    lost = wire.messages[:]
    first = consumer.handle_batch(received(wire.messages))  # applied, then lost at the source
    assert first.dead == []
    assert reporting.app.list_products()[0]["status"] == "commune_assessed"
    service.app.close()

    database = settings.data_dir / "registration.sqlite"
    backup(tmp_path / "backup.sqlite", database)  # the restore
    epoch, first_id = start_epoch(settings, "registration")  # python -m system.epoch
    restored = store(settings)
    assert epoch == 1
    assert first_id == (restored.app.recorder.max_notification_id() or 0) + 1
    # The same dossier assessed and forwarded again: the same aggregate versions.
    assess_and_forward(restored, actor, dossier, date(2026, 6, 6))
    wire.messages.clear()
    again = relay(restored, wire, settings)
    while await again.run_once():
        pass
    new = [m for m in wire.messages if m.headers[HEADER_SOURCE] == "registration~1"]
    old = [m for m in wire.messages if m.headers[HEADER_SOURCE] == "registration"]
    assert new, "events after the restore are published in epoch 1"
    result = consumer.handle_batch(received(wire.messages))
    assert result.applied == len(new)  # every new event is applied ...
    assert result.duplicates == len(old)  # ... the republished old ones are recognised
    assert result.dead == []
    # The collision the epoch avoids: same aggregate and version, another event id.
    reused = {identity(m)[:2] for m in lost} & {identity(m)[:2] for m in new}
    assert reused, "the restored store reused published aggregate versions"
    assert not {identity(m) for m in lost} & {identity(m) for m in new}
    again.close()
    restored.app.close()
    reporting.app.close()


async def test_a_relay_that_sees_its_store_go_back_stops_until_a_new_epoch(
    sqlite_settings: Settings, actor: CommandContext, tmp_path: Path
) -> None:
    """A relay running while its store is restored under it notices (the log ends below
    what it published), publishes nothing, says why in health, and goes on once the
    operator opened the new epoch (`python -m system.epoch`)."""
    settings = sqlite_settings
    service = store(settings)
    wire = Wire()
    r = relay(service, wire, settings)
    r.restore_check_seconds = 0
    product(service.app, actor)
    await r.run_once()
    database = settings.data_dir / "registration.sqlite"
    backup(database, tmp_path / "backup.sqlite")
    product(service.app, actor)
    await r.run_once()
    published = len(wire.messages)
    assert r.problem() is None

    backup(tmp_path / "backup.sqlite", database)  # restored under the running relay
    product(service.app, actor)  # a new event reusing a published notification id
    with pytest.raises(StoreRestored, match=r"system\.epoch"):
        await r.run_once()
    with pytest.raises(StoreRestored):
        await r.run_once()  # and again, until the operator acts
    assert len(wire.messages) == published
    assert "the store went back" in (r.problem() or "")

    epoch, _ = start_epoch(settings, "registration")
    product(service.app, actor)
    while await r.run_once():
        pass
    assert r.problem() is None
    new = [m for m in wire.messages[published:] if m.headers[HEADER_SOURCE] == "registration~1"]
    assert epoch == 1 and new, "publishing goes on in the new epoch"
    r.close()
    service.app.close()
