"""What a consumer sees on a product's public page (issue 21): the product, its
producer's name, and its certificate's LIVE status on a day, from the read models the
events build. Pure, over a `Snapshot`.

Status: `valid` (a certificate valid on the day; the highest star if several), else the
latest certificate's end: `revoked` (a revocation decision, Decision 148/2023 art. 15 /
Decision 1048/2025), `expired` (its 36-month validity, or 60 months under R0, ran out;
superseded by a newer certificate counts as the newer one), or `none` (never certified,
or not yet in force). No personal data: the producer's registered name only (the legal
representative, gender and ethnicity stay in registration)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from services.reporting.domain.facts import code_key
from services.reporting.domain.recognitions import Recognition, certified_products, recognitions
from services.reporting.domain.snapshot import Row, Scope, Snapshot


@dataclass(frozen=True)
class PublicProduct:
    product_code: str
    name: str
    producer_name: str
    product_set: int
    commune_code: str
    status: str
    star: int = 0
    certificate_no: str = ""
    decision_no: str = ""
    decided_on: str = ""
    valid_from: str = ""
    valid_to: str = ""
    ended_on: str = ""
    revocation_no: str = ""


def product_by_code(snap: Snapshot, code: str) -> str | None:
    """The id of the product that has, or has had, `code` (case and spaces ignored): its
    latest code, or any earlier one (a legacy `T-H-X-STT-YYYY` code, a code before
    re-coding) — labels printed with an old code still find the product."""
    wanted = code_key(code)
    if not wanted:
        return None
    for product_id, row in snap.products.items():
        if row.get("code", "").upper() == wanted:
            return product_id
    earlier = snap.product_codes_ever.get(wanted, {}).get("product_id", "")
    return earlier if earlier in snap.products else None


def public_product(snap: Snapshot, code: str, day: date) -> PublicProduct | None:
    """The public page of the product that has or had `code`, on `day` (its
    `product_code` is the latest code), or None (no product ever had it)."""
    product_id = product_by_code(snap, code)
    if product_id is None:
        return None
    product = snap.products[product_id]
    producer = snap.producers.get(product.get("producer_id", ""), {})
    shown = PublicProduct(
        product_code=product.get("code", ""),
        name=product.get("name", ""),
        producer_name=producer.get("name", ""),
        product_set=int(product.get("product_set") or 0),
        commune_code=_commune(product),
        status="none",
    )
    current = certified_products(snap, Scope(), day).get(product_id)
    if current is not None:
        return _with(shown, current, "valid")
    history = [r for r in recognitions(snap, Scope()) if r.product_id == product_id]
    started = [r for r in history if (r.row.get("valid_from") or "") <= day.isoformat()]
    if not started:
        return shown
    latest = started[-1]
    return _with(shown, latest, "revoked" if latest.row.get("revoked_on") else "expired")


def _with(shown: PublicProduct, rec: Recognition, status: str) -> PublicProduct:
    row: Row = rec.row
    ended = ""
    if status == "revoked":
        ended = row.get("revoked_on", "")
    elif status == "expired":
        ended = row.get("expired_on") or row.get("superseded_on") or row.get("valid_to", "")
    return PublicProduct(
        **{
            **shown.__dict__,
            "status": status,
            "star": rec.star,
            "certificate_no": row.get("certificate_no", ""),
            "decision_no": row.get("decision_no", ""),
            "decided_on": row.get("decided_on", ""),
            "valid_from": row.get("valid_from", ""),
            "valid_to": row.get("valid_to", ""),
            "ended_on": ended,
            "revocation_no": row.get("revocation_no", "") if status == "revoked" else "",
        }
    )


def _commune(product: Row) -> str:
    try:
        units = json.loads(product.get("units") or "{}")
    except ValueError:
        return ""
    return str(units.get("commune", "")) if isinstance(units, dict) else ""
