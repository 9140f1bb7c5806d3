"""The one place where evaluation's domain events become published contract events.

Member score sheets are never mapped: only the adopted result leaves the service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from contracts import evaluation as c
from contracts import topics
from contracts.envelope import IntegrationEvent
from runtime.commands import envelope_fields
from services.evaluation.domain.calendar import add_months

CERTIFICATE_MONTHS = 36


def _common(event: Any) -> dict[str, Any]:
    ref = event.ref
    return {
        **envelope_fields(event),
        "rule_set_id": ref["rule_set_id"] or None,
        "dossier_id": UUID(ref["dossier_id"]),
        "product_id": UUID(ref["product_id"]),
    }


def _scored(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    scored = c.Scored(
        **_common(event),
        product_set=event.ref["product_set"],
        score=event.score,
        star_band=event.band,
        outcome=event.outcome,
        explanation=event.explanation,
    )
    return ((topics.EVALUATION_EVENTS, scored),)


def _recognised(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    decided: date = event.decided_on
    recognized = c.Recognized(
        **_common(event),
        star=event.star,
        decision_no=event.decision_no,
        decided_on=decided,
        authority=event.authority,
        valid_from=decided,
        valid_to=add_months(decided, CERTIFICATE_MONTHS),
    )
    return ((topics.EVALUATION_EVENTS, recognized),)


def _forwarded(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    forwarded = c.ForwardedToProvince(
        **_common(event),
        product_name=event.ref["product_name"],
        product_set=event.ref["product_set"],
        score=event.score,
        from_level=event.ref["level"],
        to_level=event.to_level,
        forwarded_on=event.forwarded_on,
    )
    return ((topics.EVALUATION_EVENTS, forwarded), (topics.PROVINCE_FORWARDED, forwarded))


# Domain event class (qualified name) -> its public form(s). `Evaluation.Opened` and
# anything added later stay private until mapped here.
PUBLISHED: dict[str, Callable[[Any], Sequence[tuple[str, IntegrationEvent]]]] = {
    "Evaluation.Scored": _scored,
    "Evaluation.Recognised": _recognised,
    "Evaluation.Forwarded": _forwarded,
}


def translate(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    make = PUBLISHED.get(type(event).__qualname__)
    return make(event) if make else ()
