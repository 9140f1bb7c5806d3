"""Every KPI of the OCOP plan, defined in one place, computed from the KPI read models.

A KPI is computed for a jurisdiction (`Scope`: a district's pre-2025 code under R1, a
province or a commune under R2/R3; empty or "VN" for all) and a period (`Period`: a
half-year "2025-H1", a year "2025", or any dates). Each definition below names the
events it is computed from, its unit and what it excludes (its docstring); `KPIS` lists
them in report order. Dates are Vietnam dates; a period includes both its first and last
day. A KPI whose publishing service has sent no event at all has no value
(`Figure.value is None`, shown "không có dữ liệu"), never a made-up zero.

Targets come from the local policy (`rules.plan_targets`) by code, for the year of the
period's last day; `rules.target_status` says below / met / stretch_met. Count targets
are yearly: in a half-year they show the progress so far.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from rules import target_status
from services.reporting.domain.facts import SOURCES

__all__ = ["KPIS", "SOURCES", "Kpi", "Line", "Period", "Scope", "Snapshot", "lines", "parse_period"]

Row = dict[str, str]

CENTRAL = frozenset({"", "VN", "central"})


@dataclass(frozen=True)
class Period:
    """Dates `starts`-`ends`, both included; `code` as typed ("2025-H1", "2025", or
    "dd/mm/yyyy-dd/mm/yyyy")."""

    code: str
    starts: date
    ends: date

    def contains(self, day: str) -> bool:
        return bool(day) and self.starts.isoformat() <= day <= self.ends.isoformat()

    @property
    def halves(self) -> tuple[Period, ...]:
        """The half-years of the period's years (the stars-by-period chart's columns)."""
        return tuple(
            parse_period(f"{year}-H{half}")
            for year in range(self.starts.year, self.ends.year + 1)
            for half in (1, 2)
        )


_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = r"(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"
_RANGE = re.compile(rf"^{_DAY}\s*(?:\.\.|–|-|to|đến)\s*{_DAY}$")


def parse_day(text: str) -> date:
    """A date typed dd/mm/yyyy or yyyy-mm-dd; ValueError otherwise."""
    text = text.strip()
    found = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", text)
    if found:
        dd, mm, yyyy = (int(p) for p in found.groups())
        return date(yyyy, mm, dd)
    return date.fromisoformat(text)


def _unknown(code: str) -> ValueError:
    return ValueError(
        f"Kỳ báo cáo không hợp lệ: {code!r} (ví dụ 2025-H1, 2025, 01/01/2025-31/03/2025) / "
        f"unknown period {code!r} (e.g. 2025-H1, 2025, 01/01/2025-31/03/2025)"
    )


def _days(code: str, starts: str, ends: str) -> tuple[date, date]:
    try:
        return parse_day(starts), parse_day(ends)
    except ValueError as error:
        raise _unknown(code) from error


def parse_period(code: str, starts: str = "", ends: str = "") -> Period:
    """The period "2025-H1" (01/01-30/06), "2025-H2" (01/07-31/12), "2025" (the year),
    "dd/mm/yyyy-dd/mm/yyyy", or the dates `starts`/`ends` when `code` is empty.
    ValueError (message in Vietnamese and English) for anything else."""
    code = code.strip()
    if not code and starts and ends:
        first, last = _days(f"{starts}-{ends}", starts, ends)
        code = f"{first:%d/%m/%Y}-{last:%d/%m/%Y}"
    elif found := _HALF.match(code):
        year, half = int(found[1]), int(found[2])
        first, last = (
            (date(year, 1, 1), date(year, 6, 30))
            if half == 1
            else (date(year, 7, 1), date(year, 12, 31))
        )
    elif found := _YEAR.match(code):
        first, last = date(int(found[1]), 1, 1), date(int(found[1]), 12, 31)
    elif found := _RANGE.match(code):
        first, last = _days(code, found[1], found[2])
    else:
        raise _unknown(code)
    if last < first:
        raise ValueError("Ngày kết thúc trước ngày bắt đầu / the period ends before it starts")
    return Period(code, first, last)


def codes(units: str) -> frozenset[str]:
    """Every unit code of a read-model row's `units` (JSON of a unit path)."""
    if not units:
        return frozenset()
    return frozenset(str(c) for c in json.loads(units).values() if c)


