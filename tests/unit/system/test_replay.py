"""Replaying the embedded mode's dead-letter file through the consumer that failed."""

from __future__ import annotations

from uuid import uuid4

from contracts import topics
from contracts.registration import ProductRegistered
from runtime.inproc import FileDeadLetters
from runtime.messages import HEADER_ERROR, HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.settings import Settings
from system.replay import replay
from tests.unit.reporting.test_catalogue import envelope


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
    good = ProductRegistered(
        **envelope(product_id),
        producer_id=uuid4(),
        name="Cà phê Đăk Hà",
        product_set=13,
        commune_code="23500",
        province_code="51",
    )
    letters = FileDeadLetters(sqlite_settings.data_dir / "dead-letters", "reporting")
    await letters.dead_letter(letter(good.model_dump_json().encode(), 4), "OperationalError")
    await letters.dead_letter(letter(b"{broken", 5), "JSONDecodeError")

    first = await replay(sqlite_settings, "reporting")
    assert (first.read, first.applied, first.failed_again) == (2, 1, 1)
    replayed = list((sqlite_settings.data_dir / "dead-letters").glob("reporting.*.replayed.jsonl"))
    assert len(replayed) == 1
    assert len(letters.path.read_text(encoding="utf-8").splitlines()) == 1  # the broken one

    second = await replay(sqlite_settings, "reporting")
    assert (second.read, second.applied, second.failed_again) == (1, 0, 1)

    from services.reporting.bootstrap import build

    app = build(sqlite_settings).app
    assert app.get_product(str(product_id))["name"] == "Cà phê Đăk Hà"
    assert app.is_tracked("registration+replay@ocop.registration.events.v1#0", 4)
    app.close()
