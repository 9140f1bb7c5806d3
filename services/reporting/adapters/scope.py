"""Whose record each reporting call touches (`runtime.identity.scope`): a product lies in
the units its registration and its dossiers' assessments name (the KPI read models'
`product_codes`); a KPI query or report in the unit it names (the caller's own when it
names none), placed among the larger units it lies in by the products that carry it; an
audit trail in the units its events name. Listings keep the products the caller reaches.
Reporting does not know a producer's sign-in, so `own` reaches nothing here yet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from runtime.identity.scope import LISTED, NOWHERE, UNSCOPED, Locate, Record, own_unit, visible
from services.reporting.application.audit import AuditQueries
from services.reporting.domain.product_status import Row
from services.reporting.domain.snapshot import Snapshot


def product_record(snap: Snapshot, product_id: str) -> Record:
    return Record(NOWHERE, units=snap.product_codes(product_id.strip()))


def visible_products(audit: AuditQueries) -> Callable[[Row], bool]:
    """For listings: a test of a catalogue row (`product_id`, `commune_code`), true when
    the caller reaches the product."""
    snap = audit.live_snapshot()

    def reached(row: Row) -> bool:
        found = product_record(snap, str(row["product_id"]))
        commune = str(row.get("commune_code") or "")
        return visible(Record(NOWHERE, units=found.units | ({commune} - {""})))

    return reached


def _audit(servicer: Any) -> AuditQueries:
    audit: AuditQueries = servicer.audit if hasattr(servicer, "audit") else servicer.app.audit
    return audit


def by_product(servicer: Any, request: Any) -> Record | None:
    """None for a product the read models do not place (the handler answers NOT_FOUND)."""
    found = product_record(_audit(servicer).live_snapshot(), request.product_id)
    return found if found.units else None


def by_unit(servicer: Any, request: Any) -> Record:
    """The unit of a KPI query: its code and every shorter code (a larger unit) found on
    a product's units together with it."""
    code = own_unit(request.jurisdiction)
    if not code:
        return Record(NOWHERE)
    larger = {
        c
        for units in _audit(servicer).live_snapshot().unit_sets()
        if code in units
        for c in units
        if len(c) < len(code)
    }
    return Record(NOWHERE, units=frozenset({code, *larger}))


def by_trail(servicer: Any, request: Any) -> Record | None:
    units = _audit(servicer).trail_units(request.kind, request.id)
    return Record(NOWHERE, units=units) if units is not None else None


TABLE: dict[str, Locate | str] = {
    "GetProduct": by_product,
    "ListProducts": LISTED,
    "GetKpis": by_unit,
    "GetReport": by_unit,
    "GetPublicProduct": UNSCOPED,  # public (policy `public`): a recognised product's page
}
AUDIT_TABLE: dict[str, Locate | str] = {
    "GetTrail": by_trail,
    "GetProductAsOf": by_product,
    "ListProductsAsOf": LISTED,
}
