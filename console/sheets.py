"""A product set's scoring sheet as a form (form 02's self-assessment here; the council
members' scoring form can use the same): its parts, groups and scored criteria, each
with its options, points and the star minimums marked (rules/rubric.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rules import load_rule_set
from rules.rubric import Criterion, Option


@dataclass(frozen=True)
class Line:
    """One scored criterion (a leaf of the sheet) under its part and group headings."""

    part: str
    group: str
    criterion: Criterion

    @property
    def options(self) -> tuple[Option, ...]:
        return self.criterion.options


@cache
def lines(rule_set_id: str, product_set: int) -> tuple[Line, ...]:
    """The scored criteria of `product_set`'s sheet under `rule_set_id`, in sheet order;
    () when the rule set has no sheet as text (R0: results imported as decided)."""
    rule_set = load_rule_set(rule_set_id or "R3")
    sheet = rule_set.sheet(product_set) if rule_set.sheets_available else None
    if sheet is None:
        return ()
    return tuple(
        Line(f"{part.code}. {part.label}", f"{group.code} {group.label}", leaf)
        for part in sheet.parts
        for group in part.groups
        for criterion in group.criteria
        for leaf in criterion.leaves()
    )
