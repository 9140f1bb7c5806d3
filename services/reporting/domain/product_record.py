"""A product's row beside its catalogue status (issue 13 items 5 and 6): the certificate in
force on a day, the dossier in progress, and the next level's answer, kept apart.

An upgrade or re-evaluation dossier in progress does not hide the certificate still in
force; a failed upgrade (scored not recognised) leaves it current; an expired, revoked
or replaced certificate is never current. Pure: computed from the KPI read models
(`domain.snapshot.Snapshot`)."""

from __future__ import annotations

from datetime import date

from services.reporting.domain.recognitions import certified_products, open_dossiers
from services.reporting.domain.snapshot import Row, Scope, Snapshot

EMPTY_CERTIFICATE = {
    "current_star": 0,
    "current_certificate_no": "",
    "current_decision_no": "",
    "current_valid_from": "",
    "current_valid_to": "",
}
EMPTY_DOSSIER = {"open_dossier_id": "", "open_dossier_kind": "", "open_dossier_status": ""}
EMPTY_ANSWER = {
    "higher_level": "",
    "higher_outcome": "",
    "higher_score": "",
    "higher_star": 0,
    "higher_reason": "",
    "higher_answered_on": "",
    "higher_answered_by": "",
}


def dossier_status(row: Row) -> str:
    """How far an open dossier has gone: dossier_submitted, returned_to_producer,
    commune_assessed, scored, forwarded, or returned (by the next level)."""
    if row.get("answered_on"):
        return "returned"
    for column, status in (
        ("forwarded_on", "forwarded"),
        ("scored_on", "scored"),
        ("assessed_on", "commune_assessed"),
    ):
        if row.get(column):
            return status
    if row.get("returned_to_producer_on") and not row.get("resubmitted_on"):
        return "returned_to_producer"
    return "dossier_submitted"


class Records:
    """Every product's certificate in force on `day`, open dossier and latest answer,
    computed once for a snapshot (a list of 50,000 products reads them in one pass)."""

    def __init__(self, snap: Snapshot, day: date) -> None:
        self.snap = snap
        self.current = certified_products(snap, Scope(), day)
        self.open: dict[str, Row] = {}
        for row in sorted(open_dossiers(snap, Scope(), day), key=_received):
            self.open[row["product_id"]] = row  # the latest received wins

    def of(self, product_id: str) -> dict[str, object]:
        """The fields of `product_id`'s row (empty values where there is nothing)."""
        found: dict[str, object] = {**EMPTY_CERTIFICATE, **EMPTY_DOSSIER, **EMPTY_ANSWER}
        held = self.current.get(product_id)
        if held is not None:
            row = held.row
            found.update(
                current_star=held.star,
                current_certificate_no=row.get("certificate_no", ""),
                current_decision_no=row.get("decision_no", ""),
                current_valid_from=row.get("valid_from", ""),
                current_valid_to=row.get("valid_to", ""),
            )
        dossier = self.open.get(product_id)
        if dossier is not None:
            found.update(
                open_dossier_id=dossier["dossier_id"],
                open_dossier_kind=dossier.get("kind", ""),
                open_dossier_status=dossier_status(dossier),
            )
        answers = [
            self.snap.answers[d["dossier_id"]]
            for d in self.snap.dossiers_of(product_id)
            if d["dossier_id"] in self.snap.answers
        ]
        if answers:
            answer = max(answers, key=lambda a: a.get("answered_on", ""))
            found.update(
                higher_level=answer.get("level", ""),
                higher_outcome=answer.get("outcome", ""),
                higher_score=answer.get("score", ""),
                higher_star=int(answer.get("star") or 0),
                higher_reason=answer.get("reason", ""),
                higher_answered_on=answer.get("answered_on", ""),
                higher_answered_by=answer.get("answered_by", ""),
            )
        return found


def _received(row: Row) -> str:
    return row.get("resubmitted_on") or row.get("received_on") or row.get("assessed_on", "")
