"""Turn the machine-extracted rubric JSON into a validated :class:`Rubric`.

The extraction (``qd26-2026.rubric.json``) is kept verbatim; its known
extraction faults are corrected by an explicit repairs document
(``qd26-2026.repairs.yaml``). Each repair names its place and the value it
expects to replace, so a changed source is refused instead of mis-patched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from rules.errors import RuleSetError, messages
from rules.rubric import Rubric

Doc = dict[str, Any]


class SubItem(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    label: str
    max: Decimal
    options: tuple[int, ...]


class CaseSpec(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    label: str
    options: tuple[int, ...]


class Repair(BaseModel):
    """One correction of the extraction (see the repairs YAML for the kinds)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    set: int
    criterion: str
    evidence: str
    option: int | None = None
    from_: Decimal | None = None
    to: Decimal | None = None
    label: str | None = None
    points: Decimal | None = None
    min_star_marker: int | None = None
    drop_note: str | None = None
    items: tuple[SubItem, ...] = ()
    cases: tuple[CaseSpec, ...] = ()


class RepairsDoc(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    rubric: str
    general: dict[str, Any]
    repairs: tuple[Repair, ...]


def build_rubric(raw: Mapping[str, Any], repairs: Mapping[str, Any], rubric_id: str) -> Rubric:
    """Convert the raw extraction, apply the repairs and validate."""
    try:
        doc = RepairsDoc.model_validate(
            {**repairs, "repairs": [_rename_from(r) for r in repairs.get("repairs", [])]}
        )
    except ValidationError as exc:
        raise RuleSetError("", messages(exc, f"repairs for {rubric_id}")) from exc
    sets = [_convert_set(s, doc.general) for s in raw.get("sets", [])]
    by_number = {s["number"]: s for s in sets}
    for index, repair in enumerate(doc.repairs, start=1):
        where = f"repair #{index} ({repair.kind}, set {repair.set}, criterion {repair.criterion})"
        product_set = by_number.get(repair.set)
        if product_set is None:
            raise RuleSetError(where, "no such product set in the rubric")
        _apply(product_set, repair, where)
    document = {
        "id": rubric_id,
        "source": str(raw.get("source", "")),
        "provenance": f"{len(doc.repairs)} repairs from {doc.id}",
        "sets": sets,
    }
    try:
        return Rubric.model_validate(document)
    except ValidationError as exc:
        raise RuleSetError("", messages(exc, f"rubric {rubric_id}")) from exc


def _rename_from(repair: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(repair)
    if "from" in out:
        out["from_"] = out.pop("from")
    return out


def _convert_set(raw: Mapping[str, Any], general: Mapping[str, Any]) -> Doc:
    parts = []
    for section in raw.get("sections", []):
        groups = []
        for group in section.get("groups", []):
            raw_criteria = group.get("criteria") or [group]
            criteria = [_convert_criterion(c, general) for c in raw_criteria]
            groups.append(
                {"code": group["code"], "label": group["label"], "max": group["max"]}
                | {"criteria": criteria}
            )
        parts.append(
            {"code": section["code"], "label": section["label"], "max": section["max"]}
            | {"groups": groups}
        )
    return {
        "number": raw["no"],
        "name": raw["name"],
        "classification": raw.get("classification", ""),
        "parts": parts,
        "dossier_rejected_when": list(raw.get("dossier_rejected_when", [])),
        "notes": list(raw.get("notes", [])),
    }


def _convert_criterion(raw: Mapping[str, Any], general: Mapping[str, Any]) -> Doc:
    options = []
    for index, option in enumerate(raw.get("options", []), start=1):
        points = option.get("points")
        if points is None and general.get("null_points_are_zero"):
            points = 0
        options.append(
            {
                "id": str(index),
                "label": option["label"],
                "points": points,
                "min_star": option.get("min_star_marker"),
            }
        )
    if not options and general.get("criteria_without_options") == "yes_no":
        options = [
            {"id": "1", "label": "Không", "points": 0},
            {"id": "2", "label": "Có", "points": raw["max"]},
        ]
    return {
        "code": raw["code"],
        "label": raw["label"],
        "max": raw["max"],
        "options": options,
        "notes": list(raw.get("notes", [])),
    }


def _find(product_set: Doc, code: str, where: str) -> Doc:
    for part in product_set["parts"]:
        for group in part["groups"]:
            for criterion in group["criteria"]:
                if criterion["code"] == code:
                    found: Doc = criterion
                    return found
    raise RuleSetError(where, "no such criterion")


def _pick(options: Sequence[Doc], numbers: Sequence[int], where: str) -> list[Doc]:
    picked = []
    for number in numbers:
        if not 1 <= number <= len(options):
            raise RuleSetError(where, f"option {number} does not exist")
        picked.append(options[number - 1])
    return picked


def _apply(product_set: Doc, repair: Repair, where: str) -> None:
    criterion = _find(product_set, repair.criterion, where)
    options: list[Doc] = criterion["options"]
    if repair.kind == "set_points":
        (option,) = _pick(options, [repair.option or 0], where)
        if Decimal(str(option["points"])) != repair.from_:
            raise RuleSetError(
                where,
                f"expected option {repair.option} to be worth {repair.from_}, "
                f"found {option['points']}: the source changed, review this repair",
            )
        option["points"] = repair.to
    elif repair.kind == "add_option":
        options.append(
            {
                "id": str(len(options) + 1),
                "label": repair.label,
                "points": repair.points,
                "min_star": repair.min_star_marker,
            }
        )
        if repair.drop_note is not None:
            criterion["notes"] = [n for n in criterion["notes"] if n != repair.drop_note]
    elif repair.kind == "split":
        items = []
        for item in repair.items:
            picked = _pick(options, item.options, where)
            renumbered = [o | {"id": str(i)} for i, o in enumerate(picked, start=1)]
            items.append(
                {"code": item.code, "label": item.label, "max": item.max, "options": renumbered}
            )
        criterion["options"] = []
        criterion["items"] = items
    elif repair.kind == "cases":
        covered: list[int] = []
        for case in repair.cases:
            for option in _pick(options, case.options, where):
                option["case"] = case.id
            covered.extend(case.options)
        if sorted(covered) != list(range(1, len(options) + 1)):
            raise RuleSetError(where, "cases must cover every option exactly once")
        criterion["cases"] = [{"id": c.id, "label": c.label} for c in repair.cases]
    else:
        raise RuleSetError(where, f"unknown repair kind {repair.kind!r}")
