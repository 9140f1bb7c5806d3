"""Demo data for the embedded mode: real Kon Tum OCOP products (shared/data/kontum, cited
sources in the CSV), registered through the same commands an officer would use.

What is real: product and producer names, districts, star levels. What is made up
for the demo and marked so: business-registration numbers (`99…`, a prefix no province has) where
the rules require one, the commune chosen from the district's name (registered as its
pre-2025 unit, see services/registration/reference/legacy-units-kontum.csv), the
product set derived from the product name, receipt dates and report numbers.
Products with a known star get a dossier (received under R1, so only the
self-assessment and the papers the product set requires are needed: the demo answers each
criterion's top option and files an example PDF, marked as demo data, for each paper such
as a food's food-safety certificate) assessed by the commune and forwarded, ready for a
council score."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from contracts.envelope import Actor
from runtime.commands import CommandContext
from runtime.text import fold
from services.registration.application.rulebook import requirements

CSV = Path(__file__).parent / "demo_data" / "kontum-ocop-products.csv"
# An example paper (a one-page PDF) filed for each paper a demo dossier must carry.
PAPER = (
    Path(__file__).parents[1]
    / "services"
    / "registration"
    / "examples"
    / "giay-chung-nhan-attp.pdf"
)
# Current (Decision 19/2025) communes of the new Quảng Ngãi for former Kon Tum districts.
COMMUNE_BY_DISTRICT = {
    "dak ha": "23500",
    "tu mo rong": "23425",
    "dak to": "23401",
    "kon plong": "23476",
    "sa thay": "23527",
    "thanh pho kon tum": "23293",
}
DEFAULT_COMMUNE = "23293"  # Phường Kon Tum
KINDS = {
    "enterprise": "enterprise",
    "cooperative": "cooperative",
    "cooperative group": "cooperative_group",
    "household business": "household_business",
}
SETS = (  # (keyword in the folded product name, product set of Decision 26/2026)
    ("ca phe", 13),
    ("ruou", 14),
    ("tra", 12),
    ("yen", 8),
    ("sam", 20),
    ("nam", 4),
    ("du lich", 26),
)
RECEIVED_ON = date(2024, 3, 1)


def product_set(row: dict[str, str]) -> int:
    if row["product_group"] == "tourism":
        return 26
    name = fold(row["product_name"])
    for keyword, number in SETS:
        if keyword in name:
            return number
    return 7


def load_demo(system: Any) -> int:
    """Register the demo products once; returns how many were loaded (0 if already there)."""
    registration = system.registration.app
    if registration.recorder.max_notification_id():
        return 0
    ctx = CommandContext(actor=Actor(id="demo-loader", role="system", jurisdiction="51"))
    producers: dict[str, Any] = {}
    loaded = 0
    paper = PAPER.read_bytes()
    with CSV.open(encoding="utf-8") as rows:
        for number, row in enumerate(csv.DictReader(rows), start=1):
            commune = COMMUNE_BY_DISTRICT.get(fold(row["district"]), DEFAULT_COMMUNE)
            kind = KINDS.get(row["producer_kind"], "household_business")
            if row["producer_name"] not in producers:
                producers[row["producer_name"]] = registration.producers.register_producer(
                    ctx,
                    name=row["producer_name"] or f"Chủ thể {number}",
                    kind=kind,
                    # Registered before July 2025: the pre-reform unit, mapped to today's.
                    legacy_commune_code=commune,
                    legal_representative="(dữ liệu mẫu)",
                    business_registration_no=f"99{number:08d}",  # demo: 99 is no province
                )
            product_id = registration.products.register_product(
                ctx,
                producer_id=producers[row["producer_name"]],
                name=row["product_name"],
                product_set=product_set(row),
            )
            loaded += 1
            stars = int(row["stars"]) if row["stars"] else 0
            if stars:
                dossier = registration.dossiers.submit_dossier(
                    ctx, product_id=product_id, kind="first", received_on=RECEIVED_ON
                )
                needed = requirements("R1", "first", product_set(row))
                registration.dossiers.record_self_assessment(
                    ctx, dossier_id=dossier, choices={c: o[-1] for c, o in needed.sheet.items()}
                )
                for category, vi, _ in needed.documents:  # a food's food-safety certificate
                    registration.dossiers.attach_document(
                        ctx,
                        dossier_id=dossier,
                        name=f"{vi} (dữ liệu mẫu).pdf",
                        category=category,
                        content=paper + f"% {category}\n".encode(),  # one file per paper
                    )
                registration.assessment.assess_dossier(
                    ctx,
                    dossier_id=dossier,
                    report_no=f"DEMO-{number:03d}/BC-UBND",
                    assessed_on=RECEIVED_ON,
                    local_raw_material=True,
                    local_labour=True,
                    idea_origin=True,
                    local_identity=True,
                )
                registration.assessment.forward_dossier(
                    ctx, dossier_id=dossier, forwarded_on=RECEIVED_ON
                )
    return loaded
