"""Generates `legacy-units-vietnam.csv`: every commune-level unit of before 1 July 2025, its
district and province, and its successor(s) since (Resolution 202/2025/QH15, the Standing
Committee's resolutions on each province's communes, Decision 19/2025/QĐ-TTg codes).

Source: the PyPI package `vietnamadminunits` 1.0.4 (MIT licence, © 2025 Tran Ngoc Minh Hieu):
its `dataset.db` (the units before and after, with GSO codes) and `converter_2025.json` (the
old-to-new table, split units listed with all their successors). Only its data files are
read; the package's code is not imported. Rows whose successor code the official current
list (`vietnam-provinces`, Decision 19/2025) does not confirm are left out and counted.
An old unit split between several new communes gets one row per successor with status
`split`: a producer registered with such a unit must name its successor (`commune_code`).
Run (a dev dependency):

    .venv/bin/python -m services.registration.reference.generate_legacy_units
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

from services.registration.adapters.units import COLUMNS  # the columns the service reads

HERE = Path(__file__).resolve().parent
OUT = HERE / "legacy-units-vietnam.csv"
PACKAGE = "vietnamadminunits"


def data_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{PACKAGE} is not installed (uv sync installs the dev group)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def rows() -> list[dict[str, str]]:
    data = data_dir()
    version = importlib.metadata.version(PACKAGE)
    basis = f"NQ 202/2025/QH15; QĐ 19/2025/QĐ-TTg; {PACKAGE} {version}"
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    with sqlite3.connect(data / "dataset.db") as db:
        old = {
            f"{r[0]}_{r[1]}_{r[2]}": r[3:]
            for r in db.execute(
                "SELECT provinceKey, districtKey, wardKey, provinceCode, province, "
                "districtCode, district, wardCode, ward FROM admin_units_legacy"
            )
        }
        new = {
            (r[0], r[1]): (r[2], r[3])
            for r in db.execute(
                "SELECT provinceKey, wardKey, provinceCode, wardCode FROM admin_units"
            )
        }
    successors: dict[str, list[tuple[str, str, str]]] = {}
    for province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, old_keys in wards.items():
            for old_key in old_keys:
                successors.setdefault(old_key, []).append((province, ward, "merged"))
    for province, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in divided.items():
            for part in parts:
                successors.setdefault(old_key, []).append((province, part["newWardKey"], "split"))
    out: list[dict[str, str]] = []
    for old_key, targets in sorted(successors.items()):
        if old_key not in old:
            continue  # an island district without communes
        p_code, p_name, d_code, d_name, w_code, w_name = old[old_key]
        distinct = sorted({new[(p, w)] for p, w, _ in targets if (p, w) in new})
        status = "split" if len(distinct) > 1 else "merged"
        for new_province, new_ward in distinct:
            out.append(
                {
                    "old_province_code": p_code,
                    "old_province_name": p_name,
                    "old_district_code": d_code,
                    "old_district_name": d_name,
                    "old_commune_code": w_code,
                    "old_commune_name": w_name,
                    "valid_to": "2025-06-30",
                    "new_province_code": new_province,
                    "new_commune_code": new_ward,
                    "valid_from": "2025-07-01",
                    "basis": basis,
                    "status": status,
                }
            )
    return sorted(out, key=lambda r: (r["old_commune_code"], r["new_commune_code"]))


def main() -> None:
    from services.registration.adapters.units import locate_commune

    generated = rows()
    # Only successors the official current list (vietnam-provinces) confirms are kept.
    found = [
        r
        for r in generated
        if locate_commune(r["new_commune_code"]) == str(int(r["new_province_code"]))
    ]
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(found)
    split = len({r["old_commune_code"] for r in found if r["status"] == "split"})
    old = len({r["old_commune_code"] for r in found})
    sys.stdout.write(
        f"{OUT.name}: {old} old communes, {split} split, {len(found)} rows; "
        f"{len(generated) - len(found)} rows left out (successor not in the official list)\n"
    )


if __name__ == "__main__":
    main()
