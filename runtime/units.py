"""Administrative units' names from their codes, for every reader (the decision's heading,
the console's titles): current provinces (2 digits) and communes (5 digits) from
`vietnam-provinces` (Decision 19/2025/QĐ-TTg), pre-2025 districts (3 digits) and provinces
from `reference/districts-before-2025.csv` (derived from registration's legacy-unit file:
one row per old district, with its province)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from vietnam_provinces import Province, ProvinceCode, Ward, WardCode

DISTRICTS = Path(__file__).resolve().parent / "reference" / "districts-before-2025.csv"
KINDS = ("Thành phố", "Thị xã", "Huyện", "Quận", "Tỉnh", "Xã", "Phường", "Đặc khu")


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
    code; the code itself when unknown (or not digits, e.g. "VN")."""
    if not code.isdigit():
        return code
    try:
        if len(code) == 2:
            province = Province.from_code(ProvinceCode(int(code)))
            if province.name.startswith(KINDS):  # "Thành phố Hà Nội" names its kind
                return province.name
            return f"{province.division_type.value.capitalize()} {province.name}"
        if len(code) == 5:
            return Ward.from_code(WardCode(int(code))).name
    except (ValueError, KeyError):
        pass
    return _old_units().get(code, code)


def place_of(name: str) -> str:
    """The unit's own name, without its kind: "Huyện Đăk Hà" -> "Đăk Hà"."""
    for kind in KINDS:
        if name.startswith(kind + " "):
            return name[len(kind) + 1 :]
    return name
