"""Shared steps for the promotion tests: producers and products registered and certified
elsewhere, delivered as the published events promotion consumes. Units are Kon Tum's
(province 62, the former Đăk Hà district 614, commune 23455)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.persistence import Tracking

from contracts.envelope import Actor, IntegrationEvent
from contracts.evaluation import CertificateExpired, Revoked
from runtime.commands import CommandContext
from services.promotion.application import PromotionApp
from tests.unit.published_events import certificate, cooperative_in, envelope_on, registered_in

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


def units(district: str) -> dict[str, str]:
    """Kon Tum's commune 23455 in `district` (before 2025)."""
    return {"commune_code": COMMUNE, "province_code": PROVINCE, "legacy_district_code": district}


def deliver(app: PromotionApp, event: IntegrationEvent, source: str = "evaluation") -> None:
    app.process_event(event, Tracking(f"{source}@t#0", next(_positions)))


def producer(app: PromotionApp, name: str = "HTX Cà phê Đăk Hà", district: str = DISTRICT) -> UUID:
    producer_id = uuid4()
    registered = cooperative_in(producer_id, name, date(2024, 1, 5), AUTHORITY, **units(district))
    deliver(app, registered, "registration")
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
    on = date(2024, 1, 6)
    registered = registered_in(product_id, producer_id, name, on, AUTHORITY, **units(district))
    deliver(app, registered, "registration")
    if certified_on is not None:
        recognised = certificate(
            product_id,
            certified_on,
            AUTHORITY,
            star=4,
            decision_no="1102/QĐ-UBND",
            authority="UBND tỉnh Kon Tum",
            valid_to=valid_to or date(certified_on.year + 3, certified_on.month, 13),
            rule_set_id="R1",
        )
        deliver(app, recognised)
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
