"""Who issues a decision, as its printed heading names it (Decree 30/2020/NĐ-CP, Appendix
I, II.2-II.6): the body in two upper-case lines, its name in a sentence, the place of the
date line and the signing title.

Names come from the unit codes (`runtime.units`: the console's titles read the same)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rules import Tier
from runtime.units import place_of, unit_name

__all__ = ["Issuer", "place_of", "unit_name"]

MINISTRY = "Bộ Nông nghiệp và Môi trường"
AGENCY_RENAMED = date(2025, 3, 1)
"""Departments of Agriculture and Rural Development became Agriculture and Environment when
the ministries merged (1 March 2025)."""


@dataclass(frozen=True)
class Issuer:
    """The issuing body of a tier and unit."""

    tier: str
    jurisdiction: str

    @property
    def central(self) -> bool:
        return self.tier == Tier.CENTRAL.value

    @property
    def unit(self) -> str:
        return "" if self.central else unit_name(self.jurisdiction)

    @property
    def lines(self) -> tuple[str, str]:
        """The heading's two lines: "ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NGÃI"."""
        if self.central:
            return "BỘ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"
        return "ỦY BAN NHÂN DÂN", self.unit.upper()

    @property
    def name(self) -> str:
        """In a sentence: "Ủy ban nhân dân tỉnh Quảng Ngãi"."""
        if self.central:
            return MINISTRY
        kind, _, rest = self.unit.partition(" ")
        place = place_of(self.unit)
        kind = self.unit[: len(self.unit) - len(place)].strip().lower() if rest else kind
        return f"Ủy ban nhân dân {kind} {place}"

    @property
    def place(self) -> str:
        return "Hà Nội" if self.central else place_of(self.unit)

    @property
    def signing_title(self) -> str:
        return "BỘ TRƯỞNG" if self.central else "CHỦ TỊCH"

    @property
    def deciding_body(self) -> str:
        """Who decides, above the articles: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"."""
        if self.central:
            return f"BỘ TRƯỞNG {MINISTRY.upper()}"
        return f"CHỦ TỊCH {' '.join(self.lines)}"

    @property
    def decider(self) -> str:
        """In a sentence: "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi"."""
        return f"Bộ trưởng {MINISTRY}" if self.central else f"Chủ tịch {self.name}"

    def proposer(self, on: date) -> str:
        """The OCOP agency that submits the result (R3 Art. 7.3.e: the province's
        Department of Agriculture; a district's office under R1)."""
        field = (
            "Nông nghiệp và Môi trường"
            if on >= AGENCY_RENAMED
            else ("Nông nghiệp và Phát triển nông thôn")
        )
        if self.central:
            return "Chánh Văn phòng Điều phối nông thôn mới Trung ương"
        if len(self.jurisdiction) == 3:
            return f"Trưởng phòng {field}"
        return f"Giám đốc Sở {field}"
