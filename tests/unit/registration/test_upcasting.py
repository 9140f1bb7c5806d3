"""Events stored by the first registration version (issue 2) still load: the data folder of
an earlier `make run` keeps its producers, products and forwarded dossiers."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import StoredEvent

from rules import RulesError, selection
from rules.loader import all_rule_sets
from runtime.commands import CommandContext
from services.registration.application import RegistrationApp

MODEL = "services.registration.domain.model"


def store_v1(app: RegistrationApp, topic: str, version: int, state: dict[str, object]) -> None:
    aggregate_id = state["originator_id"]
    app.recorder.insert_events(
        [
            StoredEvent(
                originator_id=aggregate_id,  # type: ignore[arg-type]
                originator_version=version,
                topic=f"{MODEL}:{topic}",
                state=app.mapper.transcoder.encode(state),
            )
        ]
    )


STAMP = "2026-06-01T01:00:00+00:00"
"""When the first-version events below were stored."""


def first(actor: CommandContext, aggregate_id: UUID, owner: str) -> dict[str, object]:
    """The fields every first-version creation event of ``owner`` stores."""
    return {
        "originator_id": aggregate_id,
        "originator_version": 1,
        "timestamp": STAMP,
        "meta": actor.meta(),
        "originator_topic": f"{MODEL}:{owner}",
    }


def v1_producer(app: RegistrationApp, actor: CommandContext) -> UUID:
    producer = uuid4()
    store_v1(
        app,
        "Producer.Registered",
        1,
        {
            **first(actor, producer, "Producer"),
            "name": "HTX cũ",
            "kind": "cooperative",
            "is_sme": False,
            "business_registration_no": None,
            "legal_representative": "A Blơi",
            "commune_code": "23500",
            "province_code": "51",
        },
    )
    return producer


def v1_product(app: RegistrationApp, actor: CommandContext, producer: UUID) -> UUID:
    product = uuid4()
    store_v1(
        app,
        "Product.Registered",
        1,
        {
            **first(actor, product, "Product"),
            "producer_id": producer,
            "name": "Cà phê",
            "product_set": 13,
            "commune_code": "23500",
            "province_code": "51",
        },
    )
    return product


def v1_dossier(
    app: RegistrationApp,
    actor: CommandContext,
    received_on: date,
    product: UUID | None = None,
    producer: UUID | None = None,
) -> UUID:
    dossier = uuid4()
    store_v1(
        app,
        "Dossier.Submitted",
        1,
        {
            **first(actor, dossier, "Dossier"),
            "product_id": product or uuid4(),
            "producer_id": producer or uuid4(),
            "product_name": "Cà phê",
            "product_set": 13,
            "kind": "first",
            "received_on": received_on,
            "commune_code": "23500",
            "province_code": "51",
        },
    )
    return dossier


def test_first_version_events_are_upcast(app: RegistrationApp, actor: CommandContext) -> None:
    producer = v1_producer(app, actor)
    product = v1_product(app, actor, producer)
    dossier = v1_dossier(app, actor, date(2026, 6, 1), product, producer)
    store_v1(
        app,
        "Dossier.Assessed",
        2,
        {
            "originator_id": dossier,
            "originator_version": 2,
            "timestamp": STAMP,
            "meta": actor.meta(),
            "snapshot": {"product_id": str(product)},
            "report_no": "15/BC",
            "assessed_on": date(2026, 6, 12),
            "criteria": {"local_raw_material": True},
            "forwarded_to": "province",
            "rule_set_id": "R3",
        },
    )

    loaded = app.get_producer(producer)
    assert app.personal_data(loaded)["legal_representative"]["name"] == "A Blơi"  # stayed in clear
    assert app.get_product(product).legacy_unit is None
    found = app.get_dossier(dossier)
    assert (found.status, found.forwarded_to, found.rule_set_id) == ("forwarded", "province", "R3")
    assert (found.officer, found.report_no) == ("can-bo-xa", "15/BC")


@pytest.mark.parametrize(
    ("received_on", "rule_set_id"),
    [
        (date(2023, 2, 23), ""),
        (date(2023, 2, 24), "R1"),
        (date(2025, 7, 5), "R1"),
        (date(2025, 7, 6), "R2"),
        (date(2026, 5, 21), "R2"),
        (date(2026, 5, 22), "R3"),
    ],
)
def test_a_first_version_dossier_gets_the_rule_set_of_its_receipt_date(
    app: RegistrationApp, actor: CommandContext, received_on: date, rule_set_id: str
) -> None:
    dossier = v1_dossier(app, actor, received_on)
    assert app.get_dossier(dossier).rule_set_id == rule_set_id


def test_replay_does_not_change_when_the_rule_data_does(
    app: RegistrationApp, actor: CommandContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The upcaster reads the stored event alone: with rule data in which R3 starts a year
    later, a first-version dossier received on 01/06/2026 still replays under R3."""
    later = date(2027, 5, 22)
    shifted = [
        rs.model_copy(update={"effective_from": later}) if rs.id == "R3" else rs
        for rs in all_rule_sets()
    ]
    monkeypatch.setattr(selection, "all_rule_sets", lambda: shifted)
    try:
        now_says = selection.select_rule_set(date(2026, 6, 1)).rule_set.id
    except RulesError:
        now_says = ""
    assert now_says != "R3"  # the rule data did change
    dossier = v1_dossier(app, actor, date(2026, 6, 1))
    assert app.get_dossier(dossier).rule_set_id == "R3"
