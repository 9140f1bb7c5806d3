"""The report: every figure with its ratio to the limit it relates to (measured in the same
run) and, for the issue's targets (T3-T8), that ratio against the target's, met or missed;
a peer doing the same work in the same run is printed beside the figure it compares to.

A figure module declares its figures once, as `Spec`s; the runner collects the runs of
each figure by key and hands them here. Values are medians of the runs."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    """Issue 18's target for a figure: `ratio` × its limit at least (or, `at_most`, the
    figure over its limit at most; with no limit, the figure itself in its own unit)."""

    name: str
    ratio: float
    text: str
    at_most: bool = False


@dataclass(frozen=True)
class Spec:
    """A figure: its key, label and unit, the key of the limit it is divided by, the target
    the issue sets on that ratio, and the key of a peer doing the same work."""

    key: str
    label: str
    unit: str
    limit: str | None = None
    target: Target | None = None
    peer: str | None = None


@dataclass
class Figure:
    spec: Spec
    runs: list[float]

    @property
    def value(self) -> float:
        return statistics.median(self.runs)


Section = tuple[str, Sequence[Spec]]


def collect(sections: Sequence[Section], runs: dict[str, list[float]]) -> list[Figure]:
    """The figures of `sections` that were measured (their runs by key)."""
    return [
        Figure(spec, runs[spec.key])
        for _, specs in sections
        for spec in specs
        if runs.get(spec.key)
    ]


def ratio(figure: Figure, by_key: dict[str, Figure]) -> float | None:
    limit = figure.spec.limit
    if limit is None or limit not in by_key:
        return None
    return figure.value / by_key[limit].value


@dataclass(frozen=True)
class Verdict:
    figure: Figure
    target: Target
    measured: float  # the ratio (or, with no limit, the value) the target is about
    of_target: float  # measured / target (≥ 1 met; `at_most`: ≤ 1 met)

    @property
    def met(self) -> bool:
        return self.of_target <= 1 if self.target.at_most else self.of_target >= 1


def verdicts(table: Sequence[Figure]) -> list[Verdict]:
    by_key = {f.spec.key: f for f in table}
    out = []
    for f in table:
        target = f.spec.target
        if target is None:
            continue
        measured = f.value if f.spec.limit is None else ratio(f, by_key)
        if measured is not None:
            out.append(Verdict(f, target, measured, measured / target.ratio))
    return sorted(out, key=lambda v: v.target.name)


def number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def render(header: Sequence[str], sections: Sequence[Section], table: list[Figure]) -> str:
    """The report as text: the header lines, one table per section, then the targets."""
    lines = [*header, ""]
    by_key = {f.spec.key: f for f in table}
    head = f"{'figure':<46} {'value':>8} {'unit':<5} {'x':>8}  {'of limit':<46} target  runs"
    for title, specs in sections:
        shown = [by_key[s.key] for s in specs if s.key in by_key]
        if not shown:
            continue
        lines += [f"{title}:", head]
        for f in shown:
            r = ratio(f, by_key)
            limit = by_key[f.spec.limit].spec.label if r is not None and f.spec.limit else ""
            shown_ratio = f"{r:.3g} x" if r is not None else ""
            t = f.spec.target
            aim = f"{t.name} {'≤' if t.at_most else '≥'}{t.ratio:g}" if t else ""
            runs = " / ".join(number(v) for v in f.runs)
            lines.append(
                f"{f.spec.label:<46} {number(f.value):>8} {f.spec.unit:<5} {shown_ratio:>8}  "
                f"{limit:<46} {aim:<7} {runs}"
            )
            if f.spec.peer and f.spec.peer in by_key:
                peer = by_key[f.spec.peer]
                lines.append(
                    f"{'  ours / ' + peer.spec.label:<46} {number(f.value / peer.value):>8} x"
                )
        lines.append("")
    lines.append("targets (issue 18), ratios measured in this run:")
    for v in verdicts(table):
        over = v.figure.spec.limit
        of = f"x {by_key[over].spec.label}" if over else v.figure.spec.unit
        lines.append(
            f"  {v.target.name} {'met   ' if v.met else 'MISSED'} {v.figure.spec.label}: "
            f"{v.measured:.3g} {of} (target {v.target.text}; {v.of_target:.2f} of the target)"
        )
    return "\n".join(lines)


def as_json(report: dict[str, Any], table: list[Figure]) -> str:
    by_key = {f.spec.key: f for f in table}
    report = dict(report)
    report["figures"] = [
        {
            "key": f.spec.key,
            "figure": f.spec.label,
            "value": round(f.value, 3),
            "unit": f.spec.unit,
            "limit": f.spec.limit,
            "ratio": None if (r := ratio(f, by_key)) is None else round(r, 4),
            "target": f.spec.target.name if f.spec.target else None,
            "runs": [round(v, 3) for v in f.runs],
        }
        for f in table
    ]
    report["targets"] = [
        {
            "target": v.target.name,
            "figure": v.figure.spec.key,
            "measured": round(v.measured, 4),
            "wanted": v.target.ratio,
            "at_most": v.target.at_most,
            "met": v.met,
        }
        for v in verdicts(table)
    ]
    return json.dumps(report, ensure_ascii=False, indent=2)
