"""Shared steps for the promotion tests: producers and products registered and certified
elsewhere, delivered as the published events promotion consumes. Units are Kon Tum's
(province 62, the former Đăk Hà district 614, commune 23455)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.persistence import Tracking

from contracts.envelope import Actor, IntegrationEvent
from contracts.evaluation import CertificateExpired, Recognized, Revoked
from contracts.registration import ProducerRegistered, ProductRegistered
from runtime.commands import CommandContext
from services.promotion.application import PromotionApp
from tests.unit.published_events import envelope_on

PROVINCE = "62"
DISTRICT = "614"
COMMUNE = "23455"
OFFICE = CommandContext(actor=Actor(id="phong-kt-ht", role="economy_office", jurisdiction=DISTRICT))
PROVINCE_OFFICE = CommandContext(
    actor=Actor(id="so-nn", role="province_officer", jurisdiction=PROVINCE)
)
OTHER_DISTRICT = CommandContext(
    actor=Actor(id="phong-kt-khac", role="economy_office", jurisdiction="615")
)
PRODUCER_ACTOR = CommandContext(actor=Actor(id="htx", role="producer", jurisdiction=COMMUNE))
_positions = iter(range(1, 10**6))
AUTHORITY = Actor(id="ct-ubnd", role="authority", jurisdiction=PROVINCE)


def _envelope(aggregate_id: UUID, day: date, **extra: Any) -> dict[str, Any]:
    """An event the province's people's committee published on `day`."""
    return envelope_on(aggregate_id, day, AUTHORITY, **extra)


def deliver(app: PromotionApp, event: IntegrationEvent, source: str = "evaluation") -> None:
    app.process_event(event, Tracking(f"{source}@t#0", next(_positions)))


def producer(app: PromotionApp, name: str = "HTX Cà phê Đăk Hà", district: str = DISTRICT) -> UUID:
    producer_id = uuid4()
    deliver(
        app,
        ProducerRegistered(
            **_envelope(producer_id, date(2024, 1, 5)),
            name=name,
            kind="cooperative",
            commune_code=COMMUNE,
            province_code=PROVINCE,
            legacy_district_code=district,
        ),
        "registration",
    )
    return producer_id


def product(
    app: PromotionApp,
    producer_id: UUID,
    name: str = "Cà phê bột Đăk Hà",
    *,
    certified_on: date | None = date(2024, 6, 14),
    valid_to: date | None = None,
    district: str = DISTRICT,
) -> UUID:
    """A product of the producer, recognised on `certified_on` (None: never)."""
    product_id = uuid4()
    deliver(
        app,
        ProductRegistered(
            **_envelope(product_id, date(2024, 1, 6)),
            producer_id=producer_id,
            name=name,
            product_set=1,
            commune_code=COMMUNE,
            province_code=PROVINCE,
            legacy_district_code=district,
        ),
        "registration",
    )
    if certified_on is not None:
        deliver(
            app,
            Recognized(
                **_envelope(uuid4(), certified_on, rule_set_id="R1"),
                dossier_id=uuid4(),
                product_id=product_id,
                star=4,
                decision_no="1102/QĐ-UBND",
                decided_on=certified_on,
                authority="UBND tỉnh Kon Tum",
                valid_from=certified_on,
                valid_to=valid_to or date(certified_on.year + 3, certified_on.month, 13),
                certificate_no=f"GCN-{product_id.hex[:6]}",
            ),
        )
    return product_id


def cert_no(product_id: UUID) -> str:
    return f"GCN-{product_id.hex[:6]}"


def revoke(app: PromotionApp, product_id: UUID, on: date) -> None:
    deliver(
        app,
        Revoked(
            **_envelope(uuid4(), on, rule_set_id="R1"),
            dossier_id=uuid4(),
            product_id=product_id,
            certificate_no=cert_no(product_id),
            decision_no="99/QĐ-UBND",
            decided_on=on,
            authority="UBND tỉnh Kon Tum",
            ground="b",
        ),
    )


def expire(app: PromotionApp, product_id: UUID, on: date) -> None:
    deliver(
        app,
        CertificateExpired(
            **_envelope(uuid4(), on, rule_set_id="R1"),
            dossier_id=uuid4(),
            product_id=product_id,
            certificate_no=cert_no(product_id),
            star=4,
            valid_to=on,
            expired_on=on,
        ),
    )


def showroom(app: PromotionApp, opened_on: date = date(2025, 3, 1)) -> UUID:
    room = app.venues.open_showroom(
        OFFICE,
        name="Điểm giới thiệu và bán sản phẩm OCOP huyện Đăk Hà",
        address="Đường Hùng Vương, thị trấn Đăk Hà",
        commune_code=COMMUNE,
        province_code=PROVINCE,
        district_code=DISTRICT,
        operator="HTX Dịch vụ Nông nghiệp Đăk Hà",
        opened_on=opened_on,
    )
    return room.id


def join(
    app: PromotionApp,
    ctx: CommandContext,
    who: UUID,
    channel_type: str,
    partner: str,
    since: date,
    **more: Any,
) -> Any:
    """`ctx` records that producer `who` sells through a channel from `since`."""
    return app.channels.join(
        ctx, producer_id=who, channel_type=channel_type, partner=partner, since=since, **more
    )


def budget_line(
    code: str, label: str, amount_vnd: int, funding_source: str = "district_budget"
) -> dict[str, Any]:
    """One line of a year's promotion budget, as `plans.adopt` takes it."""
    return {
        "code": code,
        "label": label,
        "amount_vnd": amount_vnd,
        "funding_source": funding_source,
    }
