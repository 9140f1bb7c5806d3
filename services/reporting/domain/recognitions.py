"""Certificates and dossiers as the KPIs read them: every recognition decision with its
kind, the certificates valid on a day and their producers, the dossiers open or overdue
on a day. Pure, over a `Snapshot`; answers per snapshot are memoised in `Snapshot.memo`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from services.reporting.domain.snapshot import Row, Scope, Snapshot


@dataclass(frozen=True)
class Recognition:
    """One recognition decision: its certificate and how it counts (`kind`: first,
    upgrade or re_evaluation)."""

    dossier_id: str
    product_id: str
    star: int
    kind: str
    row: Row


def recognitions(snap: Snapshot, scope: Scope) -> list[Recognition]:
    """Every recognition decision of a product in scope, oldest first, with its kind: the
    dossier's kind as registration filed it; where the dossier was never seen, inferred
    from the product's earlier certificates (none: first; a lower star: upgrade; else
    re-evaluation)."""
    key = ("recognitions", scope.code)
    if key not in snap.memo:
        snap.memo[key] = _recognitions(snap, scope)
    found: list[Recognition] = snap.memo[key]
    return found


def _recognitions(snap: Snapshot, scope: Scope) -> list[Recognition]:
    found: list[Recognition] = []
    ordered = sorted(
        snap.certificates.values(), key=lambda r: (r.get("decided_on", ""), r["dossier_id"])
    )
    held: dict[str, list[int]] = {}
    for row in ordered:
        if not row.get("decided_on"):
            continue  # an expiry or revocation seen before its decision
        product_id = row["product_id"]
        star = int(row["star"])
        kind = snap.dossiers.get(row["dossier_id"], {}).get("kind", "")
        earlier = held.setdefault(product_id, [])
        if kind not in ("first", "upgrade", "re_evaluation"):
            kind = (
                "first" if not earlier else ("upgrade" if star > max(earlier) else "re_evaluation")
            )
        earlier.append(star)
        if scope.covers(snap.product_codes(product_id)):
            found.append(Recognition(row["dossier_id"], product_id, star, kind, row))
    return found


def ends_on(row: Row) -> str:
    """The last day a certificate is valid: its validity end, or the day before it was
    revoked or superseded when that came first (ISO date)."""
    last = row.get("valid_to", "")
    for cut in ("revoked_on", "superseded_on"):
        if row.get(cut):
            before = (date.fromisoformat(row[cut]) - timedelta(days=1)).isoformat()
            last = min(last, before) if last else before
    return last


def valid_on(row: Row, day: date) -> bool:
    iso = day.isoformat()
    starts = row.get("valid_from") or row.get("decided_on", "")
    return bool(starts) and starts <= iso <= ends_on(row)


def certified_products(snap: Snapshot, scope: Scope, day: date) -> dict[str, Recognition]:
    """Products in scope under a valid certificate on `day` (the highest star if several)."""
    key = ("certified", scope.code, day)
    if key in snap.memo:
        cached: dict[str, Recognition] = snap.memo[key]
        return cached
    found: dict[str, Recognition] = {}
    for rec in recognitions(snap, scope):
        current = found.get(rec.product_id)
        if valid_on(rec.row, day) and (current is None or rec.star >= current.star):
            found[rec.product_id] = rec
    snap.memo[key] = found
    return found


def certified_producers(snap: Snapshot, scope: Scope, day: date) -> set[str]:
    """Producers (chủ thể) with at least one product in scope certified on `day`."""
    return {p for p in (snap.producer_of(pid) for pid in certified_products(snap, scope, day)) if p}


def in_scope(snap: Snapshot, scope: Scope, product_id: str) -> bool:
    return scope.covers(snap.product_codes(product_id))


def open_dossiers(snap: Snapshot, scope: Scope, day: date) -> list[Row]:
    """Dossiers received by `day` and not closed by then: closed are those recognised
    (a certificate decided) or scored not recognised / rejected on or before `day`."""
    iso = day.isoformat()
    found = []
    for row in snap.dossiers.values():
        received = row.get("received_on") or row.get("assessed_on", "")
        if not received or received > iso or not row.get("product_id"):
            continue
        certificate = snap.certificates.get(row["dossier_id"], {})
        if certificate.get("decided_on") and certificate["decided_on"] <= iso:
            continue
        closed = row.get("outcome") in ("not_recognised", "rejected")
        if closed and row.get("scored_on", "") <= iso:
            continue
        if in_scope(snap, scope, row["product_id"]):
            found.append(row)
    return found


def is_overdue(row: Row, day: date) -> bool:
    """An open dossier is overdue on `day` when the commune's check deadline has passed
    without its report (form 03), or the next level's round was to be decided and has not
    answered."""
    iso = day.isoformat()
    deadline = row.get("check_deadline", "")
    if deadline and deadline < iso and not (row.get("assessed_on") and row["assessed_on"] <= iso):
        return True
    decide_by = row.get("next_round_decided_by", "")
    answered = row.get("answered_on", "")
    return bool(decide_by) and decide_by < iso and not (answered and answered <= iso)
