"""What a report lists beside the KPIs: recognitions by kind and star, and the period's
lists of products recognised, forwarded, returned, expired and revoked. Pure, over a
`Snapshot`."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.reporting.domain.kpi_figures import expired
from services.reporting.domain.periods import Period
from services.reporting.domain.recognitions import in_scope, recognitions
from services.reporting.domain.snapshot import Scope, Snapshot

Lists = dict[str, list[dict[str, Any]]]


def stars_by_kind(snap: Snapshot, scope: Scope, period: Period) -> dict[str, dict[int, int]]:
    """Recognition decisions dated in the period by kind (first, upgrade, re_evaluation)
    and star: the report's table of stars."""
    table = {k: {3: 0, 4: 0, 5: 0} for k in ("first", "upgrade", "re_evaluation")}
    for rec in recognitions(snap, scope):
        if period.contains(rec.row["decided_on"]):
            table[rec.kind][rec.star] = table[rec.kind].get(rec.star, 0) + 1
    return table


def product_name(snap: Snapshot, product_id: str) -> str:
    name = snap.products.get(product_id, {}).get("name", "")
    if name:
        return name
    for dossier in snap.dossiers_of(product_id):
        if dossier.get("product_name"):
            return dossier["product_name"]
    return product_id


def period_lists(snap: Snapshot, scope: Scope, period: Period, today: date) -> Lists:
    """The report's lists of products in the period: recognised (Recognized), forwarded to
    the next level (ForwardedToProvince), returned by it (ReturnedByProvince), expired and
    revoked (as the KPIs `expired` and `revoked` count them). Each row: product, name,
    star, decision or certificate number, the date, and the kind where it applies."""
    lists: Lists = {k: [] for k in ("recognised", "forwarded", "returned", "expired", "revoked")}
    _certificate_lists(lists, snap, scope, period, today)
    _dossier_lists(lists, snap, scope, period)
    for rows in lists.values():
        rows.sort(key=lambda r: (r["on"], r["name"]))
    return lists


def _certificate_lists(
    lists: Lists, snap: Snapshot, scope: Scope, period: Period, today: date
) -> None:
    """Recognised, expired and revoked in the period, from the certificates."""
    ran_out = set(expired(snap, scope, period, today).items)
    for rec in recognitions(snap, scope):
        row = rec.row
        base = {
            "product_id": rec.product_id,
            "name": product_name(snap, rec.product_id),
            "star": rec.star,
        }
        if period.contains(row["decided_on"]):
            lists["recognised"].append(
                {**base, "number": row["decision_no"], "on": row["decided_on"], "kind": rec.kind}
            )
        if rec.dossier_id in ran_out:
            number = row["certificate_no"] or row["decision_no"]
            lists["expired"].append({**base, "number": number, "on": row["valid_to"], "kind": ""})
        if period.contains(row.get("revoked_on", "")):
            lists["revoked"].append(
                {
                    **base,
                    "number": row["revocation_no"],
                    "on": row["revoked_on"],
                    "kind": row.get("revocation_ground", ""),
                }
            )


def _dossier_lists(lists: Lists, snap: Snapshot, scope: Scope, period: Period) -> None:
    """Forwarded to the next level and answered by it in the period, from the dossiers."""
    for dossier in snap.dossiers.values():
        pid = dossier.get("product_id", "")
        if not pid or not in_scope(snap, scope, pid):
            continue
        base = {"product_id": pid, "name": product_name(snap, pid)}
        if period.contains(dossier.get("forwarded_on", "")):
            star = int(dossier.get("awarded_star") or dossier.get("star_band") or 0)
            lists["forwarded"].append(
                {
                    **base,
                    "star": star,
                    "number": dossier.get("score", ""),
                    "on": dossier["forwarded_on"],
                    "kind": dossier.get("to_level", ""),
                }
            )
        if period.contains(dossier.get("answered_on", "")):
            lists["returned"].append(
                {
                    **base,
                    "star": int(dossier.get("star_band") or 0),
                    "number": dossier.get("answered_score", ""),
                    "on": dossier["answered_on"],
                    "kind": dossier.get("answered_by_level", ""),
                }
            )
