"""Issue 9 kind 4: fields that are codes of a closed list (a producer's kind, a dossier's
kind, a council's level, a fair's place, a campaign's channel, a plan's activity kinds,
units and funding sources, an inspection's lead agency and team roles) refuse anything off
their list over gRPC, naming the field (its path for nested ones) and the allowed values."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest

from contracts.promotion_codes import ACTIVITY_KINDS, FUNDING_SOURCES, OUTREACH_CHANNELS, UNITS
from contracts.rpc import common_pb2, evaluation_pb2, inspection_pb2, promotion_pb2
from contracts.rpc import registration_pb2 as reg
from runtime.errors import FIELD_METADATA, LANG_METADATA
from tests.hostile.test_hostile import seed
from tests.unit.inputs.servers import Running, running

COMMUNE = common_pb2.Actor(id="can-bo", role="commune_officer", jurisdiction="23500")
PROVINCE = common_pb2.Actor(id="so-nn", role="province_officer", jurisdiction="51")
OFFICE = common_pb2.Actor(id="phong-kt", role="economy_office", jurisdiction="614")
WRONG = "khong-co"


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Running, dict[str, str]]]:
    with running(Path(tmp_path_factory.mktemp("codes"))) as up:
        known = seed(up)
        yield up, {name: ids[0] for name, ids in known.ids.items()}


def _activity(**change: Any) -> promotion_pb2.AdoptPlanRequest:
    activity = {"code": "HC-1", "title": "Hội chợ", "kind": "fair", **change}
    return promotion_pb2.AdoptPlanRequest(
        actor=OFFICE, year=2025, title="Kế hoạch", activities=[promotion_pb2.Activity(**activity)]
    )


CASES: dict[str, tuple[str, str, Callable[[dict[str, str]], Any], tuple[str, ...]]] = {
    # name: (service, method, request from the seeded ids, allowed values shown (some))
    "producer kind": (
        "registration",
        "RegisterProducer",
        lambda ids: reg.RegisterProducerRequest(
            actor=COMMUNE, name="HTX", kind=WRONG, commune_code="23500", legal_representative="A"
        ),
        ("cooperative", "enterprise"),
    ),
    "dossier kind": (
        "registration",
        "SubmitDossier",
        lambda ids: reg.SubmitDossierRequest(
            actor=COMMUNE, product_id=ids["product_id"], kind=WRONG, received_on="2026-06-01"
        ),
        ("first", "upgrade", "re_evaluation"),
    ),
    "council level": (
        "evaluation",
        "OpenRound",
        lambda ids: evaluation_pb2.OpenRoundRequest(
            actor=PROVINCE, level=WRONG, jurisdiction="51", on="2026-06-01"
        ),
        ("province", "district"),
    ),
    "fair place": (
        "promotion",
        "RecordFair",
        lambda ids: promotion_pb2.RecordFairRequest(
            actor=OFFICE,
            name="Hội chợ",
            place=WRONG,
            location="Kon Tum",
            starts_on="2025-07-10",
            ends_on="2025-07-14",
            organiser="Sở Công Thương",
        ),
        ("inside", "outside"),
    ),
    "campaign channel": (
        "promotion",
        "RecordCampaign",
        lambda ids: promotion_pb2.RecordCampaignRequest(
            actor=OFFICE,
            title="Phóng sự",
            channel=WRONG,
            audience="Người dân",
            held_on="2025-05-02",
        ),
        tuple(OUTREACH_CHANNELS)[:2],
    ),
    "activity kind": (
        "promotion",
        "AdoptPlan",
        lambda ids: _activity(kind=WRONG),
        tuple(ACTIVITY_KINDS)[:2],
    ),
    "lead unit": (
        "promotion",
        "AdoptPlan",
        lambda ids: _activity(lead_unit=WRONG),
        tuple(UNITS)[:2],
    ),
    "funding source": (
        "promotion",
        "AdoptPlan",
        lambda ids: promotion_pb2.AdoptPlanRequest(
            actor=OFFICE,
            year=2025,
            title="Kế hoạch",
            budget_lines=[
                promotion_pb2.BudgetLine(
                    code="NTM-1", label="Hội chợ", amount_vnd=1_000_000, funding_source=WRONG
                )
            ],
        ),
        tuple(FUNDING_SOURCES)[:2],
    ),
    "lead agency": (
        "inspection",
        "GeneratePlan",
        lambda ids: inspection_pb2.GeneratePlanRequest(
            actor=PROVINCE, on="2025-10-01", lead_agency=WRONG
        ),
        ("agriculture", "health"),
    ),
    "team role": (
        "inspection",
        "GeneratePlan",
        lambda ids: inspection_pb2.GeneratePlanRequest(
            actor=PROVINCE,
            on="2025-10-01",
            team=[inspection_pb2.TeamMember(role=WRONG, name="Trần Thị Bình")],
        ),
        ("agriculture", "health"),
    ),
}


FIELDS = {
    "producer kind": "kind",
    "dossier kind": "kind",
    "council level": "level",
    "fair place": "place",
    "campaign channel": "channel",
    "activity kind": "activities.kind",
    "lead unit": "activities.lead_unit",
    "funding source": "budget_lines.funding_source",
    "lead agency": "lead_agency",
    "team role": "team",  # the list is named; the message names the role refused
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_code_off_its_list_is_refused_naming_the_field_and_the_list(
    edge: tuple[Running, dict[str, str]], case: str
) -> None:
    up, ids = edge
    service, method, build, allowed = CASES[case]
    with pytest.raises(grpc.RpcError) as refused:
        getattr(up.stubs[service], method)(build(ids), metadata=((LANG_METADATA, "en"),))
    error: Any = refused.value
    field = dict(error.trailing_metadata() or ()).get(FIELD_METADATA, "")
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error.details()
    assert field == FIELDS[case]
    assert all(value in error.details() for value in allowed), error.details()