@dataclass
class Snapshot:
    """The KPI read models as loaded from the store (rows of text; see `facts.TABLES`),
    and how many events each publishing service has sent (`sources`)."""

    producers: dict[str, Row] = field(default_factory=dict)
    products: dict[str, Row] = field(default_factory=dict)
    dossiers: dict[str, Row] = field(default_factory=dict)
    certificates: dict[str, Row] = field(default_factory=dict)
    inspection_plans: list[Row] = field(default_factory=list)
    inspections: list[Row] = field(default_factory=list)
    channels: list[Row] = field(default_factory=list)
    value_chains: list[Row] = field(default_factory=list)
    showrooms: list[Row] = field(default_factory=list)
    answers: dict[str, Row] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False, compare=False)
    """Answers computed once per snapshot (recognitions per scope, certified per day)."""

    def has(self, source: str) -> bool:
        return self.sources.get(source, 0) > 0

    @cached_property
    def _by_product(self) -> dict[str, list[Row]]:
        """Each product's dossiers (built once per snapshot)."""
        found: dict[str, list[Row]] = {}
        for dossier in self.dossiers.values():
            if dossier.get("product_id"):
                found.setdefault(dossier["product_id"], []).append(dossier)
        return found

    @cached_property
    def _codes(self) -> dict[str, frozenset[str]]:
        every = set(self.products) | set(self._by_product)
        return {
            pid: frozenset(
                codes(self.products.get(pid, {}).get("units", "")).union(
                    *(codes(d.get("units", "")) for d in self._by_product.get(pid, []))
                )
            )
            for pid in every
        }

    def dossiers_of(self, product_id: str) -> list[Row]:
        return self._by_product.get(product_id, [])

    def product_codes(self, product_id: str) -> frozenset[str]:
        """Unit codes of a product: its registration's and its dossiers' assessments'."""
        return self._codes.get(product_id, frozenset())

    def producer_of(self, product_id: str) -> str:
        product = self.products.get(product_id)
        if product and product.get("producer_id"):
            return product["producer_id"]
        for dossier in self.dossiers_of(product_id):
            if dossier.get("producer_id"):
                return dossier["producer_id"]
        return ""


@dataclass(frozen=True)
class Scope:
    """A jurisdiction: a row is in scope when the code is one of its unit codes (current or
    pre-2025 commune, district, province; runtime.jurisdiction's rule). Empty or "VN": all."""

    code: str = ""

    def covers(self, unit_codes: Iterable[str]) -> bool:
        return self.code in CENTRAL or self.code in set(unit_codes)


LIMITED_SCOPES = frozenset({"commune", "district", "province"})
"""Access scopes tied to the caller's own unit (runtime/identity/policy.yaml)."""


def within(snap: Snapshot, unit: str, holder: str) -> bool:
    """Whether `unit` lies within `holder`'s unit: the same code, or a smaller unit (a
    longer code: provinces have 2 digits, districts 3, communes 5 in the national lists,
    before and after 2025) on the unit path of a product that also carries `holder`."""
    if unit == holder:
        return True
    if unit in CENTRAL or len(unit) <= len(holder):
        return False
    return any(unit in path and holder in path for path in snap._codes.values())


# --- certificates and recognitions ---------------------------------------------------


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


