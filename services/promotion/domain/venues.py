"""Where certified products are shown: showrooms and sales points (điểm giới thiệu và
bán sản phẩm OCOP, seed plan II.3: at least one in the district) and fairs and
exhibitions inside or outside the province (seed plan III.5).

A product leaves a showroom or a future fair when its operator takes it down, when the
showroom closes, or automatically when its certificate expires or is revoked; each
withdrawal records why."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from runtime.clock import check_not_before_any
from runtime.errors import not_found, precondition

Meta = dict[str, Any]
OPENING = ("ngày mở cửa điểm bán", "the showroom's opening")
DISPLAY = ("ngày bắt đầu trưng bày", "the display")
TAKEN_DOWN = ("ngày sản phẩm được rút khỏi điểm bán", "the product's last take-down here")


class Showroom(Aggregate):
    """A showroom or sales point: name, address and unit (commune, province, legacy
    district), operator, opening and closing dates, and the products on display
    (`displayed` by product id; `past` keeps each withdrawn display with its reason)."""

    @event("Opened")
    def __init__(
        self,
        name: str,
        address: str,
        commune_code: str,
        province_code: str,
        district_code: str,
        operator: str,
        opened_on: date,
        activity_code: str,
        meta: Meta,
    ) -> None:
        self.name = name
        self.address = address
        self.commune_code = commune_code
        self.province_code = province_code
        self.district_code = district_code
        self.operator = operator
        self.opened_on = opened_on
        self.activity_code = activity_code
        self.closed_on: date | None = None
        self.displayed: dict[str, dict[str, Any]] = {}
        self.past: list[dict[str, Any]] = []

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def close(self, on: date, meta: Meta) -> list[str]:
        """Close on `on`; returns the products taken down with it. Refuses (`closed_on`) a
        day before the opening or a display still running (its take-down would precede it)."""
        if not self.is_open:
            raise precondition("showroom_id", "Điểm bán đã đóng cửa.", "The showroom is closed.")
        displays = [(entry["since"], DISPLAY) for entry in self.displayed.values()]
        check_not_before_any("closed_on", on, [(self.opened_on, OPENING), *displays])
        down = list(self.displayed)
        for product_id in down:
            self.withdraw(product_id, "closed", on, "", meta)
        self._closed(on=on, meta=meta)
        return down

    @event("Closed")
    def _closed(self, on: date, meta: Meta) -> None:
        self.closed_on = on

    def display(self, entry: dict[str, Any], meta: Meta) -> None:
        if not self.is_open:
            raise precondition("showroom_id", "Điểm bán đã đóng cửa.", "The showroom is closed.")
        if entry["product_id"] in self.displayed:
            raise precondition(
                "product_id",
                "Sản phẩm đang được trưng bày tại điểm này.",
                "The product is already on display here.",
            )
        before = [p["until"] for p in self.past if p["product_id"] == entry["product_id"]]
        check_not_before_any(
            "since",
            entry["since"],
            [(self.opened_on, OPENING), *((day, TAKEN_DOWN) for day in before)],
        )
        self._displayed(entry=entry, meta=meta)

    @event("ProductDisplayed")
    def _displayed(self, entry: dict[str, Any], meta: Meta) -> None:
        self.displayed[entry["product_id"]] = dict(entry)

    def withdraw(
        self, product_id: str, reason: str, on: date, certificate_no: str, meta: Meta
    ) -> bool:
        """Take a product down; False when it is not on display."""
        if product_id not in self.displayed:
            return False
        self._withdrawn(
            product_id=product_id, reason=reason, on=on, certificate_no=certificate_no, meta=meta
        )
        return True

    @event("ProductWithdrawn")
    def _withdrawn(
        self, product_id: str, reason: str, on: date, certificate_no: str, meta: Meta
    ) -> None:
        entry = self.displayed.pop(product_id)
        self.past.append({**entry, "until": on, "reason": reason})


class Fair(Aggregate):
    """A fair or exhibition: name, place (`inside` or `outside` the province) and
    location, dates, organiser, the recording office's unit, and its participants
    (`participants` by product id: producer, product name, results)."""

    @event("Held")
    def __init__(
        self,
        name: str,
        place: str,
        location: str,
        starts_on: date,
        ends_on: date,
        organiser: str,
        jurisdiction: str,
        activity_code: str,
        meta: Meta,
    ) -> None:
        self.name = name
        self.place = place
        self.location = location
        self.starts_on = starts_on
        self.ends_on = ends_on
        self.organiser = organiser
        self.jurisdiction = jurisdiction
        self.activity_code = activity_code
        self.participants: dict[str, dict[str, Any]] = {}
        self.withdrawn: dict[str, dict[str, Any]] = {}

    def participate(self, entry: dict[str, Any], meta: Meta) -> None:
        if entry["product_id"] in self.participants:
            raise precondition(
                "product_id",
                "Sản phẩm đã có trong danh sách tham gia hội chợ.",
                "The product is already taking part in this fair.",
            )
        self._participated(entry=entry, meta=meta)

    @event("ParticipationRecorded")
    def _participated(self, entry: dict[str, Any], meta: Meta) -> None:
        self.participants[entry["product_id"]] = {
            **entry,
            "contracts": 0,
            "sales_vnd": 0,
            "result_note": "",
        }

    def record_result(
        self, product_id: str, contracts: int, sales_vnd: int, note: str, meta: Meta
    ) -> None:
        if product_id not in self.participants:
            raise not_found(
                "product_id",
                "Sản phẩm không tham gia hội chợ này.",
                "The product did not take part in this fair.",
            )
        self._resulted(
            product_id=product_id, contracts=contracts, sales_vnd=sales_vnd, note=note, meta=meta
        )

    @event("ResultRecorded")
    def _resulted(
        self, product_id: str, contracts: int, sales_vnd: int, note: str, meta: Meta
    ) -> None:
        self.participants[product_id].update(
            contracts=contracts, sales_vnd=sales_vnd, result_note=note
        )

    def withdraw(
        self, product_id: str, reason: str, on: date, certificate_no: str, meta: Meta
    ) -> bool:
        """Take a product out of a fair that has not started by `on`; False otherwise."""
        if product_id not in self.participants or self.starts_on <= on:
            return False
        self._withdrawn(
            product_id=product_id, reason=reason, on=on, certificate_no=certificate_no, meta=meta
        )
        return True

    @event("ProductWithdrawn")
    def _withdrawn(
        self, product_id: str, reason: str, on: date, certificate_no: str, meta: Meta
    ) -> None:
        entry = self.participants.pop(product_id)
        self.withdrawn[product_id] = {**entry, "reason": reason, "on": on}

    def product_uuid(self, product_id: str) -> UUID:
        return UUID(product_id)
