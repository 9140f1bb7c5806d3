"""Administrative units: the official list since 1 July 2025 (Decision 19/2025, package
`vietnam-provinces`) and the pre-reform units a deployment under R1 still needs, with a
dated mapping from each old commune to its successor (reference files, see README)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from vietnam_provinces import Ward, WardCode

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
COLUMNS = (
    "old_province_code",
    "old_province_name",
    "old_district_code",
    "old_district_name",
    "old_commune_code",
    "old_commune_name",
    "valid_to",
    "new_province_code",
    "new_commune_code",
    "valid_from",
    "basis",
    "status",
)


def locate_commune(commune_code: str) -> str | None:
    """The province code of a current commune-level unit, or None if the code is unknown."""
    try:
        ward = Ward.from_code(WardCode(int(commune_code)))
    except (ValueError, KeyError):
        return None
    return str(int(ward.province_code))


def read_legacy_units(files: Iterable[Path]) -> dict[str, dict[str, Any]]:
    """Old commune code -> its old district/province and its successors, from CSV files.

    An old unit split between several new communes has one row per successor: its entry
    lists them all in `successors` (`new_commune_code` is then empty), so registering with
    it must name the successor; a later file's rows for a code replace an earlier file's."""
    units: dict[str, dict[str, Any]] = {}
    for path in files:
        file_units: dict[str, dict[str, Any]] = {}
        with path.open(encoding="utf-8", newline="") as rows:
            reader = csv.DictReader(rows)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise ValueError(f"{path}: columns must be {','.join(COLUMNS)}")
            for row in reader:
                if locate_commune(row["new_commune_code"]) != str(int(row["new_province_code"])):
                    raise ValueError(
                        f"{path}: successor {row['new_commune_code']} is not a current commune "
                        f"of province {row['new_province_code']}"
                    )
                code = row["old_commune_code"]
                entry = {
                    **{k: row[k] for k in COLUMNS if k not in ("valid_to", "valid_from")},
                    "valid_to": date.fromisoformat(row["valid_to"]).isoformat(),
                    "valid_from": date.fromisoformat(row["valid_from"]).isoformat(),
                }
                seen = file_units.setdefault(code, {**entry, "successors": []})
                if row["new_commune_code"] not in seen["successors"]:
                    seen["successors"].append(row["new_commune_code"])
        for code, found in file_units.items():
            split = len(found["successors"]) > 1
            units[code] = {**found, "new_commune_code": "", "status": "split"} if split else found
    return units


@cache
def legacy_units() -> dict[str, dict[str, Any]]:
    """Every `legacy-units-*.csv` shipped under `services/registration/reference/`."""
    return read_legacy_units(sorted(REFERENCE_DIR.glob("legacy-units-*.csv")))


def locate_legacy_commune(old_commune_code: str) -> dict[str, Any] | None:
    return legacy_units().get(old_commune_code)
