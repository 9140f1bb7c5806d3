"""How each KPI's figure is computed from a `Snapshot` for a jurisdiction and a period.

Each compute function's docstring is that KPI's definition as operators read it (the
events it is computed from, its unit and what it excludes); `domain/kpi.py` lists the
KPIs in report order with their labels and sources. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from services.reporting.domain.periods import Period
from services.reporting.domain.recognitions import (
    certified_producers,
    certified_products,
    ends_on,
    in_scope,
    is_overdue,
    open_dossiers,
    recognitions,
)
from services.reporting.domain.snapshot import Row, Scope, Snapshot, codes


@dataclass(frozen=True)
class Figure:
    """A KPI's value: a count, or a share (`numerator`/`denominator`, a fraction 0-1 with
    4 decimals); None when a source service has no data at all."""

    value: Decimal | None
    numerator: int = 0
    denominator: int = 0
    items: tuple[str, ...] = ()


def _count(items: Iterable[str]) -> Figure:
    chosen = tuple(sorted(set(items)))
    return Figure(Decimal(len(chosen)), len(chosen), 0, chosen)


def _share(part: set[str], whole: set[str]) -> Figure:
    if not whole:
        return Figure(Decimal(0), 0, 0)
    value = (Decimal(len(part & whole)) / Decimal(len(whole))).quantize(
        Decimal("0.0001"), ROUND_HALF_UP
    )
    return Figure(value, len(part & whole), len(whole), tuple(sorted(part & whole)))


Compute = Callable[[Snapshot, Scope, Period, date], Figure]


def new(star: int) -> Compute:
    def compute(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
        return _count(
            r.product_id
            for r in recognitions(snap, scope)
            if r.star == star
            and r.kind in ("first", "upgrade")
            and period.contains(r.row["decided_on"])
        )

    compute.__doc__ = (
        f"Products newly recognised {star}★ in the period (Recognized.decided_on in the "
        f"period): first recognitions and upgrades to {star}★, each product once. Unit: "
        "products. Excludes re-evaluations (re-recognitions of the same star), decisions of "
        "other periods; a product recognised and revoked in the period still counts."
    )
    return compute


def of_kind(kind: str) -> Compute:
    def compute(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
        return _count(
            r.dossier_id
            for r in recognitions(snap, scope)
            if r.kind == kind and period.contains(r.row["decided_on"])
        )

    compute.__doc__ = (
        f"Recognition decisions of kind '{kind}' dated in the period (Recognized, the "
        "dossier's kind from DossierSubmitted/CommuneAssessed). Unit: decisions (all stars)."
    )
    return compute


def certified(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Products under a valid certificate on the period's last day (Recognized valid_from-
    valid_to, cut short by Revoked or CertificateSuperseded). Unit: products. Excludes
    certificates expired, revoked or replaced before that day; a certificate expiring on
    that very day still counts."""
    return _count(certified_products(snap, scope, period.ends))


