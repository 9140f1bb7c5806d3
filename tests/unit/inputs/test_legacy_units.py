"""Issue 9, kind 5: the units before 1 July 2025 for the whole country, generated from
`vietnamadminunits` (services/registration/reference/generate_legacy_units.py), with
one-to-many splits explicit: a producer registered with a split old unit names its
successor, or is refused."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.envelope import Actor
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.registration.adapters.units import legacy_units
from services.registration.application import RegistrationApp

HANOI = CommandContext(actor=Actor(id="can-bo", role="commune_officer", jurisdiction="00008"))
SPLIT = "00007"  # Phường Cống Vị (Ba Đình, Hà Nội): split between 00008 and 00025


def test_the_whole_country_is_covered_with_real_names() -> None:
    units = legacy_units()
    assert len(units) > 9000
    assert {u["old_province_code"] for u in units.values()} >= {"01", "62", "79"}
    assert not any("chưa xác minh" in u["old_commune_name"] for u in units.values())
    assert units["23521"]["old_commune_name"] == "Xã Hà Mòn"  # merged into Đăk Hà
    assert units["23521"]["new_commune_code"] == "23500"


def test_a_split_unit_lists_every_successor() -> None:
    unit = legacy_units()[SPLIT]
    assert unit["status"] == "split" and unit["successors"] == ["00008", "00025"]
    assert unit["new_commune_code"] == ""


def register(app: RegistrationApp, legacy_commune_code: str, commune_code: str = "") -> Any:
    return app.producers.register_producer(
        HANOI,
        name="HTX",
        kind="cooperative",
        legal_representative="A",
        legacy_commune_code=legacy_commune_code,
        commune_code=commune_code,
    )


def test_a_producer_in_a_split_unit_must_name_its_successor(memory_settings: Any) -> None:
    from datetime import UTC, datetime

    from runtime.clock import FixedClock
    from services.registration.bootstrap import build

    app = build(memory_settings, clock=FixedClock(datetime(2026, 6, 1, tzinfo=UTC))).app
    with pytest.raises(CommandRejected) as refused:
        register(app, legacy_commune_code=SPLIT)
    assert refused.value.field == "commune_code" and "00025" in refused.value.en
    with pytest.raises(CommandRejected):
        register(app, legacy_commune_code=SPLIT, commune_code="00004")
    producer = app.get_producer(register(app, legacy_commune_code=SPLIT, commune_code="00025"))
    assert producer.commune_code == "00025"
    assert producer.legacy_unit is not None
    assert producer.legacy_unit["new_commune_code"] == "00025"
