"""A council member's scoring form, generated from the product set's sheet of the dossier's
rule set (`rules.rubric_for`): parts, groups, criteria (sub-items flattened), their options
with points and the star whose minimum each marks, and the knock-outs of the set.

The form is only a way to fill the request: the evaluation service checks every choice
and computes the sheet's total itself; `total` here is the running sum shown while
filling (and recomputed by `static/scoring.js` in the browser). Criteria texts are the
decision's own (Vietnamese), whatever the page's language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from rules import load_rule_set, rubric_for
from rules.rubric import Criterion

PREFIX = "c-"
"""Form field of a criterion: `c-<criterion code>`, its value the option's id."""
KNOCKOUT = "knockout"


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    points: Decimal
    min_star: int | None


@dataclass(frozen=True)
class Line:
    """A criterion to score (a leaf): under its parent's label when it is a sub-item."""

    code: str
    label: str
    parent: str
    max: Decimal
    choices: tuple[Choice, ...]
    notes: tuple[str, ...]

    @property
    def field(self) -> str:
        return PREFIX + self.code


@dataclass(frozen=True)
class Section:
    """A part (A, B, C) or a group inside it, with its maximum."""

    code: str
    label: str
    max: Decimal
    lines: tuple[Line, ...]
    part: str


@dataclass(frozen=True)
class Sheet:
    rule_set_id: str
    product_set: int
    title: str
    sections: tuple[Section, ...]
    knockouts: tuple[tuple[str, str, str], ...]
    """(code, Vietnamese label, English label) of the set's knock-outs."""

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for section in self.sections for line in section.lines)


def _lines(criterion: Criterion) -> tuple[Line, ...]:
    cases = {c.id: c.label for c in criterion.cases}
    parent = "" if criterion.is_leaf else f"{criterion.code}. {criterion.label}"
    return tuple(
        Line(
            code=leaf.code,
            label=leaf.label,
            parent=parent,
            max=leaf.max,
            choices=tuple(
                Choice(
                    o.id,
                    f"{cases[o.case]}: {o.label}" if o.case in cases else o.label,
                    o.points,
                    o.min_star,
                )
                for o in leaf.options
            ),
            notes=leaf.notes,
        )
        for leaf in criterion.leaves()
    )


def sheet(rule_set_id: str, product_set: int) -> Sheet:
    """The scoring sheet of `product_set` under `rule_set_id` (KeyError/RulesError when the
    rule set has none)."""
    rule_set = load_rule_set(rule_set_id)
    rubric = rubric_for(rule_set, product_set)
    sections = tuple(
        Section(
            code=f"{part.code}.{group.code}",
            label=group.label,
            max=group.max,
            lines=tuple(line for c in group.criteria for line in _lines(c)),
            part=f"{part.label}",
        )
        for part in rubric.parts
        for group in part.groups
    )
    knockouts = tuple((k.code, k.label.vi, k.label.en) for k in rule_set.knockouts_for(product_set))
    return Sheet(rule_set_id, product_set, rubric.name, sections, knockouts)


def chosen(form: Mapping[str, object], sheet_: Sheet) -> dict[str, str]:
    """The choices in a posted form (criterion code -> option id), those left empty left
    out (the service names every missing criterion)."""
    picked = {line.code: str(form.get(line.field) or "").strip() for line in sheet_.lines}
    return {code: option for code, option in picked.items() if option}


def total(sheet_: Sheet, choices: Mapping[str, str]) -> Decimal:
    """The running sum of the chosen options' points."""
    points = Decimal(0)
    for line in sheet_.lines:
        for choice in line.choices:
            if choices.get(line.code) == choice.id:
                points += choice.points
    return points


CODES = re.compile(r"\b\d+(?:\.\d+)+\b")


def field_errors(fields: Mapping[str, str], sheet_: Sheet) -> tuple[dict[str, str], str]:
    """A refusal's messages placed on the form: `members[tv1].choices.2.3` on criterion
    2.3; `members[tv1].choices` (criteria left without an option, listed in the message)
    on each criterion it lists; anything else for the whole form."""
    known = {line.code for line in sheet_.lines}
    errors: dict[str, str] = {}
    general = []
    for name, message in fields.items():
        _, found, code = name.rpartition("choices.")
        if found and code in known:
            errors[PREFIX + code] = message
            continue
        listed = (
            [c for c in CODES.findall(message) if c in known] if name.endswith("choices") else []
        )
        for listed_code in listed:
            errors[PREFIX + listed_code] = message.split(":")[0] if ":" in message else message
        if not listed or name.endswith("choices"):
            general.append(message)
    return errors, " ".join(general)