def expired(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Certificates whose validity ran out in the period: first day no longer valid
    (valid_to + 1, as CertificateExpired.expired_on) within the period and not after today.
    Unit: certificates. Excludes certificates revoked or superseded before they ran out,
    and one whose last valid day is the period's last day (it expires in the next period)."""
    found = []
    for rec in recognitions(snap, scope):
        row = rec.row
        if not row.get("valid_to") or ends_on(row) != row["valid_to"]:
            continue
        first_day = date.fromisoformat(row["valid_to"]) + timedelta(days=1)
        if period.contains(first_day.isoformat()) and first_day <= today:
            found.append(rec.dossier_id)
    return _count(found)


def revoked(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Certificates revoked by a decision dated in the period (Revoked.decided_on). Unit:
    certificates. Excludes revocation cases opened but not decided (RevocationOpened)."""
    return _count(
        r.dossier_id
        for r in recognitions(snap, scope)
        if period.contains(r.row.get("revoked_on", ""))
    )


def producers(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """OCOP producers (chủ thể) on the period's last day: producers with a product in scope
    under a valid certificate then. Unit: producers. The denominator of every share."""
    return _count(certified_producers(snap, scope, period.ends))


def _producer_share(test: Callable[[Row], bool]) -> Callable[[Snapshot, Scope, Period], Figure]:
    def share(snap: Snapshot, scope: Scope, period: Period) -> Figure:
        whole = certified_producers(snap, scope, period.ends)
        part = {p for p in whole if test(snap.producers.get(p, {}))}
        return _share(part, whole)

    return share


def cooperative_share(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Share of OCOP producers (see `producers`) registered as cooperatives (hợp tác xã:
    ProducerRegistered.kind = cooperative) on the period's last day. Unit: fraction 0-1.
    Excludes cooperative groups (tổ hợp tác) and producers without a valid certificate."""
    return _producer_share(lambda p: p.get("kind") == "cooperative")(snap, scope, period)


def sme_share(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Share of OCOP producers that are small and medium enterprises
    (ProducerRegistered.is_sme) on the period's last day. Unit: fraction 0-1."""
    return _producer_share(lambda p: p.get("is_sme") == "1")(snap, scope, period)


def _active(since: str, until: str, ended: str, day: date) -> bool:
    iso = day.isoformat()
    last = min(x for x in (until, ended) if x) if (until or ended) else "9999-12-31"
    return bool(since) and since <= iso <= last


def value_chain_share(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Share of OCOP producers in a value-chain link on the period's last day
    (ValueChainLinked since-until, ValueChainEnded). Unit: fraction 0-1."""
    whole = certified_producers(snap, scope, period.ends)
    part = {
        v["producer_id"]
        for v in snap.value_chains
        if _active(v.get("since", ""), v.get("until", ""), v.get("ended_on", ""), period.ends)
    }
    return _share(part, whole)


def modern_channel_share(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Share of OCOP producers selling through a modern channel (SalesChannelJoined.modern)
    on the period's last day, until SalesChannelLeft. Unit: fraction 0-1. Excludes
    traditional channels."""
    whole = certified_producers(snap, scope, period.ends)
    part = {
        c["producer_id"]
        for c in snap.channels
        if c.get("modern") == "1"
        and _active(c.get("since", ""), c.get("until", ""), c.get("left_on", ""), period.ends)
    }
    return _share(part, whole)


def showrooms(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """OCOP showrooms and sales points open on the period's last day (ShowroomOpened,
    ShowroomClosed) in the jurisdiction. Unit: showrooms. Excludes closed ones."""
    return _count(
        s["showroom_id"]
        for s in snap.showrooms
        if scope.covers(codes(s.get("units", "")))
        and _active(s.get("opened_on", ""), "", s.get("closed_on", ""), period.ends)
    )


def inspections_due(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Planned inspections due in the period: a product of an inspection plan
    (InspectionPlanned) whose plan window ends in the period. Unit: (plan, product) pairs.
    Excludes ad hoc inspections (no plan)."""
    return _count(
        f"{p['plan_id']}/{p['product_id']}"
        for p in snap.inspection_plans
        if period.contains(p.get("ends_on", "")) and in_scope(snap, scope, p["product_id"])
    )


def concluded(outcomes: tuple[str, ...]) -> Compute:
    def compute(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
        return _count(
            i["event_id"]
            for i in snap.inspections
            if i.get("outcome") in outcomes
            and period.contains(i.get("concluded_on", ""))
            and in_scope(snap, scope, i["product_id"])
        )

    return compute


inspections_done = concluded(("passed", "remediation_required", "failed"))
inspections_done.__doc__ = (
    "Inspections concluded in the period, periodic and ad hoc (InspectionPassed, "
    "RemediationRequired, InspectionFailed; concluded_on). Unit: conclusions. Excludes "
    "follow-up visits (RemediationCompleted) and overdue remediations."
)
inspections_failed = concluded(("failed",))
inspections_failed.__doc__ = (
    "Inspections concluded non-compliant in the period (InspectionFailed), each opening a "
    "revocation case. Unit: conclusions."
)


def pipeline(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Dossiers in the pipeline on the period's last day (DossierSubmitted or CommuneAssessed
    received by then; not yet recognised, not recognised or rejected: Recognized, Scored).
    Unit: dossiers. Includes dossiers returned to the producer for completion."""
    return _count(r["dossier_id"] for r in open_dossiers(snap, scope, period.ends))


def overdue(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Open dossiers overdue on the period's last day (or today, if earlier): the commune's
    check deadline (DossierSubmitted.check_deadline) passed without CommuneAssessed, or the
    next level's round deadline (ForwardedToProvince.next_round_decided_by) passed without
    its answer. Unit: dossiers."""
    day = min(period.ends, today)
    return _count(r["dossier_id"] for r in open_dossiers(snap, scope, day) if is_overdue(r, day))
