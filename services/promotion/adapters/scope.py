"""Whose record each promotion call touches (`runtime.identity.scope`): a producer's
channels, value chains and support lie in the producer's units; a product's displays and
fair results in the product's; a showroom in its own (those a new one names). Plans,
fairs, campaigns and trainings are recorded for the caller's own unit (from the verified
token): the policy alone decides. A query by unit (`jurisdiction`, the caller's own when
empty) reaches that unit only when the caller's does (`unit_record`). Promotion does not
know a producer's sign-in, so `own` reaches nothing here yet."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any
from uuid import UUID

from runtime.identity.scope import UNSCOPED, Locate, Record, own_unit, unit_record
from runtime.jurisdiction import UnitPath
from services.promotion.application import PromotionApp
from services.promotion.domain.products import Producer, PromotedProduct
from services.promotion.domain.venues import Showroom

Placed = Producer | PromotedProduct | Showroom


def record_of(found: Placed | None) -> Record | None:
    if found is None:
        return None
    return Record(UnitPath(found.commune_code, found.province_code, found.district_code))


def by_producer(servicer: Any, request: Any) -> Record | None:
    app: PromotionApp = servicer.app
    return record_of(app.get_as(Producer.id_for(UUID(request.producer_id)), Producer))


def by_product(servicer: Any, request: Any) -> Record | None:
    app: PromotionApp = servicer.app
    return record_of(app.get_as(PromotedProduct.id_for(UUID(request.product_id)), PromotedProduct))


def by_showroom(servicer: Any, request: Any) -> Record | None:
    app: PromotionApp = servicer.app
    return record_of(app.get_as(UUID(request.showroom_id), Showroom))


def by_showroom_and_product(servicer: Any, request: Any) -> list[Record]:
    found = (by_showroom(servicer, request), by_product(servicer, request))
    return [record for record in found if record is not None]


def new_showroom(servicer: Any, request: Any) -> Record:
    return Record(UnitPath(request.commune_code, request.province_code, request.district_code))


def _paths(app: PromotionApp) -> Iterator[UnitPath]:
    placed: Iterator[Placed] = chain(
        app.every(Producer), app.every(PromotedProduct), app.every(Showroom)
    )
    for found in placed:
        yield UnitPath(found.commune_code, found.province_code, found.district_code)


def by_unit(servicer: Any, request: Any) -> Record:
    """The unit a query names (the caller's own when it names none)."""
    return unit_record(own_unit(request.jurisdiction), _paths(servicer.app))


TABLE: dict[str, Locate | str] = {
    "AdoptPlan": UNSCOPED,
    "AddActivity": UNSCOPED,
    "CompleteActivity": UNSCOPED,
    "OpenShowroom": new_showroom,
    "CloseShowroom": by_showroom,
    "DisplayProduct": by_showroom_and_product,
    "TakeDownProduct": by_showroom_and_product,
    "RecordFair": UNSCOPED,
    "RecordParticipation": by_product,
    "RecordFairResult": by_product,
    "JoinChannel": by_producer,
    "LeaveChannel": by_producer,
    "LinkValueChain": by_producer,
    "EndValueChain": by_producer,
    "RecordCampaign": UNSCOPED,
    "RecordTraining": UNSCOPED,
    "GrantSupport": by_producer,
    "GetPlan": by_unit,
    "GetShares": by_unit,
    "ListShowrooms": by_unit,
    "GetProducerHistory": by_producer,
}
