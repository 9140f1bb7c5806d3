"""Explanations of a council result: why this star, in Vietnamese or English.

An :class:`Explanation` names the rule set and version used, the members' and
the mean part subtotals, the band, every minimum met or not, every knock-out
checked, and the outcome under both shortfall modes (cap and reject).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rules.conclusion import mode_text
from rules.i18n import MODE, TIER_COUNCIL, stars, word
from rules.model import RuleSet
from rules.scoring import PARTS, CouncilResult, MinimumCheck, ModeOutcome
from rules.selection import Selection
from rules.text import Lang, LocalText, fmt_date, fmt_decimal, fmt_points

LABEL_WIDTH = 90


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@dataclass(frozen=True)
class Explanation:
    """Why a council result is what it is; render with :meth:`render` or :meth:`to_dict`."""

    rule_set: RuleSet
    result: CouncilResult
    product: str = ""
    selection_reason: LocalText | None = None

    # ----- structured form -------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        rs, res = self.rule_set, self.result
        info = rs.product_set(res.product_set)
        return {
            "rule_set": {
                "id": rs.id,
                "version": rs.version,
                "title": rs.title.model_dump(),
                "instruments": [i.number for i in rs.instruments],
                "effective_from": rs.effective_from.isoformat(),
                "effective_to": rs.effective_to.isoformat() if rs.effective_to else None,
                "selection_reason": (
                    self.selection_reason.model_dump() if self.selection_reason else None
                ),
            },
            "product_set": {
                "number": res.product_set,
                "name": info.name.model_dump() if info else None,
            },
            "product": self.product,
            "tier": res.tier.value,
            "members": [
                {
                    "member": m.member,
                    "parts": {p: str(m.parts[p]) for p in PARTS},
                    "total": str(m.total),
                }
                for m in res.members
            ],
            "score": {"total": str(res.total), "parts": {p: str(res.parts[p]) for p in PARTS}},
            "band": self._band_dict(),
            "minimums": [self._minimum_dict(c) for c in res.minimums],
            "knockouts": [
                {
                    "code": k.code,
                    "label": {"vi": k.label_vi, "en": k.label_en},
                    "triggered": k.triggered,
                    "flagged_by": list(k.flagged_by),
                }
                for k in res.knockouts
            ],
            "mode": res.mode.value,
            "outcomes": {o.mode.value: _outcome_dict(o) for o in res.by_mode},
            "result": _outcome_dict(res.selected),
            "summary": {lang: self.summary(lang) for lang in ("vi", "en")},
        }

    def _band_dict(self) -> dict[str, Any]:
        low, high = self._band_edges()
        return {
            "star": self.result.band_star,
            "from": str(low),
            "below": str(high) if high is not None else None,
        }

    @staticmethod
    def _minimum_dict(check: MinimumCheck) -> dict[str, Any]:
        return {
            "star": check.star,
            "criterion": check.criterion,
            "criterion_label": check.criterion_label,
            "required_option": check.required_option,
            "required_label": check.required_label,
            "required_points": str(check.required_points),
            "member_points": [str(p) for p in check.member_points],
            "met": check.met,
        }

    def _band_edges(self) -> tuple[Decimal, Decimal | None]:
        bands = {b.star: b.min_score for b in self.rule_set.scoring.bands}
        star = self.result.band_star
        return bands[star], bands.get(star + 1)

    # ----- text ------------------------------------------------------------
    def blocking(self) -> tuple[MinimumCheck, ...]:
        """Unmet minimums that count for the band's star."""
        band = self.result.band_star
        cumulative = self.rule_set.scoring.minimums_cumulative
        return tuple(
            c
            for c in self.result.minimums
            if not c.met and (c.star <= band if cumulative else c.star == band)
        )

    def summary(self, lang: Lang = "vi") -> str:
        """One paragraph: why not the band's star (or why it), and the star per mode."""
        res = self.result
        lines = [self._why(lang)]
        for outcome in res.by_mode:
            mode = MODE[outcome.mode][lang]
            lines.append(f"{mode[:1].upper()}{mode[1:]}: {mode_text(outcome, lang)}")
        return "\n".join(lines)

    def _why(self, lang: Lang) -> str:
        res = self.result
        score = fmt_decimal(res.total, lang)
        triggered = [k for k in res.knockouts if k.triggered]
        if triggered:
            reasons = "; ".join(k.label_vi if lang == "vi" else k.label_en for k in triggered)
            return word("rejected_because", lang, reasons=reasons)
        blocking = self.blocking()
        if not blocking:
            return word("band_met", lang, score=score, star=stars(res.band_star)) + "."
        items = "; ".join(
            f"{c.criterion} {_short(c.criterion_label, 50)} ({stars(c.star)}: "
            f"#{c.required_option} «{c.required_label}»)"
            for c in blocking
        )
        return word("why_not", lang, star=stars(res.band_star), score=score) + f": {items}."

    def render(self, lang: Lang = "vi") -> str:
        """The full explanation as text (Vietnamese by default)."""
        out: list[str] = []
        out.extend(self._header(lang))
        out.extend(self._scores(lang))
        out.extend(self._minimum_lines(lang))
        out.extend(self._knockout_lines(lang))
        out.append(f"{word('conclusion', lang)}:")
        out.extend(f"  {line}" for line in self.summary(lang).splitlines())
        chosen = self.result.selected
        out.append(
            f"  {word('applied', lang)} — {MODE[chosen.mode][lang]}: {mode_text(chosen, lang)}"
        )
        return "\n".join(out)

    def _header(self, lang: Lang) -> list[str]:
        rs, res = self.rule_set, self.result
        instruments = ", ".join(i.number for i in rs.instruments)
        until = (
            f"{word('to', lang)} {fmt_date(rs.effective_to)}"
            if rs.effective_to
            else word("onwards", lang)
        )
        lines = [
            f"{word('rule_set', lang)}: {rs.id} ({word('version', lang)} {rs.version}) — "
            f"{instruments}; {word('in_force', lang)} {word('from', lang)} "
            f"{fmt_date(rs.effective_from)} {until}",
        ]
        if self.selection_reason is not None:
            lines.append(f"  {word('selection', lang)}: {self.selection_reason.get(lang)}")
        info = rs.product_set(res.product_set)
        name = info.name.get(lang) if info else ""
        lines.append(f"{word('product_set', lang)} {res.product_set}: {name}")
        if self.product:
            lines.append(f"{word('product', lang)}: {self.product}")
        lines.append(f"{word('council', lang)}: {TIER_COUNCIL[res.tier][lang]}")
        return lines

    def _scores(self, lang: Lang) -> list[str]:
        res = self.result
        lines = [f"{word('members', lang)}:"]
        for m in res.members:
            parts = " + ".join(f"{p} {fmt_points(m.parts[p], lang)}" for p in PARTS)
            lines.append(f"  {m.member}: {parts} = {fmt_points(m.total, lang)}")
        parts = " · ".join(f"{p} {fmt_decimal(res.parts[p], lang)}" for p in PARTS)
        lines.append(f"{word('mean', lang)}: {fmt_decimal(res.total, lang)} ({parts})")
        low, high = self._band_edges()
        span = (
            word("band_range", lang, low=fmt_points(low, lang), high=fmt_points(high, lang))
            if high is not None
            else word("band_top", lang, low=fmt_points(low, lang))
        )
        lines.append(f"{word('band', lang)}: {stars(res.band_star)} ({span})")
        return lines

    def _minimum_lines(self, lang: Lang) -> list[str]:
        lines: list[str] = []
        for star in sorted({c.star for c in self.result.minimums}):
            checks = [c for c in self.result.minimums if c.star == star]
            met = sum(1 for c in checks if c.met)
            counts = word("met_count", lang, met=met, total=len(checks))
            lines.append(f"{word('minimums', lang, star=stars(star))}: {counts}")
            for c in checks:
                mark = "✓" if c.met else "✗"
                given = ", ".join(fmt_points(p, lang) for p in c.member_points)
                need = word("need", lang, points=fmt_points(c.required_points, lang))
                required = c.required_label if not c.met else _short(c.required_label)
                lines.append(
                    f"  {mark} {c.criterion} {_short(c.criterion_label, 50)}: {need} "
                    f"(#{c.required_option} «{required}»); "
                    f"{word('given', lang)}: {given}"
                )
        return lines

    def _knockout_lines(self, lang: Lang) -> list[str]:
        checks = self.result.knockouts
        triggered = [k for k in checks if k.triggered]
        status = word("none_triggered", lang) if not triggered else f"{len(triggered)}"
        lines = [f"{word('knockouts', lang)} ({len(checks)}): {status}"]
        for k in checks:
            label = k.label_vi if lang == "vi" else k.label_en
            state = (
                f"{word('triggered_by', lang)} {', '.join(k.flagged_by)}"
                if k.triggered
                else word("no", lang)
            )
            lines.append(f"  – {k.code}: {_short(label, 70)} — {state}")
        return lines


def _outcome_dict(outcome: ModeOutcome) -> dict[str, Any]:
    return {
        "mode": outcome.mode.value,
        "outcome": outcome.outcome.value,
        "awarded_star": outcome.awarded_star,
        "certificate_issued": outcome.certificate_issued,
        "routing": outcome.routing.model_dump(mode="json"),
    }


def explain(
    rule_set: RuleSet,
    result: CouncilResult,
    *,
    product: str = "",
    selection: Selection | None = None,
) -> Explanation:
    """Build the explanation of ``result`` (scored under ``rule_set``)."""
    if result.rule_set_id != rule_set.id:
        raise ValueError(f"result was scored under {result.rule_set_id}, not {rule_set.id}")
    return Explanation(
        rule_set=rule_set,
        result=result,
        product=product,
        selection_reason=selection.reason if selection else None,
    )
