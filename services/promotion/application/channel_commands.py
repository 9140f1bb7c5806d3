"""Commands on a producer's sales channels and value-chain links (seed plan II.1-II.2).

A channel has a type from `CHANNEL_TYPES` (modern or traditional, as data), a partner
(the supermarket chain, platform or buyer), since/until dates and the certified products
it lists under the OCOP name. A value-chain link ties the producer to a raw-material area
(its size and unit) and a partner by contract, with dates. Refused: a type not on the
list (channel_type); a producer of another unit (actor.jurisdiction); the same channel
or link already open for overlapping dates (since); an uncertified product (product_ids);
an end before the start (until)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID, uuid4

from runtime.clock import check_not_before, check_not_before_any
from runtime.commands import CommandContext
from runtime.errors import invalid, not_found, precondition, require_choice
from runtime.text import fold
from services.promotion.application.core import PromotionStore, one_of, text
from services.promotion.domain.products import Producer
from services.promotion.domain.values import CHANNEL_TYPES, Span

JOINED = ("ngày tham gia kênh", "the joining of the channel")
LISTING_WITHDRAWN = ("ngày rút sản phẩm khỏi kênh", "a product's withdrawal from the channel")
LINKED = ("ngày bắt đầu liên kết", "the start of the link")
AREA_UNITS = {"ha": ("héc-ta", "hectares"), "m2": ("mét vuông", "square metres")}
PARTNER_KINDS = {
    "cooperative_members": ("Thành viên hợp tác xã", "Cooperative members"),
    "households": ("Hộ dân", "Households"),
    "company": ("Doanh nghiệp", "Company"),
    "cooperative": ("Hợp tác xã", "Cooperative"),
}


def area_of(value: str) -> str:
    """A positive decimal area as text (exact, no float)."""
    try:
        area = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        area = Decimal(-1)
    if not area.is_finite() or area <= 0 or area > 10_000_000:
        raise invalid("area", "Diện tích phải là số dương.", "The area must be a positive number.")
    return str(area.normalize()) if area == area.to_integral() else str(area)


class ChannelCommands:
    """Sales channels (kênh phân phối) and value chains (chuỗi giá trị) per producer."""

    def __init__(self, store: PromotionStore) -> None:
        self.store = store

    def _producer(self, ctx: CommandContext, producer_id: UUID) -> Producer:
        producer = self.store.producer(producer_id)
        self.store.within(ctx.actor, producer)
        return producer

    def join(
        self,
        ctx: CommandContext,
        *,
        producer_id: UUID,
        channel_type: str,
        partner: str,
        since: date,
        until: date | None = None,
        product_ids: Sequence[UUID] = (),
    ) -> Producer:
        producer = self._producer(ctx, producer_id)
        kind = one_of("channel_type", channel_type, CHANNEL_TYPES)
        partner = text("partner", partner)
        self.store.past("since", since)
        self.store.span("since", since, "until", until)
        mine = Span(since, until)
        for other in producer.channels.values():
            if (
                other["channel_type"] == kind
                and fold(other["partner"]) == fold(partner)
                and Span(other["since"], other["until"]).overlaps(mine)
            ):
                raise precondition(
                    "since",
                    f"Chủ thể đã tham gia kênh này với {other['partner']} từ "
                    f"{other['since']:%d/%m/%Y}; thời gian trùng nhau.",
                    f"The producer is already in this channel with {other['partner']} "
                    f"from {other['since']:%d/%m/%Y}; the dates overlap.",
                )
        listed: list[str] = []
        for product_id in dict.fromkeys(product_ids):
            product = self.store.product(product_id)
            if product.producer_id != str(producer_id):
                raise precondition(
                    "product_ids",
                    f"Sản phẩm {product_id} không phải của chủ thể này.",
                    f"Product {product_id} is not this producer's.",
                )
            self.store.certified_on(product, since)
            listed.append(str(product_id))
        producer.join_channel(
            {
                "channel_id": str(uuid4()),
                "channel_type": kind,
                "modern": CHANNEL_TYPES[kind].modern,
                "partner": partner,
                "since": since,
                "until": until,
                "products": listed,
            },
            ctx.meta(),
        )
        self.store.save(producer)
        return producer

    def leave(
        self, ctx: CommandContext, *, producer_id: UUID, channel_id: str, on: date
    ) -> Producer:
        producer = self._producer(ctx, producer_id)
        channel = _running(producer.channels, "channel_id", channel_id, on, ("kênh", "channel"))
        self.store.past("on", on)
        check_not_before_any(
            "on",
            on,
            [
                (channel["since"], JOINED),
                *((w["on"], LISTING_WITHDRAWN) for w in channel["withdrawn"].values()),
            ],
        )
        producer.leave_channel(channel_id.strip(), on, ctx.meta())
        self.store.save(producer)
        return producer

    def link(
        self,
        ctx: CommandContext,
        *,
        producer_id: UUID,
        raw_material_area: str,
        area: str,
        area_unit: str,
        partner_kind: str,
        partner: str,
        contract_no: str,
        since: date,
        until: date | None = None,
    ) -> Producer:
        producer = self._producer(ctx, producer_id)
        where = text("raw_material_area", raw_material_area)
        size = area_of(area)
        require_choice("area_unit", area_unit, AREA_UNITS, "Đơn vị diện tích", "The area unit")
        require_choice(
            "partner_kind", partner_kind, PARTNER_KINDS, "Loại đối tác", "The partner kind"
        )
        partner = text("partner", partner)
        self.store.past("since", since)
        self.store.span("since", since, "until", until)
        mine = Span(since, until)
        for other in producer.chains.values():
            if (
                fold(other["raw_material_area"]) == fold(where)
                and fold(other["partner"]) == fold(partner)
                and Span(other["since"], other["until"]).overlaps(mine)
            ):
                raise precondition(
                    "since",
                    f"Liên kết với {other['partner']} tại vùng nguyên liệu này đã có từ "
                    f"{other['since']:%d/%m/%Y}; thời gian trùng nhau.",
                    f"A link with {other['partner']} on this raw-material area exists from "
                    f"{other['since']:%d/%m/%Y}; the dates overlap.",
                )
        producer.link_chain(
            {
                "link_id": str(uuid4()),
                "raw_material_area": where,
                "area": size,
                "area_unit": area_unit,
                "partner_kind": partner_kind,
                "partner": partner,
                "contract_no": text("contract_no", contract_no),
                "since": since,
                "until": until,
            },
            ctx.meta(),
        )
        self.store.save(producer)
        return producer

    def end_link(
        self, ctx: CommandContext, *, producer_id: UUID, link_id: str, on: date
    ) -> Producer:
        producer = self._producer(ctx, producer_id)
        link = _running(producer.chains, "link_id", link_id, on, ("liên kết", "link"))
        self.store.past("on", on)
        check_not_before("on", on, link["since"], LINKED)
        producer.end_chain(link_id.strip(), on, ctx.meta())
        self.store.save(producer)
        return producer


def _running(
    records: dict[str, dict[str, Any]], field: str, record_id: str, on: date, what: tuple[str, str]
) -> dict[str, Any]:
    """The channel or link `record_id` (spaces trimmed) of `records`, still running on `on`;
    refused as not found, or as ended (its `until` on or before `on`), naming `field` and
    `what` (its name in Vietnamese and English)."""
    vi, en = what
    found = records.get(record_id.strip())
    if found is None:
        raise not_found(field, f"Không có {vi} này.", f"No such {en}.")
    if found["until"] is not None and found["until"] <= on:
        raise precondition(field, f"{vi.capitalize()} đã kết thúc.", f"The {en} has ended.")
    return found
