"""The dashboard's charts as data for server-side SVG (templates/_charts.html draws them; no
JavaScript): the stars recognised by period (year or half-year) as stacked columns, and
the plan's KPIs against their targets as horizontal bars with the target marked. Each
chart keeps its figures for the table shown beside it (the accessible alternative).

Geometry is in the SVG's own units (`WIDTH` wide); the SVG scales to the page's width."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

WIDTH = 360
STARS = (3, 4, 5)
"""The stars a certificate is issued for (R3 Art. 5: 1-2 stars are not recognised)."""
PERIODS = ("year", "half")


@dataclass(frozen=True)
class Segment:
    star: int
    count: int
    y: float
    height: float


@dataclass(frozen=True)
class Column:
    """One period's column: its label, the segments by star (bottom up) and its total."""

    label: str
    x: float
    width: float
    total: int
    segments: tuple[Segment, ...]

    def count(self, star: int) -> int:
        return next((s.count for s in self.segments if s.star == star), 0)


@dataclass(frozen=True)
class StarChart:
    columns: tuple[Column, ...]
    top: int
    """The value axis' top (the largest total, at least 1)."""
    height: int = 210
    base: int = 170
    """The y of the axis (columns grow up from it)."""

    @property
    def ticks(self) -> tuple[tuple[int, float], ...]:
        """(value, y) of the value axis' lines: 0, half and the top."""
        values = sorted({0, self.top // 2, self.top})
        return tuple((v, self.base - v * (self.base - 20) / self.top) for v in values)


def period_of(day: str, by: str) -> str:
    """The period of an ISO day: "2024" by year, "6T1/2024" or "6T2/2024" by half-year
    ("" for no day)."""
    if len(day) < 7:
        return ""
    if by == "half":
        return f"6T{1 if int(day[5:7]) <= 6 else 2}/{day[:4]}"
    return day[:4]


def _order(label: str) -> tuple[str, str]:
    year, _, half = label.partition("/")[::-1]
    return (year or label, half)


def stars_by_period(products: Iterable[Any], by: str = "year") -> StarChart:
    """Products holding a certificate (reporting's ListProducts: `current_star`, and
    `current_valid_from`, the recognition's day) counted by period and star."""
    counts: Counter[tuple[str, int]] = Counter()
    for p in products:
        period = period_of(p.current_valid_from, by)
        if period and p.current_star in STARS:
            counts[(period, p.current_star)] += 1
    periods = sorted({period for period, _ in counts}, key=_order)
    totals = {p: sum(counts[(p, s)] for s in STARS) for p in periods}
    top = max(totals.values(), default=1) or 1
    chart = StarChart((), top)
    step = (WIDTH - 40) / max(len(periods), 1)
    columns = []
    for i, period in enumerate(periods):
        y = float(chart.base)
        segments = []
        for star in STARS:
            n = counts[(period, star)]
            h = n * (chart.base - 20) / top
            y -= h
            segments.append(Segment(star, n, round(y, 1), round(h, 1)))
        width = min(48.0, step * 0.6)
        x = 36 + i * step + (step - width) / 2
        columns.append(
            Column(period, round(x, 1), round(width, 1), totals[period], tuple(segments))
        )
    return StarChart(tuple(columns), top)


@dataclass(frozen=True)
class TargetBar:
    """A KPI with a target: its figures as shown and the bar's geometry (fractions of the
    row's scale, the larger of the actual, the target and the stretch target)."""

    label: str
    actual: str
    target: str
    status: str
    y: float
    actual_width: float
    target_x: float


def number(text: str) -> Decimal:
    """A figure of reporting's answer (a decimal as text); 0 when empty or not a number."""
    try:
        return Decimal(text or "0")
    except InvalidOperation:
        return Decimal(0)


def shown(value: Decimal, unit: str) -> str:
    """A KPI's figure as shown: a share as a percentage ("75 %"), a count as is."""
    return f"{value * 100:.0f} %" if unit == "share" else f"{value.normalize():f}"


ROW = 54
"""Height of one KPI's row: its label above, the bar below."""


def targets_vs_actuals(kpis: Iterable[Any], lang: str) -> tuple[TargetBar, ...]:
    """The KPIs of reporting's GetKpis that have a target (in their order)."""
    bars: list[TargetBar] = []
    span = WIDTH - 20
    for line in kpis:
        if not line.has_target:
            continue
        value, minimum = number(line.value), number(line.minimum)
        scale = max(value, minimum, number(line.stretch)) or Decimal(1)
        y = 8 + len(bars) * ROW
        bars.append(
            TargetBar(
                label=line.label_en if lang == "en" else line.label_vi,
                actual=shown(value, line.unit) if line.has_data else "",
                target=shown(minimum, line.unit),
                status=line.status or "none",
                y=y,
                actual_width=round(float(value / scale) * span, 1) if line.has_data else 0.0,
                target_x=round(10 + float(minimum / scale) * span, 1),
            )
        )
    return tuple(bars)
