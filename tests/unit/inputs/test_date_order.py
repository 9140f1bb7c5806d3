"""Dates in an impossible order (issue 10 kind 2), at one place each:

- dates a command carries together: the edge's rules as data (`runtime.input_rules.
  DATE_ORDER`), generated here over every request type of every service;
- a date relative to a stored fact: the aggregate or its command, through the one value
  object `runtime.clock.check_not_before` (the refusal names the field);
- "today" in the deployment's time zone where it matters (23:30Z is already tomorrow in
  Vietnam)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor

from contracts.rpc import promotion_pb2
from runtime.clock import FixedClock
from runtime.errors import CommandRejected
from runtime.input_guard import canonicalise
from runtime.input_rules import DATE_ORDER
from runtime.settings import Settings
from services.evaluation.bootstrap import build as build_evaluation
from services.promotion.bootstrap import build as build_promotion
from tests.hostile.generator import MODULES
from tests.unit.evaluation import helpers as ev
from tests.unit.evaluation.certification import recognised
from tests.unit.inputs.servers import Running, running
from tests.unit.promotion import helpers as pro


def messages() -> Iterator[Descriptor]:
    for modules in MODULES.values():
        for module in modules:
            yield from module.DESCRIPTOR.message_types_by_name.values()


def pairs_of(descriptor: Descriptor) -> list[tuple[str, str]]:
    names = descriptor.fields_by_name
    return [(a, b) for a, b, _ in DATE_ORDER if a in names and b in names]


ORDERED = [(d, pair) for d in messages() for pair in pairs_of(d)]


def test_the_rules_cover_every_command_with_dates_that_go_together() -> None:
    covered = {d.name for d, _ in ORDERED}
    assert {
        "RecordFairRequest",
        "RecordTrainingRequest",
        "JoinChannelRequest",
        "LinkValueChainRequest",
        "RecordVisitRequest",
    } <= covered


@pytest.mark.parametrize(
    ("descriptor", "pair"), ORDERED, ids=[f"{d.name}.{b}" for d, (_, b) in ORDERED]
)
def test_a_later_date_before_the_earlier_is_refused_naming_it(
    descriptor: Descriptor, pair: tuple[str, str]
) -> None:
    earlier, later = pair
    cls = message_factory.GetMessageClass(descriptor)
    canonicalise(cls(**{earlier: "2025-07-14", later: "2025-07-14"}))  # the same day is fine
    with pytest.raises(CommandRejected) as refused:
        canonicalise(cls(**{earlier: "2025-07-14", later: "2025-07-13"}))
    assert (refused.value.kind, refused.value.field) == ("invalid_argument", later)
    assert "14/07/2025" in refused.value.vi and "13/07/2025" in refused.value.en


def test_a_malformed_date_is_left_to_the_servicer_that_names_its_format() -> None:
    request = promotion_pb2.RecordFairRequest(starts_on="2025-07-14", ends_on="14/07/2025")
    canonicalise(request)


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(Path(tmp_path_factory.mktemp("order"))) as up:
        yield up


def test_a_fair_ending_before_it_starts_is_refused_over_grpc(edge: Running) -> None:
    request = promotion_pb2.RecordFairRequest(
        name="Hội chợ", place="inside", location="Kon Tum", organiser="Sở Công Thương"
    )
    request.starts_on, request.ends_on = "2025-07-14", "2025-07-10"
    with pytest.raises(grpc.RpcError) as refused:
        edge.stubs["promotion"].RecordFair(request)
    error: Any = refused.value
    trailers = dict(error.trailing_metadata() or ())
    assert (error.code(), trailers.get("ocop-field")) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "ends_on",
    )


def _at(day: date, hour: int = 8, minute: int = 0) -> FixedClock:
    return FixedClock(datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC))


def refusal(call: Any, **kwargs: Any) -> CommandRejected:
    with pytest.raises(CommandRejected) as refused:
        call(**kwargs)
    return refused.value


def test_an_advisory_record_is_not_before_the_dossier_arrived(tmp_path: Path) -> None:
    clock = _at(date(2026, 7, 1))
    app = build_evaluation(Settings(store="memory", data_dir=tmp_path), clock=clock).app
    dossier = ev.arrive(app).aggregate_id
    ev.council(app, dossier)
    error = refusal(
        app.councils.record_advisory,
        ctx=ev.secretary(),
        dossier_id=dossier,
        kind="field_survey",
        on=date(2026, 5, 1),
        summary="Khảo sát",
    )
    assert (error.kind, error.field) == ("invalid_argument", "on")
    # "today" is Vietnam's: at 23:30Z on 27/06 a record dated 28/06 is not in the future
    clock._at = datetime(2026, 6, 27, 23, 30, tzinfo=UTC)
    app.councils.record_advisory(
        ev.secretary(), dossier_id=dossier, kind="field_survey", on=date(2026, 6, 28), summary="x"
    )
    clock._at = datetime(2026, 6, 28, 0, 30, tzinfo=UTC)
    error = refusal(
        app.councils.record_advisory,
        ctx=ev.secretary(),
        dossier_id=dossier,
        kind="field_survey",
        on=date(2026, 6, 29),
        summary="x",
    )
    assert error.field == "on"
    app.close()


def test_a_result_is_not_approved_before_the_council_adopted_it(tmp_path: Path) -> None:
    app = build_evaluation(
        Settings(store="memory", data_dir=tmp_path), clock=_at(date(2026, 7, 1))
    ).app
    event = ev.arrive(app)
    ev.council(app, event.aggregate_id)
    ev.score_all(app, event.aggregate_id, dict.fromkeys(("chu-tich", "tv1", "tv2"), 93), 5)
    app.councils.adopt_result(
        ev.secretary(), dossier_id=event.aggregate_id, adopted_on=date(2026, 6, 25)
    )
    error = refusal(
        app.forwarding.approve_and_forward,
        ctx=ev.AUTHORITY,
        dossier_id=event.aggregate_id,
        on=date(2026, 6, 24),
    )
    assert (error.kind, error.field) == ("invalid_argument", "on")
    assert "25/06/2026" in error.vi
    app.forwarding.approve_and_forward(
        ev.AUTHORITY, dossier_id=event.aggregate_id, on=date(2026, 6, 25)
    )
    app.close()


def test_a_revocation_case_is_not_concluded_before_the_certificate_was_issued(
    tmp_path: Path,
) -> None:
    clock = _at(date(2026, 7, 1))
    app = build_evaluation(Settings(store="memory", data_dir=tmp_path), clock=clock).app
    product = recognised(app, decided_on=date(2026, 6, 28))
    error = refusal(
        app.certificates.open_revocation,
        ctx=ev.OFFICER,
        product_id=product,
        ground="d",
        reference="BB-1/2026",
        concluded_on=date(2026, 6, 27),
    )
    assert (error.kind, error.field) == ("invalid_argument", "concluded_on")
    app.certificates.open_revocation(
        ev.OFFICER,
        product_id=product,
        ground="d",
        reference="BB-1/2026",
        concluded_on=date(2026, 6, 30),
    )
    app.close()


def test_a_product_is_not_taken_down_before_it_was_displayed(tmp_path: Path) -> None:
    app = build_promotion(
        Settings(store="memory", data_dir=tmp_path), clock=_at(date(2025, 11, 20))
    ).app
    coffee = pro.product(app, pro.producer(app))
    room = pro.showroom(app)
    app.venues.display(pro.OFFICE, showroom_id=room, product_id=coffee, since=date(2025, 3, 2))
    error = refusal(
        app.venues.take_down,
        ctx=pro.OFFICE,
        showroom_id=room,
        product_id=coffee,
        on=date(2025, 3, 1),
    )
    assert (error.kind, error.field) == ("invalid_argument", "on")
    app.venues.take_down(pro.OFFICE, showroom_id=room, product_id=coffee, on=date(2025, 3, 2))
    app.close()
