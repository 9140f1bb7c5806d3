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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rules import target_status
from services.reporting.domain import kpi_figures as f
from services.reporting.domain.facts import SOURCES
from services.reporting.domain.kpi_figures import Compute, Figure
from services.reporting.domain.periods import Period, parse_period
from services.reporting.domain.snapshot import Scope, Snapshot

__all__ = ["KPIS", "SOURCES", "Kpi", "Line", "Period", "Scope", "Snapshot", "lines", "parse_period"]


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


KPIS: tuple[Kpi, ...] = (
    Kpi(
        "new_3_star",
        "Sản phẩm 3 sao mới",
        "New 3★ products",
        "count",
        ("evaluation",),
        f.new(3),
        "recognition",
    ),
    Kpi(
        "new_4_star",
        "Sản phẩm 4 sao mới",
        "New 4★ products",
        "count",
        ("evaluation",),
        f.new(4),
        "recognition",
    ),
    Kpi(
        "new_5_star",
        "Sản phẩm 5 sao mới",
        "New 5★ products",
        "count",
        ("evaluation",),
        f.new(5),
        "recognition",
    ),
    Kpi(
        "first_recognitions",
        "Công nhận lần đầu",
        "First recognitions",
        "count",
        ("evaluation",),
        f.of_kind("first"),
        "recognition",
    ),
    Kpi(
        "upgrades",
        "Nâng hạng sao",
        "Upgrades",
        "count",
        ("evaluation",),
        f.of_kind("upgrade"),
        "recognition",
    ),
    Kpi(
        "re_recognitions",
        "Công nhận lại (đánh giá lại)",
        "Re-recognitions (re-evaluation)",
        "count",
        ("evaluation",),
        f.of_kind("re_evaluation"),
        "recognition",
    ),
    Kpi(
        "certified_products",
        "Sản phẩm còn hiệu lực chứng nhận cuối kỳ",
        "Products under a valid certificate at the period's end",
        "count",
        ("evaluation",),
        f.certified,
        "certificate",
    ),
    Kpi(
        "expired",
        "Giấy chứng nhận hết hiệu lực trong kỳ",
        "Certificates expired in the period",
        "count",
        ("evaluation",),
        f.expired,
        "certificate",
    ),
    Kpi(
        "revoked",
        "Giấy chứng nhận bị thu hồi trong kỳ",
        "Certificates revoked in the period",
        "count",
        ("evaluation",),
        f.revoked,
        "certificate",
    ),
    Kpi(
        "ocop_producers",
        "Chủ thể OCOP cuối kỳ",
        "OCOP producers at the period's end",
        "count",
        ("registration", "evaluation"),
        f.producers,
        "producer",
    ),
    Kpi(
        "cooperative_share",
        "Tỷ lệ chủ thể là hợp tác xã",
        "Share of producers that are cooperatives",
        "share",
        ("registration", "evaluation"),
        f.cooperative_share,
        "producer",
    ),
    Kpi(
        "sme_share",
        "Tỷ lệ chủ thể là doanh nghiệp nhỏ và vừa",
        "Share of producers that are SMEs",
        "share",
        ("registration", "evaluation"),
        f.sme_share,
        "producer",
    ),
    Kpi(
        "value_chain_share",
        "Tỷ lệ chủ thể tham gia chuỗi giá trị",
        "Share of producers in value chains",
        "share",
        ("evaluation", "promotion"),
        f.value_chain_share,
        "promotion",
    ),
    Kpi(
        "modern_channel_share",
        "Tỷ lệ chủ thể bán qua kênh phân phối hiện đại",
        "Share of producers in modern channels",
        "share",
        ("evaluation", "promotion"),
        f.modern_channel_share,
        "promotion",
    ),
    Kpi(
        "showrooms",
        "Điểm giới thiệu, bán sản phẩm OCOP",
        "OCOP showrooms",
        "count",
        ("promotion",),
        f.showrooms,
        "promotion",
    ),
    Kpi(
        "inspections_due",
        "Lượt kiểm tra đến hạn theo kế hoạch",
        "Planned inspections due",
        "count",
        ("inspection",),
        f.inspections_due,
        "inspection",
    ),
    Kpi(
        "inspections_done",
        "Lượt kiểm tra đã kết luận",
        "Inspections concluded",
        "count",
        ("inspection",),
        f.inspections_done,
        "inspection",
    ),
    Kpi(
        "inspections_failed",
        "Lượt kiểm tra không đạt",
        "Inspections failed",
        "count",
        ("inspection",),
        f.inspections_failed,
        "inspection",
    ),
    Kpi(
        "dossiers_in_pipeline",
        "Hồ sơ đang xử lý cuối kỳ",
        "Dossiers in the pipeline at the period's end",
        "count",
        ("registration",),
        f.pipeline,
        "dossier",
    ),
    Kpi(
        "dossiers_overdue",
        "Hồ sơ quá hạn",
        "Dossiers overdue",
        "count",
        ("registration",),
        f.overdue,
        "dossier",
    ),
)


def kpi(code: str) -> Kpi:
    """The definition of `code`; KeyError for an unknown code."""
    for entry in KPIS:
        if entry.code == code:
            return entry
    raise KeyError(code)


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
