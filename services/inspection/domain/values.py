"""Value objects of inspection: periods of a cadence, team members, findings, evidence,
and who an actor acts for.

A cadence of N months cuts the calendar year into periods starting on 1 January
(N = 3: quarters). The cadence itself is local policy (the Kon Tum 2025 plan:
quarterly, OCOP-RULES.md §6 and §14.27); it reaches the domain as a number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from contracts.envelope import Actor
from rules import Tier

InspectionKind = Literal["periodic", "ad_hoc"]
Outcome = Literal["passed", "remediation", "failed"]

# Agencies that make up an inspection team (the seed plan: the agriculture office leads,
# with the health office and the communes; market surveillance joins where needed).
TEAM_ROLES: dict[str, tuple[str, str]] = {
    "agriculture": ("Phòng/Sở Nông nghiệp và Môi trường", "Agriculture office"),
    "health": ("Phòng/Sở Y tế", "Health office"),
    "market_surveillance": ("Quản lý thị trường", "Market surveillance"),
    "commune": ("UBND xã", "Commune People's Committee"),
    "industry_trade": ("Phòng/Sở Công Thương", "Industry and trade office"),
}

# What opens an ad hoc inspection (R3 Art. 9.1: "đột xuất").
TRIGGERS: dict[str, tuple[str, str]] = {
    "complaint": ("Đơn thư phản ánh, khiếu nại", "A complaint"),
    "food_safety_alert": ("Cảnh báo an toàn thực phẩm", "A food-safety alert"),
    "market_surveillance": ("Phát hiện của quản lý thị trường", "A market-surveillance finding"),
    "other": ("Lý do khác", "Another reason"),
}

ROLE_TIER = {
    "commune_officer": Tier.COMMUNE,
    "district_officer": Tier.DISTRICT,
    "province_officer": Tier.PROVINCE,
    "ministry": Tier.CENTRAL,
}


def tier_of(actor: Actor) -> Tier | None:
    """The level an actor acts for: officers by role; an `authority` by the length of its
    unit code (2 digits a province, 3 a district, 5 a commune, `VN` central)."""
    if actor.role in ROLE_TIER:
        return ROLE_TIER[actor.role]
    if actor.role != "authority":
        return None
    code = actor.jurisdiction.strip()
    if code in ("VN", "central"):
        return Tier.CENTRAL
    return {2: Tier.PROVINCE, 3: Tier.DISTRICT, 5: Tier.COMMUNE}.get(len(code))


@dataclass(frozen=True)
class Period:
    """One period of an N-month cadence: [starts_on, ends_on], both inclusive."""

    starts_on: date
    ends_on: date
    months: int

    @classmethod
    def containing(cls, day: date, months: int) -> Period:
        if months < 1 or 12 % months:
            raise ValueError(f"a cadence of {months} months does not divide the year")
        first = (day.month - 1) // months * months + 1
        starts = date(day.year, first, 1)
        after = first + months
        ends = (date(day.year + 1, 1, 1) if after > 12 else date(day.year, after, 1)) - timedelta(
            days=1
        )
        return cls(starts, ends, months)

    @property
    def index(self) -> int:
        return (self.starts_on.month - 1) // self.months + 1

    @property
    def key(self) -> str:
        """A stable name: `2025-Q3` for quarters, `2025-P2/6` for other cadences."""
        if self.months == 3:
            return f"{self.starts_on.year}-Q{self.index}"
        return f"{self.starts_on.year}-P{self.index}/{self.months}"

    def label(self, lang: str = "vi") -> str:
        year = self.starts_on.year
        if self.months == 3:
            return f"Quý {self.index}/{year}" if lang == "vi" else f"Q{self.index} {year}"
        if lang == "vi":
            return f"Kỳ {self.index}/{year} ({self.months} tháng)"
        return f"Period {self.index} of {year} ({self.months} months)"

    def next(self) -> Period:
        return Period.containing(self.ends_on + timedelta(days=1), self.months)

    def as_dict(self) -> dict[str, Any]:
        return {"starts_on": self.starts_on, "ends_on": self.ends_on, "months": self.months}


@dataclass(frozen=True)
class TeamMember:
    role: str
    name: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "name": self.name}


@dataclass(frozen=True)
class Finding:
    """One checklist item's result: `compliant` or not, with the inspectors' note."""

    item: str
    compliant: bool
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"item": self.item, "compliant": self.compliant, "note": self.note}


@dataclass(frozen=True)
class Evidence:
    """A document or photo kept by content: its sha256 and what it is."""

    sha256: str
    name: str
    media_type: str
    size: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "name": self.name,
            "media_type": self.media_type,
            "size": self.size,
        }
