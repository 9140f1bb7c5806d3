"""Any past date: the catalogue and the certificates as the events recorded by then say.

`products` folds the events with the catalogue's own merge (`product_status`), so a
product's status on a past date is the one the live catalogue showed that day;
`certificates` gives each certificate's standing on the date from its recognition,
expiry, replacement and revocation events. The events are those recorded up to the end
of the date in the deployment's time zone (what the office knew that day): a decision
entered later, even one dated earlier, is not in an earlier answer. Pure code.

Certificate standings: `valid` (valid_from <= date <= valid_to, not ended),
`not_yet_valid`, `expired` (past valid_to, or CertificateExpired by then), `superseded`
(CertificateSuperseded on or before the date), `revoked` (Revoked decided on or before
the date). Validity periods come from the recognition decision (R1/R2/R3: 36 months;
OCOP-RULES.md §9)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from contracts.evaluation import CertificateExpired, CertificateSuperseded, Recognized, Revoked
from services.reporting.domain import product_status as ps
from services.reporting.domain.product_status import Row

STANDINGS = ("valid", "not_yet_valid", "expired", "superseded", "revoked")


def products(events: Iterable[Any]) -> dict[str, Row]:
    """product id -> its catalogue row (columns `product_status.COLUMNS`) after `events`.

    The same merge as the live catalogue: each product with its latest dossier."""
    identity: dict[str, Row] = {}
    dossiers: dict[str, Row] = {}
    for event in events:
        product = ps.product_change(event)
        if product is not None:
            identity[product["product_id"]] = product
        ids = ps.dossier_of(event)
        if ids is not None:
            changed = ps.dossier_change(event, dossiers.get(ids[0]))
            if changed is not None:
                dossiers[ids[0]] = changed
    latest: dict[str, Row] = {}
    certified: dict[str, Row] = {}
    for d in dossiers.values():
        seen = latest.get(d["product_id"])
        if seen is None or _newer(d, seen):
            latest[d["product_id"]] = d
        held = certified.get(d["product_id"])
        if d["valid_until"] and (held is None or _longer(d, held)):
            certified[d["product_id"]] = d
    rows: dict[str, Row] = {}
    for product_id, p in identity.items():
        last = latest.get(product_id)
        updated = max(p["registered_at"], last["updated_at"]) if last else p["registered_at"]
        rows[product_id] = {
            "product_id": product_id,
            "producer_id": p["producer_id"],
            "name": p["name"],
            "product_set": p["product_set"],
            "commune_code": p["commune_code"],
            "status": last["status"] if last and last["status"] else "registered",
            "star": last["star"] if last else 0,
            "score": last["score"] if last else "",
            "decision_no": last["decision_no"] if last else "",
            "dossier_id": last["dossier_id"] if last else "",
            "updated_at": updated,
            **{
                c: certified[product_id][c] if product_id in certified else ""
                for c in ps.CERTIFICATE_COLUMNS
            },
        }
    return rows


def _longer(a: Row, b: Row) -> bool:
    """The catalogue's choice of a product's certificate: valid the longest, then the
    smaller dossier id."""
    return (_neg(a["valid_until"]), a["dossier_id"]) < (_neg(b["valid_until"]), b["dossier_id"])


def _newer(a: Row, b: Row) -> bool:
    """The catalogue's order of a product's dossiers: not yet submitted first, then the
    latest submission, then the smaller id."""
    key_a = (a["submitted_at"] != "", _neg(a["submitted_at"]), a["dossier_id"])
    key_b = (b["submitted_at"] != "", _neg(b["submitted_at"]), b["dossier_id"])
    return key_a < key_b


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def certificates(events: Iterable[Any], on: date) -> list[Row]:
    """Each certificate recognised in `events` with its standing on `on` (`STANDINGS`):
    certificate_no, product_id, dossier_id, star, decision_no, valid_from, valid_to,
    standing, ended_by (the decision or event that ended it, "" while valid)."""
    found: dict[str, Row] = {}
    ends: list[Any] = []
    for event in events:
        if isinstance(event, Recognized):
            number = event.certificate_no or event.decision_no
            found[number] = {
                "certificate_no": number,
                "product_id": str(event.product_id),
                "dossier_id": str(event.dossier_id),
                "star": event.star,
                "decision_no": event.decision_no,
                "valid_from": event.valid_from.isoformat(),
                "valid_to": event.valid_to.isoformat(),
                "standing": "",
                "ended_by": "",
            }
        elif isinstance(event, CertificateExpired | CertificateSuperseded | Revoked):
            ends.append(event)
    for row in found.values():
        valid_from, valid_to = (
            date.fromisoformat(row["valid_from"]),
            date.fromisoformat(row["valid_to"]),
        )
        row["standing"] = (
            "not_yet_valid" if on < valid_from else "expired" if on > valid_to else "valid"
        )
    rank = {s: n for n, s in enumerate(STANDINGS)}
    for event in ends:
        ended = found.get(event.certificate_no)
        if ended is None:
            continue
        standing, by = _ended(event, on)
        if standing and rank[standing] > rank[ended["standing"]]:
            ended["standing"], ended["ended_by"] = standing, by
    return sorted(found.values(), key=lambda r: (r["valid_from"], r["certificate_no"]))


def _ended(event: Any, on: date) -> tuple[str, str]:
    if isinstance(event, Revoked) and event.decided_on <= on:
        return "revoked", event.decision_no
    if isinstance(event, CertificateSuperseded) and event.superseded_on <= on:
        return "superseded", event.by_certificate_no
    if isinstance(event, CertificateExpired) and event.expired_on <= on:
        return "expired", "CertificateExpired"
    return "", ""
