"""Steps over a product's certificate for the evaluation tests: recognised by the
province, the clock moved, a re-evaluation filed, a failed inspection received."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from contracts.envelope import Actor
from contracts.inspection import InspectionFailed
from runtime.clock import FixedClock
from runtime.commands import CommandContext
from services.evaluation.application import EvaluationApp
from tests.unit.evaluation.helpers import MEMBERS, adopt, arrive, decide, envelope

COMMUNE = CommandContext(actor=Actor(id="xa", role="commune_officer", jurisdiction="23500"))


def recognised(
    app: EvaluationApp,
    *,
    kind: str = "first",
    product: UUID | None = None,
    received: date = date(2026, 6, 1),
    assessed_on: date = date(2026, 6, 12),
    decided_on: date = date(2026, 6, 28),
    total: int = 65,
    number: str = "12/QĐ-UBND",
) -> UUID:
    """A dossier of ``kind`` scored ``total`` by the whole council and recognised by the
    province's decision ``number`` on ``decided_on``: its product's id."""
    event = arrive(app, kind=kind, product_id=product, received=received, assessed_on=assessed_on)
    adopt(app, event.aggregate_id, assessed_on + timedelta(days=5), dict.fromkeys(MEMBERS, total))
    decide(app, event.aggregate_id, number, decided_on)
    return event.product_id


def move(clock: FixedClock, day: date) -> None:
    """The clock moved to 08:00 UTC on ``day``."""
    clock.advance(datetime(day.year, day.month, day.day, 8, tzinfo=UTC) - clock.now())


def refiled(app: EvaluationApp, product: UUID, received: date, assessed_on: date) -> Any:
    """The product's re-evaluation dossier, received and assessed by the commune on those
    days, arrives: the arrival event."""
    return arrive(
        app, kind="re_evaluation", product_id=product, received=received, assessed_on=assessed_on
    )


def inspection_failed(product: UUID) -> InspectionFailed:
    """The province's periodic inspection of 01/03/2027 found the product failing
    (conclusion KL-07/2027): a ground (b) for revocation."""
    return InspectionFailed(
        **envelope(
            Actor(id="doan-kiem-tra", role="province_officer", jurisdiction="51"),
            datetime(2027, 3, 2, tzinfo=UTC),
            version=2,
        ),
        rule_set_id="R3",
        product_id=product,
        inspection_kind="periodic",
        concluded_on=date(2027, 3, 1),
        conclusion_no="KL-07/2027",
        findings="Không duy trì công bố chất lượng",
    )
