"""What every command group of promotion shares: the store (an eventsourcing
`EventSourcedProjection`), its clock, aggregate look-ups, and the one check of who may
act where (`office`, `within`).

Roles per gRPC method are the identity policy's (runtime/identity/policy.yaml); on top
of it the application refuses, in one place, an actor that is not a programme office
and a unit outside the actor's jurisdiction (a producer, product or showroom of another
commune, district or province), so commands called without the gRPC edge (embedded
tools, tests) are held to the same rule."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from contracts.envelope import Actor
from runtime.clock import Clock, check_date_range, check_not_before, check_past_date
from runtime.errors import forbidden, invalid, not_found, precondition
from runtime.projection import ServiceStore
from runtime.text import nfc
from services.promotion.domain.outreach import Campaign, SupportGrant, Training
from services.promotion.domain.plan import PromotionPlan
from services.promotion.domain.products import Producer, PromotedProduct
from services.promotion.domain.values import Code
from services.promotion.domain.venues import Fair, Showroom

A = TypeVar("A", bound=Aggregate)
SYSTEM = Actor(id="promotion", role="system", jurisdiction="")
# Roles that run promotion: the OCOP offices, the economy and infrastructure office (the
# plan's lead), the outreach centre, and the ministry (national scope).
OFFICES = frozenset(
    {
        "commune_officer",
        "commune_committee",
        "district_officer",
        "province_officer",
        "economy_office",
        "outreach_centre",
        "ministry",
    }
)
NATIONAL = "ministry"

TOPICS = {
    PromotedProduct: get_topic(PromotedProduct.Listed),  # type: ignore[attr-defined]
    Producer: get_topic(Producer.Listed),  # type: ignore[attr-defined]
    Showroom: get_topic(Showroom.Opened),  # type: ignore[attr-defined]
    Fair: get_topic(Fair.Held),  # type: ignore[attr-defined]
    PromotionPlan: get_topic(PromotionPlan.Adopted),  # type: ignore[attr-defined]
    Campaign: get_topic(Campaign.Held),  # type: ignore[attr-defined]
    Training: get_topic(Training.Held),  # type: ignore[attr-defined]
    SupportGrant: get_topic(SupportGrant.Granted),  # type: ignore[attr-defined]
}


def one_of(field: str, value: str, codes: dict[str, Code]) -> str:
    """`value` if it is a code of the list, else a refusal naming the field and the list."""
    value = nfc(value)
    if value not in codes:
        names = ", ".join(codes)
        raise invalid(
            field,
            f"Giá trị '{value[:40]}' không có trong danh mục; chọn: {names}.",
            f"'{value[:40]}' is not on the list; one of: {names}.",
        )
    return value


def text(field: str, value: str, *, required: bool = True) -> str:
    value = nfc(value)
    if required and not value:
        raise invalid(field, "Chưa nhập nội dung.", "Required.")
    return value


class PromotionStore(ServiceStore):
    """The promotion service's event store and the state every command group reads."""

    name = "promotion"

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        clock: Clock,
        local_policies: tuple[str, ...] = (),
    ) -> None:
        super().__init__(env)
        self.clock = clock
        self.local_policies = local_policies

    # -- look-ups ------------------------------------------------------------------------

    def product(self, product_id: UUID) -> PromotedProduct:
        found = self.get_as(PromotedProduct.id_for(product_id), PromotedProduct)
        if found is None or not found.certificates:
            raise precondition(
                "product_id",
                f"Sản phẩm {product_id} chưa được công nhận OCOP: không được quảng bá với "
                "danh nghĩa OCOP.",
                f"Product {product_id} is not OCOP-certified: it may not be promoted as OCOP.",
            )
        return found

    def producer(self, producer_id: UUID) -> Producer:
        found = self.get_as(Producer.id_for(producer_id), Producer)
        if found is None or not found.name:
            raise not_found(
                "producer_id",
                f"Không có chủ thể {producer_id}.",
                f"No producer {producer_id}.",
            )
        return found

    def one(self, aggregate_id: UUID, cls: type[A], field: str, vi: str, en: str) -> A:
        found = self.get_as(aggregate_id, cls)
        if found is None:
            raise not_found(field, f"Không có {vi} {aggregate_id}.", f"No {en} {aggregate_id}.")
        return found

    def showroom(self, showroom_id: UUID) -> Showroom:
        return self.one(showroom_id, Showroom, "showroom_id", "điểm bán", "showroom")

    def fair(self, fair_id: UUID) -> Fair:
        return self.one(fair_id, Fair, "fair_id", "hội chợ", "fair")

    def every(self, cls: type[A]) -> Iterator[A]:
        """Every aggregate of `cls`, in the order they were first recorded."""
        for aggregate_id in self.ids_of(TOPICS[cls]):
            found = self.get_as(aggregate_id, cls)
            if found is not None:
                yield found

    # -- checks --------------------------------------------------------------------------

    def office(self, actor: Actor) -> str:
        """The actor's unit code if it is a programme office, else a refusal."""
        if actor.role not in OFFICES:
            raise forbidden(
                f"Vai trò '{actor.role}' không ghi nhận hoạt động xúc tiến thương mại OCOP.",
                f"Role '{actor.role}' does not record OCOP promotion.",
                field="actor.role",
            )
        unit = actor.jurisdiction.strip()
        if not unit and actor.role != NATIONAL:
            raise forbidden(
                "Tài khoản chưa gắn địa bàn.",
                "The account has no jurisdiction.",
                field="actor.jurisdiction",
            )
        return unit

    def within(self, actor: Actor, holder: Producer | PromotedProduct | Showroom) -> None:
        """Refuses (permission_denied) a producer, product or showroom outside the actor's
        unit (its commune, legacy district or province); the ministry acts everywhere."""
        unit = self.office(actor)
        if actor.role == NATIONAL:
            return
        units = (holder.province_code, holder.district_code, holder.commune_code)
        if unit not in [u for u in units if u]:
            raise forbidden(
                f"Đối tượng không thuộc địa bàn {unit}.",
                f"Not in unit {unit}.",
                field="actor.jurisdiction",
            )

    def past(self, field: str, day: date) -> date:
        """A fact's date: not after today (local), not before the programme."""
        check_past_date(field, day, self.clock)
        return day

    def in_range(self, field: str, day: date) -> date:
        """A date that may lie ahead (a fair planned, a channel's end)."""
        check_date_range(field, day)
        return day

    def span(self, start_field: str, starts: date, end_field: str, ends: date | None) -> None:
        """Refuses an end before its start (invalid_argument, naming the end)."""
        self.in_range(start_field, starts)
        if ends is not None:
            self.in_range(end_field, ends)
            check_not_before(end_field, ends, starts, ("ngày bắt đầu", "the start"))

    def certified_on(self, product: PromotedProduct, day: date) -> dict[str, object]:
        """The certificate in force on `day` and still held, or a refusal: only a
        certified product is promoted under the OCOP name (R3 Art. 8, §14.26)."""
        cert = product.in_force_on(day)
        if cert is None or product.holding() is None:
            raise precondition(
                "product_id",
                f"Sản phẩm '{product.name or product.product_id}' không có giấy chứng nhận "
                f"OCOP còn hiệu lực vào ngày {day:%d/%m/%Y}: không được quảng bá với danh "
                "nghĩa OCOP.",
                f"Product '{product.name or product.product_id}' holds no valid OCOP "
                f"certificate on {day:%d/%m/%Y}: it may not be promoted as OCOP.",
            )
        return cert

    def plan_of(self, jurisdiction: str, year: int) -> PromotionPlan | None:
        return self.get_as(PromotionPlan.id_for(jurisdiction, year), PromotionPlan)

    def save_activity(
        self,
        done: A,
        plan: PromotionPlan | None,
        kind: str,
        meta: Callable[[], dict[str, Any]],
        activity_code: str,
        amount_vnd: int = 0,
        budget_line: str = "",
    ) -> A:
        """Store `done` (a showroom, fair, campaign, training or grant) and, under a plan
        (`activity_plan`), its record there: its `kind`, what it spent (VND) and the budget
        line; `meta` gives the plan event's metadata (the command's `ctx.meta`)."""
        changed: list[Aggregate] = [done]
        if plan is not None:
            plan.record(activity_code, kind, str(done.id), amount_vnd, budget_line, meta())
            changed.append(plan)
        self.save(*changed)
        return done

    def activity_plan(
        self, jurisdiction: str, day: date, activity_code: str
    ) -> PromotionPlan | None:
        """The plan of the year of `day` when an activity is named (it must exist)."""
        if not activity_code:
            return None
        plan = self.plan_of(jurisdiction, day.year)
        if plan is None:
            raise not_found(
                "activity_code",
                f"Địa bàn {jurisdiction} chưa có kế hoạch xúc tiến năm {day.year}.",
                f"Unit {jurisdiction} has no {day.year} promotion plan.",
            )
        plan.activity(activity_code)
        return plan
