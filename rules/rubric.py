"""Scoring sheets (rubrics): product set → part → group → criterion → options.

A rubric validates itself on construction: groups must add up to their part,
criteria to their group, sub-items to their criterion, parts to 100, and no
option may exceed its criterion's maximum. Every refusal names its place.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PartCode = Literal["A", "B", "C"]
TOTAL_MAX = Decimal(100)
STAR_MARKERS = (3, 4, 5)


def clean_points(value: object) -> object:
    """Points as plain decimals: 3.0 from the JSON extraction becomes 3."""
    if isinstance(value, int | float | str | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
        if number == number.to_integral_value():
            return number.quantize(Decimal(1))
        return number.normalize()
    return value


class Option(BaseModel):
    """One answer box of a criterion; ``min_star`` marks the floor for that star."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    points: Decimal
    min_star: Literal[3, 4, 5] | None = None
    case: str | None = None

    _clean = field_validator("points", mode="before")(clean_points)


class Case(BaseModel):
    """An alternative option set ("Trường hợp 1/2"): a member answers within one case."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: str


class Criterion(BaseModel):
    """A scored criterion: either a leaf with options, or a parent of sub-items."""

    model_config = ConfigDict(frozen=True)

    code: str
    label: str
    max: Decimal
    options: tuple[Option, ...] = ()
    items: tuple[Criterion, ...] = ()
    cases: tuple[Case, ...] = ()
    notes: tuple[str, ...] = ()

    _clean = field_validator("max", mode="before")(clean_points)

    @property
    def is_leaf(self) -> bool:
        return not self.items

    def leaves(self) -> Iterator[Criterion]:
        if self.is_leaf:
            yield self
        else:
            for item in self.items:
                yield from item.leaves()

    def option(self, option_id: str) -> Option | None:
        for option in self.options:
            if option.id == option_id:
                return option
        return None

    def floor(self, star: int) -> Option | None:
        """The option that must at least be reached for ``star`` (cumulative markers)."""
        marked = [o for o in self.options if o.min_star is not None and o.min_star <= star]
        return max(marked, key=lambda o: o.points) if marked else None


class Group(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    label: str
    max: Decimal
    criteria: tuple[Criterion, ...]

    _clean = field_validator("max", mode="before")(clean_points)


class Part(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: PartCode
    label: str
    max: Decimal
    groups: tuple[Group, ...]

    _clean = field_validator("max", mode="before")(clean_points)


class ProductSetRubric(BaseModel):
    """The scoring sheet of one product set, validated on construction."""

    model_config = ConfigDict(frozen=True)

    number: int = Field(ge=1)
    name: str
    classification: str = ""
    parts: tuple[Part, ...]
    dossier_rejected_when: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def leaves(self) -> Iterator[tuple[Part, Criterion]]:
        for part in self.parts:
            for group in part.groups:
                for criterion in group.criteria:
                    for leaf in criterion.leaves():
                        yield part, leaf

    def leaf(self, code: str) -> Criterion | None:
        for _, leaf in self.leaves():
            if leaf.code == code:
                return leaf
        return None

    def part_of(self, code: str) -> PartCode | None:
        for part, leaf in self.leaves():
            if leaf.code == code:
                return part.code
        return None

    def part_maxima(self) -> dict[PartCode, Decimal]:
        return {part.code: part.max for part in self.parts}

    @model_validator(mode="after")
    def _check_sums(self) -> ProductSetRubric:
        problems = list(rubric_problems(self))
        if problems:
            raise ValueError("; ".join(problems))
        return self


class Rubric(BaseModel):
    """All product-set sheets of one instrument."""

    model_config = ConfigDict(frozen=True)

    id: str
    source: str
    provenance: str = ""
    sets: tuple[ProductSetRubric, ...]

    def product_set(self, number: int) -> ProductSetRubric | None:
        for product_set in self.sets:
            if product_set.number == number:
                return product_set
        return None

    @model_validator(mode="after")
    def _unique_numbers(self) -> Rubric:
        numbers = [s.number for s in self.sets]
        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        if duplicates:
            raise ValueError(f"rubric {self.id}: product set numbers repeated: {duplicates}")
        return self


def _place(*parts: str) -> str:
    return " › ".join(parts)


def rubric_problems(product_set: ProductSetRubric) -> Iterator[str]:
    """Yield one message per inconsistency, each starting with its place."""
    where_set = f"set {product_set.number}"
    part_total = sum((p.max for p in product_set.parts), Decimal(0))
    if part_total != TOTAL_MAX:
        yield f"{where_set}: parts add up to {part_total}, not {TOTAL_MAX}"
    codes = [p.code for p in product_set.parts]
    if sorted(codes) != ["A", "B", "C"]:
        yield f"{where_set}: parts must be A, B and C once each, found {codes}"
    seen: set[str] = set()
    for part in product_set.parts:
        where_part = _place(where_set, f"part {part.code}")
        group_total = sum((g.max for g in part.groups), Decimal(0))
        if group_total != part.max:
            yield (
                f"{where_part}: groups add up to {group_total}, not the part's maximum {part.max}"
            )
        for group in part.groups:
            where_group = _place(where_part, f"group {group.code}")
            criteria_total = sum((c.max for c in group.criteria), Decimal(0))
            if criteria_total != group.max:
                yield (
                    f"{where_group}: criteria add up to {criteria_total}, "
                    f"not the group's maximum {group.max}"
                )
            for criterion in group.criteria:
                yield from _criterion_problems(criterion, where_group, seen)


def _criterion_problems(criterion: Criterion, where: str, seen: set[str]) -> Iterator[str]:
    here = _place(where, f"criterion {criterion.code}")
    if criterion.items:
        if criterion.options:
            yield f"{here}: has both sub-items and options"
        items_total = sum((i.max for i in criterion.items), Decimal(0))
        if items_total != criterion.max:
            yield (
                f"{here}: sub-items add up to {items_total}, "
                f"not the criterion's maximum {criterion.max}"
            )
        for item in criterion.items:
            yield from _criterion_problems(item, where, seen)
        return
    if criterion.code in seen:
        yield f"{here}: criterion code used twice"
    seen.add(criterion.code)
    if not criterion.options:
        yield f"{here}: has no options"
        return
    ids = [o.id for o in criterion.options]
    if len(set(ids)) != len(ids):
        yield f"{here}: option numbers repeated"
    for option in criterion.options:
        if option.points < 0:
            yield f"{here} › option {option.id}: negative points {option.points}"
        if option.points > criterion.max:
            yield (
                f"{here} › option {option.id}: worth {option.points}, "
                f"above the criterion's maximum {criterion.max}"
            )
    yield from _case_problems(criterion, here)
    for star in STAR_MARKERS:
        marked = [o.id for o in criterion.options if o.min_star == star]
        if len(marked) > 1:
            yield f"{here}: several options marked as the {star}★ minimum: {marked}"


def _case_problems(criterion: Criterion, here: str) -> Iterator[str]:
    case_ids = [c.id for c in criterion.cases]
    groups: dict[str | None, list[Option]] = {}
    for option in criterion.options:
        if criterion.cases and option.case not in case_ids:
            yield f"{here} › option {option.id}: not in any of the cases {case_ids}"
        if not criterion.cases and option.case is not None:
            yield f"{here} › option {option.id}: refers to case {option.case}, none declared"
        groups.setdefault(option.case, []).append(option)
    if criterion.cases and any(o.min_star is not None for o in criterion.options):
        yield f"{here}: minimum-star markers inside alternative cases are not supported"
    for case, options in groups.items():
        top = max(o.points for o in options)
        if top != criterion.max:
            label = f" (case {case})" if case is not None else ""
            yield f"{here}{label}: best option is worth {top}, not the maximum {criterion.max}"
