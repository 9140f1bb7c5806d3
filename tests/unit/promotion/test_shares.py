"""Producers in modern channels and value chains as counts and shares of the unit's OCOP
producers on a date (seed plan II.1-II.2; targets from the local policy)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.promotion.application import PromotionApp
from tests.unit.promotion.helpers import OFFICE, join, producer, product, revoke


def test_shares_on_a_date(app: PromotionApp) -> None:
    a, b, c, d = (producer(app, f"Chủ thể {n}") for n in "ABCD")
    for who in (a, b, c):
        product(app, who, certified_on=date(2024, 6, 14))
    product(app, d, certified_on=None)  # not an OCOP producer: never certified
    other = producer(app, "Chủ thể huyện khác", district="615")
    product(app, other, district="615")
    join(app, OFFICE, a, "ecommerce", "Shopee", date(2025, 1, 10))
    # joined after the date asked about: does not count on 30/06/2025
    join(app, OFFICE, b, "supermarket", "Co.opmart", date(2025, 7, 1))
    # a traditional channel never counts as modern
    join(app, OFFICE, c, "own_shop", "Cửa hàng tại xã", date(2025, 1, 1))
    app.channels.link(
        OFFICE,
        producer_id=c,
        raw_material_area="Vùng cà phê Hà Mòn",
        area="50",
        area_unit="ha",
        partner_kind="households",
        partner="30 hộ",
        contract_no="HĐ-7",
        since=date(2025, 2, 1),
        until=date(2025, 12, 31),
    )

    mid = app.queries.shares("614", date(2025, 6, 30))
    assert (mid.ocop_producers, mid.in_modern_channels, mid.in_value_chains) == (3, 1, 1)
    assert mid.modern_channel_share == Decimal("0.3333")
    targets = {t["code"]: t for t in mid.targets}
    assert targets["modern_channel_share"]["status"] == "met"
    assert targets["value_chain_share"]["status"] == "met"

    later = app.queries.shares("614", date(2025, 7, 1))
    assert later.in_modern_channels == 2
    assert later.modern_channel_share == Decimal("0.6667")
    assert {t["code"]: t["status"] for t in later.targets}["modern_channel_share"] == "stretch_met"

    early = app.queries.shares("614", date(2025, 1, 5))
    assert (early.in_modern_channels, early.in_value_chains) == (0, 0)
    assert {t["code"]: t["status"] for t in early.targets}["value_chain_share"] == "below"

    assert app.queries.shares("62", date(2025, 6, 30)).ocop_producers == 4

    # a producer whose only certificate is revoked is no longer an OCOP producer
    revoked_one = producer(app, "Chủ thể E")
    pe = product(app, revoked_one)
    revoke(app, pe, date(2025, 3, 1))
    assert app.queries.shares("614", date(2025, 2, 28)).ocop_producers == 4
    assert app.queries.shares("614", date(2025, 3, 1)).ocop_producers == 3


def test_no_ocop_producer_gives_zero_not_an_error(app: PromotionApp) -> None:
    shares = app.queries.shares("614", date(2025, 6, 30))
    assert shares.ocop_producers == 0 and shares.modern_channel_share == Decimal("0")