# --- figures ---------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Kpi:
    """One KPI: `code` (the local policy's target code where it has one), labels, `unit`
    (count or share), the services it reads, and how it is computed. The function's
    docstring is the definition shown to operators."""

    code: str
    vi: str
    en: str
    unit: str
    sources: tuple[str, ...]
    compute: Compute
    group: str

    @property
    def definition(self) -> str:
        return (self.compute.__doc__ or "").strip()

    def figure(self, snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
        if not all(snap.has(s) for s in self.sources):
            return Figure(None)
        return self.compute(snap, scope, period, today)


def _new(star: int) -> Compute:
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


def _of_kind(kind: str) -> Compute:
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


def _certified(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Products under a valid certificate on the period's last day (Recognized valid_from-
    valid_to, cut short by Revoked or CertificateSuperseded). Unit: products. Excludes
    certificates expired, revoked or replaced before that day; a certificate expiring on
    that very day still counts."""
    return _count(certified_products(snap, scope, period.ends))


def _expired(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
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


def _revoked(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Certificates revoked by a decision dated in the period (Revoked.decided_on). Unit:
    certificates. Excludes revocation cases opened but not decided (RevocationOpened)."""
    return _count(
        r.dossier_id
        for r in recognitions(snap, scope)
        if period.contains(r.row.get("revoked_on", ""))
    )


def _producers(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """OCOP producers (chủ thể) on the period's last day: producers with a product in scope
    under a valid certificate then. Unit: producers. The denominator of every share."""
    return _count(certified_producers(snap, scope, period.ends))


def _producer_share(test: Callable[[Row], bool]) -> Callable[[Snapshot, Scope, Period], Figure]:
    def share(snap: Snapshot, scope: Scope, period: Period) -> Figure:
        whole = certified_producers(snap, scope, period.ends)
        part = {p for p in whole if test(snap.producers.get(p, {}))}
        return _share(part, whole)

    return share


def _cooperative_share(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Share of OCOP producers (see `producers`) registered as cooperatives (hợp tác xã:
    ProducerRegistered.kind = cooperative) on the period's last day. Unit: fraction 0-1.
    Excludes cooperative groups (tổ hợp tác) and producers without a valid certificate."""
    return _producer_share(lambda p: p.get("kind") == "cooperative")(snap, scope, period)


def _sme_share(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Share of OCOP producers that are small and medium enterprises
    (ProducerRegistered.is_sme) on the period's last day. Unit: fraction 0-1."""
    return _producer_share(lambda p: p.get("is_sme") == "1")(snap, scope, period)


def _active(since: str, until: str, ended: str, day: date) -> bool:
    iso = day.isoformat()
    last = min(x for x in (until, ended) if x) if (until or ended) else "9999-12-31"
    return bool(since) and since <= iso <= last


def _value_chain_share(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Share of OCOP producers in a value-chain link on the period's last day
    (ValueChainLinked since-until, ValueChainEnded). Unit: fraction 0-1."""
    whole = certified_producers(snap, scope, period.ends)
    part = {
        v["producer_id"]
        for v in snap.value_chains
        if _active(v.get("since", ""), v.get("until", ""), v.get("ended_on", ""), period.ends)
    }
    return _share(part, whole)


def _modern_channel_share(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
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


def _showrooms(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """OCOP showrooms and sales points open on the period's last day (ShowroomOpened,
    ShowroomClosed) in the jurisdiction. Unit: showrooms. Excludes closed ones."""
    return _count(
        s["showroom_id"]
        for s in snap.showrooms
        if scope.covers(codes(s.get("units", "")))
        and _active(s.get("opened_on", ""), "", s.get("closed_on", ""), period.ends)
    )


def _in_scope(snap: Snapshot, scope: Scope, product_id: str) -> bool:
    return scope.covers(snap.product_codes(product_id))


def _inspections_due(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Planned inspections due in the period: a product of an inspection plan
    (InspectionPlanned) whose plan window ends in the period. Unit: (plan, product) pairs.
    Excludes ad hoc inspections (no plan)."""
    return _count(
        f"{p['plan_id']}/{p['product_id']}"
        for p in snap.inspection_plans
        if period.contains(p.get("ends_on", "")) and _in_scope(snap, scope, p["product_id"])
    )


def _concluded(outcomes: tuple[str, ...]) -> Compute:
    def compute(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
        return _count(
            i["event_id"]
            for i in snap.inspections
            if i.get("outcome") in outcomes
            and period.contains(i.get("concluded_on", ""))
            and _in_scope(snap, scope, i["product_id"])
        )

    return compute


_inspections_done = _concluded(("passed", "remediation_required", "failed"))
_inspections_done.__doc__ = (
    "Inspections concluded in the period, periodic and ad hoc (InspectionPassed, "
    "RemediationRequired, InspectionFailed; concluded_on). Unit: conclusions. Excludes "
    "follow-up visits (RemediationCompleted) and overdue remediations."
)
_inspections_failed = _concluded(("failed",))
_inspections_failed.__doc__ = (
    "Inspections concluded non-compliant in the period (InspectionFailed), each opening a "
    "revocation case. Unit: conclusions."
)


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
        if _in_scope(snap, scope, row["product_id"]):
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


def _pipeline(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Dossiers in the pipeline on the period's last day (DossierSubmitted or CommuneAssessed
    received by then; not yet recognised, not recognised or rejected: Recognized, Scored).
    Unit: dossiers. Includes dossiers returned to the producer for completion."""
    return _count(r["dossier_id"] for r in open_dossiers(snap, scope, period.ends))


def _overdue(snap: Snapshot, scope: Scope, period: Period, today: date) -> Figure:
    """Open dossiers overdue on the period's last day (or today, if earlier): the commune's
    check deadline (DossierSubmitted.check_deadline) passed without CommuneAssessed, or the
    next level's round deadline (ForwardedToProvince.next_round_decided_by) passed without
    its answer. Unit: dossiers."""
    day = min(period.ends, today)
    return _count(r["dossier_id"] for r in open_dossiers(snap, scope, day) if is_overdue(r, day))


KPIS: tuple[Kpi, ...] = (
    Kpi(
        "new_3_star",
        "Sản phẩm 3 sao mới",
        "New 3★ products",
        "count",
        ("evaluation",),
        _new(3),
        "recognition",
    ),
    Kpi(
        "new_4_star",
        "Sản phẩm 4 sao mới",
        "New 4★ products",
        "count",
        ("evaluation",),
        _new(4),
        "recognition",
    ),
    Kpi(
        "new_5_star",
        "Sản phẩm 5 sao mới",
        "New 5★ products",
        "count",
        ("evaluation",),
        _new(5),
        "recognition",
    ),
    Kpi(
        "first_recognitions",
        "Công nhận lần đầu",
        "First recognitions",
        "count",
        ("evaluation",),
        _of_kind("first"),
        "recognition",
    ),
    Kpi(
        "upgrades",
        "Nâng hạng sao",
        "Upgrades",
        "count",
        ("evaluation",),
        _of_kind("upgrade"),
        "recognition",
    ),
    Kpi(
        "re_recognitions",
        "Công nhận lại (đánh giá lại)",
        "Re-recognitions (re-evaluation)",
        "count",
        ("evaluation",),
        _of_kind("re_evaluation"),
        "recognition",
    ),
    Kpi(
        "certified_products",
        "Sản phẩm còn hiệu lực chứng nhận cuối kỳ",
        "Products under a valid certificate at the period's end",
        "count",
        ("evaluation",),
        _certified,
        "certificate",
    ),
    Kpi(
        "expired",
        "Giấy chứng nhận hết hiệu lực trong kỳ",
        "Certificates expired in the period",
        "count",
        ("evaluation",),
        _expired,
        "certificate",
    ),
    Kpi(
        "revoked",
        "Giấy chứng nhận bị thu hồi trong kỳ",
        "Certificates revoked in the period",
        "count",
        ("evaluation",),
        _revoked,
        "certificate",
    ),
    Kpi(
        "ocop_producers",
        "Chủ thể OCOP cuối kỳ",
        "OCOP producers at the period's end",
        "count",
        ("registration", "evaluation"),
        _producers,
        "producer",
    ),
    Kpi(
        "cooperative_share",
        "Tỷ lệ chủ thể là hợp tác xã",
        "Share of producers that are cooperatives",
        "share",
        ("registration", "evaluation"),
        _cooperative_share,
        "producer",
    ),
    Kpi(
        "sme_share",
        "Tỷ lệ chủ thể là doanh nghiệp nhỏ và vừa",
        "Share of producers that are SMEs",
        "share",
        ("registration", "evaluation"),
        _sme_share,
        "producer",
    ),
    Kpi(
        "value_chain_share",
        "Tỷ lệ chủ thể tham gia chuỗi giá trị",
        "Share of producers in value chains",
        "share",
        ("evaluation", "promotion"),
        _value_chain_share,
        "promotion",
    ),
    Kpi(
        "modern_channel_share",
        "Tỷ lệ chủ thể bán qua kênh phân phối hiện đại",
        "Share of producers in modern channels",
        "share",
        ("evaluation", "promotion"),
        _modern_channel_share,
        "promotion",
    ),
    Kpi(
        "showrooms",
        "Điểm giới thiệu, bán sản phẩm OCOP",
        "OCOP showrooms",
        "count",
        ("promotion",),
        _showrooms,
        "promotion",
    ),
    Kpi(
        "inspections_due",
        "Lượt kiểm tra đến hạn theo kế hoạch",
        "Planned inspections due",
        "count",
        ("inspection",),
        _inspections_due,
        "inspection",
    ),
    Kpi(
        "inspections_done",
        "Lượt kiểm tra đã kết luận",
        "Inspections concluded",
        "count",
        ("inspection",),
        _inspections_done,
        "inspection",
    ),
    Kpi(
        "inspections_failed",
        "Lượt kiểm tra không đạt",
        "Inspections failed",
        "count",
        ("inspection",),
        _inspections_failed,
        "inspection",
    ),
    Kpi(
        "dossiers_in_pipeline",
        "Hồ sơ đang xử lý cuối kỳ",
        "Dossiers in the pipeline at the period's end",
        "count",
        ("registration",),
        _pipeline,
        "dossier",
    ),
    Kpi(
        "dossiers_overdue",
        "Hồ sơ quá hạn",
        "Dossiers overdue",
        "count",
        ("registration",),
        _overdue,
        "dossier",
    ),
)


def kpi(code: str) -> Kpi:
    """The definition of `code`; KeyError for an unknown code."""
    for entry in KPIS:
        if entry.code == code:
            return entry
    raise KeyError(code)


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


def period_lists(
    snap: Snapshot, scope: Scope, period: Period, today: date
) -> dict[str, list[dict[str, Any]]]:
    """The report's lists of products in the period: recognised (Recognized), forwarded to
    the next level (ForwardedToProvince), returned by it (ReturnedByProvince), expired and
    revoked (as the KPIs `expired` and `revoked` count them). Each row: product, name,
    star, decision or certificate number, the date, and the kind where it applies."""
    lists: dict[str, list[dict[str, Any]]] = {
        "recognised": [],
        "forwarded": [],
        "returned": [],
        "expired": [],
        "revoked": [],
    }
    expired = set(_expired(snap, scope, period, today).items)
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
        if rec.dossier_id in expired:
            lists["expired"].append(
                {
                    **base,
                    "number": row["certificate_no"] or row["decision_no"],
                    "on": row["valid_to"],
                    "kind": "",
                }
            )
        if period.contains(row.get("revoked_on", "")):
            lists["revoked"].append(
                {
                    **base,
                    "number": row["revocation_no"],
                    "on": row["revoked_on"],
                    "kind": row.get("revocation_ground", ""),
                }
            )
    for dossier in snap.dossiers.values():
        pid = dossier.get("product_id", "")
        if not pid or not _in_scope(snap, scope, pid):
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
    for rows in lists.values():
        rows.sort(key=lambda r: (r["on"], r["name"]))
    return lists


@dataclass(frozen=True)
class Line:
    """One KPI next to its target: the figure, the target (None where the plan sets none)
    and its status (`rules.target_status`: below, met, stretch_met; "" without a target or
    without data)."""

    kpi: Kpi
    figure: Figure
    target: Any | None
    status: str


def lines(
    snap: Snapshot, scope: Scope, period: Period, today: date, targets: Iterable[Any]
) -> list[Line]:
    """Every KPI of `KPIS` for `scope` and `period`, each with the plan's target of the same
    code (rules.Target) and its status."""
    by_code = {t.code: t for t in targets}
    found = []
    for entry in KPIS:
        figure = entry.figure(snap, scope, period, today)
        target = by_code.get(entry.code)
        status = (
            target_status(target, figure.value)
            if target is not None and figure.value is not None
            else ""
        )
        found.append(Line(entry, figure, target, status))
    return found
