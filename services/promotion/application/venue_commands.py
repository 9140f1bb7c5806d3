"""Commands on showrooms and fairs: open and close a showroom, display a product or take
it down; record a fair, a product taking part and its results.

Only a product whose OCOP certificate is in force (on the display's first day, on the
fair's first day) and still held may be displayed or entered (refused:
failed_precondition, field product_id); a product, producer or showroom outside the
actor's unit is refused (permission_denied, field actor.jurisdiction)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from runtime.clock import check_not_before
from runtime.commands import CommandContext
from runtime.errors import invalid, precondition
from runtime.text import fold
from services.promotion.application.core import PromotionStore, one_of, text
from services.promotion.domain.values import PLACES, Span
from services.promotion.domain.venues import DISPLAY, Fair, Showroom


class VenueCommands:
    """Showrooms and sales points; fairs and exhibitions."""

    def __init__(self, store: PromotionStore) -> None:
        self.store = store

    # -- showrooms -------------------------------------------------------------------------

    def open_showroom(
        self,
        ctx: CommandContext,
        *,
        name: str,
        address: str,
        commune_code: str,
        province_code: str,
        operator: str,
        opened_on: date,
        district_code: str = "",
        activity_code: str = "",
    ) -> Showroom:
        """Refused: the unit outside the actor's (actor.jurisdiction); an open showroom of
        the same name in the commune (name); a future or impossible date (opened_on)."""
        unit = self.store.office(ctx.actor)
        name = text("name", name)
        commune_code = text("commune_code", commune_code)
        province_code = text("province_code", province_code)
        self.store.past("opened_on", opened_on)
        for other in self.store.every(Showroom):
            if (
                other.is_open
                and other.commune_code == commune_code
                and fold(other.name) == fold(name)
            ):
                raise precondition(
                    "name",
                    f"Xã {commune_code} đã có điểm bán '{other.name}' đang mở cửa.",
                    f"Commune {commune_code} already has an open showroom '{other.name}'.",
                )
        plan = self.store.activity_plan(unit, opened_on, activity_code)
        showroom = Showroom(
            name=name,
            address=text("address", address, required=False),
            commune_code=commune_code,
            province_code=province_code,
            district_code=district_code.strip(),
            operator=text("operator", operator),
            opened_on=opened_on,
            activity_code=activity_code,
            meta=ctx.meta(),
        )
        self.store.within(ctx.actor, showroom)
        return self.store.save_activity(showroom, plan, "showroom", ctx.meta, activity_code)

    def close_showroom(
        self, ctx: CommandContext, *, showroom_id: UUID, closed_on: date
    ) -> Showroom:
        showroom = self.store.showroom(showroom_id)
        self.store.within(ctx.actor, showroom)
        self.store.past("closed_on", closed_on)
        meta = ctx.meta()
        down = showroom.close(closed_on, meta)
        changed: list[Aggregate] = [showroom]
        for product_id in down:
            product = self.store.product(UUID(product_id))
            product.taken_down(str(showroom.id), meta)
            changed.append(product)
        self.store.save(*changed)
        return showroom

    def display(
        self, ctx: CommandContext, *, showroom_id: UUID, product_id: UUID, since: date
    ) -> Showroom:
        """Put a certified product on display from `since`."""
        showroom = self.store.showroom(showroom_id)
        self.store.within(ctx.actor, showroom)
        product = self.store.product(product_id)
        self.store.past("since", since)
        cert = self.store.certified_on(product, since)
        meta = ctx.meta()
        showroom.display(
            {
                "product_id": str(product_id),
                "product_name": product.name,
                "producer_id": product.producer_id,
                "certificate_no": cert["number"],
                "star": cert["star"],
                "since": since,
            },
            meta,
        )
        product.displayed(str(showroom.id), meta)
        self.store.save(showroom, product)
        return showroom

    def take_down(
        self, ctx: CommandContext, *, showroom_id: UUID, product_id: UUID, on: date
    ) -> Showroom:
        showroom = self.store.showroom(showroom_id)
        self.store.within(ctx.actor, showroom)
        self.store.past("on", on)
        shown = showroom.displayed.get(str(product_id))
        if shown is not None:
            check_not_before("on", on, shown["since"], DISPLAY)
        meta = ctx.meta()
        if not showroom.withdraw(str(product_id), "by_operator", on, "", meta):
            raise precondition(
                "product_id",
                "Sản phẩm không được trưng bày tại điểm này.",
                "The product is not on display here.",
            )
        product = self.store.product(product_id)
        product.taken_down(str(showroom.id), meta)
        self.store.save(showroom, product)
        return showroom

    # -- fairs -----------------------------------------------------------------------------

    def record_fair(
        self,
        ctx: CommandContext,
        *,
        name: str,
        place: str,
        location: str,
        starts_on: date,
        ends_on: date,
        organiser: str,
        activity_code: str = "",
    ) -> Fair:
        """A fair or exhibition (held or coming). Refused: place not inside/outside
        (place); ends before it starts (ends_on); the same fair already recorded for
        overlapping dates (starts_on)."""
        unit = self.store.office(ctx.actor)
        name = text("name", name)
        place = one_of("place", place, PLACES)
        self.store.span("starts_on", starts_on, "ends_on", ends_on)
        mine = Span(starts_on, ends_on)
        for other in self.store.every(Fair):
            if (
                other.jurisdiction == unit
                and fold(other.name) == fold(name)
                and Span(other.starts_on, other.ends_on).overlaps(mine)
            ):
                raise precondition(
                    "starts_on",
                    f"Hội chợ '{other.name}' đã được ghi nhận từ {other.starts_on:%d/%m/%Y} "
                    f"đến {other.ends_on:%d/%m/%Y}.",
                    f"Fair '{other.name}' is already recorded from {other.starts_on:%d/%m/%Y} "
                    f"to {other.ends_on:%d/%m/%Y}.",
                )
        plan = self.store.activity_plan(unit, starts_on, activity_code)
        fair = Fair(
            name=name,
            place=place,
            location=text("location", location),
            starts_on=starts_on,
            ends_on=ends_on,
            organiser=text("organiser", organiser),
            jurisdiction=unit,
            activity_code=activity_code,
            meta=ctx.meta(),
        )
        return self.store.save_activity(fair, plan, "fair", ctx.meta, activity_code)

    def participate(self, ctx: CommandContext, *, fair_id: UUID, product_id: UUID) -> Fair:
        """A certified product of the actor's unit takes part in the fair."""
        fair = self.store.fair(fair_id)
        product = self.store.product(product_id)
        self.store.within(ctx.actor, product)
        cert = self.store.certified_on(product, fair.starts_on)
        meta = ctx.meta()
        fair.participate(
            {
                "product_id": str(product_id),
                "product_name": product.name,
                "producer_id": product.producer_id,
                "certificate_no": cert["number"],
                "star": cert["star"],
            },
            meta,
        )
        product.entered(str(fair.id), meta)
        self.store.save(fair, product)
        return fair

    def record_result(
        self,
        ctx: CommandContext,
        *,
        fair_id: UUID,
        product_id: UUID,
        contracts: int = 0,
        sales_vnd: int = 0,
        note: str = "",
    ) -> Fair:
        """Results a producer reports (optional): contracts signed, sales in VND."""
        fair = self.store.fair(fair_id)
        product = self.store.product(product_id)
        self.store.within(ctx.actor, product)
        if contracts < 0 or sales_vnd < 0:
            raise invalid("sales_vnd", "Số âm.", "A negative number.")
        if fair.starts_on > self.store.clock.today():
            raise precondition(
                "fair_id",
                "Hội chợ chưa diễn ra.",
                "The fair has not taken place yet.",
            )
        fair.record_result(
            str(product_id), contracts, sales_vnd, text("note", note, required=False), ctx.meta()
        )
        self.store.save(fair)
        return fair
