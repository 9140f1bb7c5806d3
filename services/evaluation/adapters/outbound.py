"""The one place where evaluation's domain events become published contract events.

Member score sheets are never mapped: only the adopted result leaves the service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from contracts import evaluation as c
from contracts import topics
from runtime.commands import envelope_fields
from services.evaluation.domain.calendar import add_months
from services.evaluation.domain.model import Evaluation

CERTIFICATE_MONTHS = 36


def translate(event: Any) -> Sequence[tuple[str, BaseModel]]:
    if not isinstance(event, Evaluation.Scored | Evaluation.Recognised | Evaluation.Forwarded):
        return ()
    ref = event.ref
    common = {
        **envelope_fields(event),
        "rule_set_id": ref["rule_set_id"] or None,
        "dossier_id": UUID(ref["dossier_id"]),
        "product_id": UUID(ref["product_id"]),
    }
    if isinstance(event, Evaluation.Scored):
        scored = c.Scored(
            **common,
            product_set=ref["product_set"],
            score=event.score,
            star_band=event.band,
            outcome=event.outcome,
            explanation=event.explanation,
        )
        return ((topics.EVALUATION_EVENTS, scored),)
    if isinstance(event, Evaluation.Recognised):
        decided: date = event.decided_on
        recognized = c.Recognized(
            **common,
            star=event.star,
            decision_no=event.decision_no,
            decided_on=decided,
            authority=event.authority,
            valid_from=decided,
            valid_to=add_months(decided, CERTIFICATE_MONTHS),
        )
        return ((topics.EVALUATION_EVENTS, recognized),)
    forwarded = c.ForwardedToProvince(
        **common,
        product_name=ref["product_name"],
        product_set=ref["product_set"],
        score=event.score,
        from_level=ref["level"],
        to_level=event.to_level,
        forwarded_on=event.forwarded_on,
    )
    return ((topics.EVALUATION_EVENTS, forwarded), (topics.PROVINCE_FORWARDED, forwarded))
