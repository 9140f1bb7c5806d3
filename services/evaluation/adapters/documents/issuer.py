"""Who issues a decision, as its printed heading names it (Decree 30/2020/NĐ-CP, Appendix
I, II.2-II.6): the body in two upper-case lines, its name in a sentence, the place of the
date line and the signing title.

Names come from the unit codes: current provinces and communes from `vietnam-provinces`
(Decision 19/2025), pre-2025 districts and provinces from `reference/districts-before-2025.csv`
(derived from registration's legacy-unit file: one row per old district, with its province)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from vietnam_provinces import Province, ProvinceCode, Ward, WardCode

from rules import Tier

DISTRICTS = Path(__file__).resolve().parents[2] / "reference" / "districts-before-2025.csv"
MINISTRY = "Bộ Nông nghiệp và Môi trường"
AGENCY_RENAMED = date(2025, 3, 1)
"""Departments of Agriculture and Rural Development became Agriculture and Environment when
the ministries merged (1 March 2025)."""


@cache
def _old_units() -> dict[str, str]:
    """Pre-2025 district and province codes -> their names ("Huyện Đăk Hà", "Tỉnh Kon Tum")."""
    names: dict[str, str] = {}
    with DISTRICTS.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            names[row["district_code"]] = row["district_name"]
            names.setdefault(row["province_code"], row["province_name"])
    return names


def unit_name(code: str) -> str:
    """ "Tỉnh Quảng Ngãi", "Huyện Đăk Hà", "Xã Đăk Hà" for a province, district or commune
    code; the code itself when unknown."""
    if not code.isdigit():
        return code
    try:
        if len(code) == 2:
            province = Province.from_code(ProvinceCode(int(code)))
            return f"{province.division_type.value.capitalize()} {province.name}"
        if len(code) == 5:
            return Ward.from_code(WardCode(int(code))).name
    except (ValueError, KeyError):
        pass
    return _old_units().get(code, code)


def place_of(name: str) -> str:
    """The unit's own name, without its kind: "Huyện Đăk Hà" -> "Đăk Hà"."""
    for kind in ("Thành phố", "Thị xã", "Huyện", "Quận", "Tỉnh", "Xã", "Phường", "Đặc khu"):
        if name.startswith(kind + " "):
            return name[len(kind) + 1 :]
    return name


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
