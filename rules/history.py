"""Importing an office's history: results decided under rule sets whose sheets we lack.

R0 (Decision 1048/2019) has no sheets available as text, so its results are
accepted as decided, never re-scored. :func:`import_result` checks what can be
checked: parts within the rule set's part maxima, the total equal to the parts,
the star within the total's band and certified by the rule set.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from rules.errors import SheetError
from rules.model import RuleSet
from rules.rubric import PartCode

PART_CODES: tuple[PartCode, ...] = ("A", "B", "C")
TOLERANCE = Decimal("0.02")


class ImportedResult(BaseModel):
    """A recognition decided before this system, as recorded by the office."""

    model_config = ConfigDict(frozen=True)

    rule_set_id: str
    product_set: int | None
    total: Decimal
    parts: dict[PartCode, Decimal]
    star: int
    decided_on: date
    rescored: bool = False


def import_result(
    rule_set: RuleSet,
    *,
    total: Decimal,
    parts: dict[PartCode, Decimal],
    star: int,
    decided_on: date,
    product_set: int | None = None,
) -> ImportedResult:
    """Accept a historical result without re-scoring it.

    Raises :class:`SheetError` naming the field: ``parts.A`` above the part's
    maximum (R0: A 35 / B 25 / C 40), ``total`` not the sum of the parts (±0.02,
    each mean is rounded separately), ``star`` not certified or above the band
    the total reaches, ``decided_on`` outside the rule set's years.
    """
    maxima = rule_set.scoring.part_maxima
    for code in PART_CODES:
        value = parts.get(code)
        if value is None or not Decimal(0) <= value <= maxima[code]:
            raise SheetError(
                f"parts.{code}",
                f"{value} is not within 0-{maxima[code]} ({rule_set.id} part maximum)",
                f"{value} không nằm trong 0-{maxima[code]} (điểm tối đa phần {code})",
            )
    added = sum((parts[c] for c in PART_CODES), Decimal(0))
    if abs(added - total) > TOLERANCE:
        raise SheetError(
            "total", f"{total} differs from the parts' sum {added}", f"{total} khác tổng {added}"
        )
    reached = max(b.star for b in rule_set.scoring.bands if total >= b.min_score)
    if star not in rule_set.scoring.certified_stars or star > reached:
        raise SheetError(
            "star",
            f"{star}★ is not a certified star within the {reached}★ band of {total}",
            f"{star}★ không phải hạng sao được công nhận trong khung {reached}★ của {total}",
        )
    ends = rule_set.in_force_until or rule_set.effective_to
    if decided_on < rule_set.effective_from or (ends is not None and decided_on > ends):
        raise SheetError(
            "decided_on",
            f"{decided_on:%d/%m/%Y} is outside {rule_set.id}'s years",
            f"{decided_on:%d/%m/%Y} nằm ngoài thời gian áp dụng {rule_set.id}",
        )
    return ImportedResult(
        rule_set_id=rule_set.id,
        product_set=product_set,
        total=total,
        parts=dict(parts),
        star=star,
        decided_on=decided_on,
    )
