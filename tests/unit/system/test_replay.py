"""Replaying the embedded mode's dead-letter file through the consumer that failed."""

from __future__ import annotations

from uuid import uuid4

from contracts import topics
from runtime.inproc import FileDeadLetters
from runtime.messages import HEADER_ERROR, HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.replay import as_original, replay_dead_letter_file
from runtime.settings import Settings
from runtime.tracking import event_key
from system.replay import replay
from tests.unit.reporting.test_catalogue import product_registered


def letter(value: bytes, position: int) -> InMessage:
    return InMessage(
        topics.REGISTRATION_EVENTS,
        0,
        position,
        b"k",
        value,
        {
            HEADER_SOURCE: "registration",
            HEADER_NOTIFICATION_ID: str(position),
            HEADER_ERROR: "OperationalError: database restarting",
        },
    )


async def test_the_dead_letter_file_is_replayed_once(sqlite_settings: Settings) -> None:
    product_id = uuid4()
    good = product_registered(product_id)
    letters = FileDeadLetters(sqlite_settings.data_dir / "dead-letters", "reporting")
    await letters.dead_letter(letter(good.model_dump_json().encode(), 4), "OperationalError")
    await letters.dead_letter(letter(b"{broken", 5), "JSONDecodeError")

    first = await replay(sqlite_settings, "reporting")
    assert (first.read, first.applied, first.failed_again) == (2, 1, 1)
    replayed = list((sqlite_settings.data_dir / "dead-letters").glob("reporting.*.replayed.jsonl"))
    assert len(replayed) == 1
    assert len(replayed[0].read_text(encoding="utf-8").splitlines()) == 2
    assert len(letters.path.read_text(encoding="utf-8").splitlines()) == 1  # the broken one

    second = await replay(sqlite_settings, "reporting")
    assert (second.read, second.applied, second.failed_again) == (1, 0, 1)
    assert len(letters.path.read_text(encoding="utf-8").splitlines()) == 1  # still kept

    from services.reporting.bootstrap import build

    app = build(sqlite_settings).app
    assert app.get_product(str(product_id))["name"] == "Cà phê Đăk Hà"
    assert app.has_event(event_key(good.event_type, good.event_id))
    app.close()


async def test_a_fixed_dead_letter_replayed_a_second_time_is_applied(
    sqlite_settings: Settings,
) -> None:
    """The first replay fails again (the fault is not fixed yet); the second, after the
    fix, applies it: it was never applied, so it is no duplicate. A third replay finds it
    applied. The dead-letter file is kept until the letter is through."""
    from services.reporting.bootstrap import build

    service = build(sqlite_settings)
    product_id = uuid4()
    event = product_registered(product_id, "Mật ong Kon Plông", product_set=4, commune_code="23476")
    letters = FileDeadLetters(sqlite_settings.data_dir / "dead-letters", "reporting")
    await letters.dead_letter(letter(event.model_dump_json().encode(), 7), "RuntimeError")
    consumer = service.consumer(sqlite_settings)
    fixed = consumer.effect
    broken: list[int] = []

    def still_broken(e: object, t: object) -> None:
        broken.append(1)
        raise RuntimeError("the fault is not fixed yet")

    consumer.effect = still_broken
    consumer.max_attempts = 1
    first = replay_dead_letter_file(letters, consumer)
    assert (first.read, first.applied, first.failed_again) == (1, 0, 1)
    assert "not fixed yet" in letters.path.read_text(encoding="utf-8")

    consumer.effect = fixed
    second = replay_dead_letter_file(letters, consumer)
    assert (second.read, second.applied, second.duplicates) == (1, 1, 0)
    assert service.app.get_product(str(product_id))["name"] == "Mật ong Kon Plông"
    assert letters.path.read_text(encoding="utf-8") == ""

    # The same letter again (say, from an archived file): recognised, it was applied.
    await letters.dead_letter(letter(event.model_dump_json().encode(), 7), "RuntimeError")
    third = replay_dead_letter_file(letters, consumer)
    assert (third.read, third.applied, third.duplicates) == (1, 0, 1)
    service.app.close()


async def test_a_letter_appended_during_a_crashed_replay_is_kept(sqlite_settings: Settings) -> None:
    """A replay that dies after applying but before replacing the file leaves the file as
    it was: the next replay finds the applied letters duplicates and loses none."""
    from services.reporting.bootstrap import build

    service = build(sqlite_settings)
    letters = FileDeadLetters(sqlite_settings.data_dir / "dead-letters", "reporting")
    events = [
        product_registered(uuid4(), f"Sản phẩm {n}", product_set=4, commune_code="23476")
        for n in range(2)
    ]
    await letters.dead_letter(letter(events[0].model_dump_json().encode(), 1), "RuntimeError")
    consumer = service.consumer(sqlite_settings)
    # The crash: the letters are applied, the process dies before the file is replaced.
    with letters.locked():
        consumer.handle_batch([as_original(m) for m, _ in letters.read()])
    await letters.dead_letter(letter(events[1].model_dump_json().encode(), 2), "RuntimeError")
    after = replay_dead_letter_file(letters, consumer)
    assert (after.read, after.applied, after.duplicates) == (2, 1, 1)
    assert len(service.app.list_products()) == 2
    service.app.close()
