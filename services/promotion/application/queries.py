"""Queries: the shares of OCOP producers in modern channels and value chains on a date,
showrooms and what they display, a producer's promotion history, the year's plan.

The shares (seed plan II.1-II.2; targets in the local policy `kontum-district-2025`:
value_chain_share ≥ 30%, modern_channel_share 30-50%) count, among the producers of the
unit holding at least one OCOP certificate in force on the date, those with a modern
channel (CHANNEL_TYPES marked modern) or a value-chain link running on that date: a
channel joined after the date, or left before it, does not count. Shares are exact
decimals with four places (0.3333), 0 when there is no OCOP producer."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from rules import load_local_policy, plan_targets, target_status
from runtime.errors import not_found
from services.promotion.application.core import PromotionStore
from services.promotion.domain.outreach import SupportGrant
from services.promotion.domain.plan import PromotionPlan
from services.promotion.domain.products import Producer, PromotedProduct
from services.promotion.domain.venues import Fair, Showroom

FOUR_PLACES = Decimal("0.0001")


def share(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0000")
    return (Decimal(part) / Decimal(whole)).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Shares:
    jurisdiction: str
    on: date
    ocop_producers: int
    in_modern_channels: int
    in_value_chains: int
    targets: tuple[dict[str, Any], ...] = ()

    @property
    def modern_channel_share(self) -> Decimal:
        return share(self.in_modern_channels, self.ocop_producers)

    @property
    def value_chain_share(self) -> Decimal:
        return share(self.in_value_chains, self.ocop_producers)


class Queries:
    def __init__(self, store: PromotionStore) -> None:
        self.store = store

    def shares(self, jurisdiction: str, on: date) -> Shares:
        """Counts and shares of the unit's OCOP producers on `on` (all units when empty)."""
        certified: dict[str, list[PromotedProduct]] = defaultdict(list)
        for product in self.store.every(PromotedProduct):
            if product.producer_id and product.in_force_on(on) is not None:
                certified[product.producer_id].append(product)
        total = modern = chains = 0
        for producer_id, products in certified.items():
            producer = self.store.get_as(Producer.id_for(UUID(producer_id)), Producer)
            holder: Producer | PromotedProduct = (
                producer if producer is not None and producer.name else products[0]
            )
            if jurisdiction and not holder.located_in(jurisdiction):
                continue
            total += 1
            if producer is not None and producer.in_modern_channel_on(on):
                modern += 1
            if producer is not None and producer.in_value_chain_on(on):
                chains += 1
        found = Shares(jurisdiction, on, total, modern, chains)
        return Shares(jurisdiction, on, total, modern, chains, self.targets(found))

    def targets(self, shares: Shares) -> tuple[dict[str, Any], ...]:
        """The local policies' share targets for the year (code, minimum, stretch, status)."""
        policies = [load_local_policy(p) for p in self.store.local_policies]
        actual = {
            "modern_channel_share": shares.modern_channel_share,
            "value_chain_share": shares.value_chain_share,
        }
        return tuple(
            {
                "code": t.code,
                "label": t.label.vi,
                "label_en": t.label.en,
                "minimum": t.minimum,
                "stretch": t.stretch,
                "source": t.source,
                "status": target_status(t, actual[t.code]),
            }
            for t in plan_targets(policies, shares.on.year)
            if t.code in actual
        )

    def showrooms(self, jurisdiction: str = "", *, include_closed: bool = False) -> list[Showroom]:
        found = [
            s
            for s in self.store.every(Showroom)
            if (include_closed or s.is_open)
            and (
                not jurisdiction
                or jurisdiction in (s.commune_code, s.province_code, s.district_code)
            )
        ]
        return sorted(found, key=lambda s: (s.opened_on, s.name))

    def history(self, producer_id: UUID) -> list[dict[str, Any]]:
        """Everything promotion recorded about a producer, oldest first: channels, value
        chains, showroom displays and withdrawals, fairs, support. Rows: on, kind
        (channel_joined, channel_left, value_chain_linked, value_chain_ended, displayed,
        withdrawn, fair, support), detail, ref (the channel, link, showroom, fair or
        grant id) and, for a withdrawal, its reason."""
        producer = self.store.producer(producer_id)
        pid = str(producer_id)
        rows = _producer_rows(producer)
        for showroom in self.store.every(Showroom):
            where = f" @ {showroom.name}"
            for entry in [*showroom.displayed.values(), *showroom.past]:
                if entry["producer_id"] == pid:
                    name = entry["product_name"] + where
                    rows.append(_row(entry["since"], "displayed", name, showroom.id))
                    if "until" in entry:
                        rows.append(
                            _row(entry["until"], "withdrawn", name, showroom.id, entry["reason"])
                        )
        for fair in self.store.every(Fair):
            for entry in fair.participants.values():
                if entry["producer_id"] == pid:
                    name = f"{entry['product_name']} @ {fair.name}"
                    rows.append(_row(fair.starts_on, "fair", name, fair.id))
            for entry in fair.withdrawn.values():
                if entry["producer_id"] == pid:
                    name = f"{entry['product_name']} @ {fair.name}"
                    rows.append(_row(entry["on"], "withdrawn", name, fair.id, entry["reason"]))
        for grant in self.store.every(SupportGrant):
            if grant.producer_id == pid:
                detail = f"{grant.kind}: {grant.amount_vnd} VND ({grant.funding_source})"
                rows.append(_row(grant.granted_on, "support", detail, grant.id))
        return sorted(rows, key=lambda r: (r["on"], r["kind"]))

    def plan(self, jurisdiction: str, year: int) -> PromotionPlan:
        found = self.store.plan_of(jurisdiction, year)
        if found is None:
            raise not_found(
                "year",
                f"Địa bàn {jurisdiction} chưa có kế hoạch xúc tiến năm {year}.",
                f"Unit {jurisdiction} has no {year} promotion plan.",
            )
        return found


def _row(on: date, kind: str, detail: str, ref: object, reason: str = "") -> dict[str, Any]:
    return {"on": on, "kind": kind, "detail": detail, "ref": str(ref), "reason": reason}


def _producer_rows(producer: Producer) -> list[dict[str, Any]]:
    """A producer's own channel and value-chain rows."""
    rows: list[dict[str, Any]] = []
    for c in producer.channels.values():
        detail, ref = f"{c['channel_type']}: {c['partner']}", c["channel_id"]
        rows.append(_row(c["since"], "channel_joined", detail, ref))
        if c["until"] is not None:
            rows.append(_row(c["until"], "channel_left", detail, ref))
        for product_id, w in c["withdrawn"].items():
            rows.append(_row(w["on"], "withdrawn", detail, product_id, w["reason"]))
    for link in producer.chains.values():
        detail = (
            f"{link['raw_material_area']} ({link['area']} {link['area_unit']}), {link['partner']}"
        )
        rows.append(_row(link["since"], "value_chain_linked", detail, link["link_id"]))
        if link["until"] is not None:
            rows.append(_row(link["until"], "value_chain_ended", detail, link["link_id"]))
    return rows
