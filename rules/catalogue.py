"""Registration-facing look-ups: product sets, their sheets, dossier requirements."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from rules.errors import SheetError
from rules.model import CommuneReport, DossierKind, Form, ProductSetInfo, RuleSet
from rules.rubric import ProductSetRubric


def product_sets(rule_set: RuleSet) -> tuple[ProductSetInfo, ...]:
    """The product sets of the rule set (names, classification, samples needed)."""
    return rule_set.product_sets


def product_set_info(rule_set: RuleSet, number: int) -> ProductSetInfo:
    info = rule_set.product_set(number)
    if info is None:
        raise _unknown_set(rule_set, number)
    return info


def rubric_for(rule_set: RuleSet, number: int) -> ProductSetRubric:
    """The scoring sheet of product set ``number`` under ``rule_set``."""
    sheet = rule_set.sheet(number)
    if sheet is None:
        raise _unknown_set(rule_set, number)
    return sheet


def _unknown_set(rule_set: RuleSet, number: int) -> SheetError:
    if not rule_set.sheets_available:
        return SheetError(
            "rule_set",
            f"{rule_set.id}'s scoring sheets are not available as text: its results are "
            "imported as decided (rules.import_result), never re-scored",
            f"{rule_set.id} không có phiếu chấm điểm dạng văn bản: kết quả được nhập như đã "
            "quyết định (rules.import_result), không chấm lại",
        )
    numbers = [s.number for s in rule_set.product_sets]
    return SheetError(
        "product_set",
        f"{rule_set.id} has no product set {number} (sets {min(numbers)}-{max(numbers)})",
        f"{rule_set.id} không có bộ sản phẩm {number} (bộ {min(numbers)}-{max(numbers)})",
    )


class DossierRequirements(BaseModel):
    """What a dossier of ``kind`` for a product set must contain (§5.1, §14.16)."""

    model_config = ConfigDict(frozen=True)

    rule_set_id: str
    kind: DossierKind
    product_set: int
    forms: tuple[Form, ...]
    paper_copies: int | None
    electronic_copies: int | None
    samples: int | None
    commune_report: CommuneReport | None
    source: str


def dossier_requirements(
    rule_set: RuleSet, kind: DossierKind, product_set: int
) -> DossierRequirements:
    """Forms, copies and samples due for a dossier; ``None`` where the rules are unknown.

    Samples are 0 for the sets listed without samples (set 26, tourism).
    """
    product_set_info(rule_set, product_set)
    rules = rule_set.dossier
    samples = 0 if product_set in rules.sets_without_samples else rules.samples
    return DossierRequirements(
        rule_set_id=rule_set.id,
        kind=kind,
        product_set=product_set,
        forms=rules.forms.get(kind, ()),
        paper_copies=rules.paper_copies,
        electronic_copies=rules.electronic_copies,
        samples=samples,
        commune_report=rules.commune_report,
        source=rules.source,
    )
