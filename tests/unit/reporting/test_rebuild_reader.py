"""The rebuild reads and parses the next batch in a thread of its own while it writes the
previous one (`system.rebuild`): what that must not change. A message that does not parse
goes to the dead letters and the rest of its batch is applied; a source that fails half-way
fails the rebuild with its own error, leaves the live version as it was and stops the
reader; the rebuilt version ends as the live one."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from runtime.messages import InMessage
from runtime.settings import Settings
from services.reporting.bootstrap import ReportingService, build
from system.rebuild import Batches, rebuild, stored
from tests.unit.reporting.test_batch_apply import published, state


@pytest.fixture
def service(tmp_path: Path) -> Iterator[ReportingService]:
    made = build(Settings(store="sqlite", delivery="inproc", data_dir=tmp_path))
    yield made
    made.app.close()


def readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "rebuild-reader"]


def test_a_rebuild_ends_as_the_live_version(service: ReportingService) -> None:
    messages = published(12)
    consumer = service.consumer(Settings(store="sqlite"))
    assert not consumer.handle_batch(messages).dead
    live = state(service)
    done = rebuild(
        service.app, stored(messages, batch=7), Settings(), progress=False, grace_seconds=0
    )
    assert (done.replayed, done.applied, done.dead) == (48, 48, 0)
    assert state(service) == live
    assert not readers()


def test_a_message_that_does_not_parse_is_dead_and_the_rest_applied(
    service: ReportingService,
) -> None:
    messages = published(5)
    messages[7] = replace(messages[7], value=b'{"event_type": "Scored"}')
    done = rebuild(
        service.app, stored(messages, batch=8), Settings(), progress=False, grace_seconds=0
    )
    assert (done.replayed, done.applied, done.dead) == (20, 19, 1)
    assert service.app.models.count() == 19


def test_a_source_failing_half_way_fails_the_rebuild_and_keeps_the_live_version(
    service: ReportingService,
) -> None:
    messages = published(4)
    assert not service.consumer(Settings(store="sqlite")).handle_batch(messages).dead
    live = state(service)

    def failing() -> Batches:
        def batches() -> Iterator[Sequence[InMessage]]:
            yield messages[:8]
            raise ConnectionError("the source went away")

        return len(messages), batches()

    with pytest.raises(ConnectionError, match="went away"):
        rebuild(service.app, failing, Settings(), progress=False, grace_seconds=0)
    assert service.app.pointer.read() == (0, -1)
    assert state(service) == live
    assert not readers()
