"""Registration-facing look-ups: product sets, their sheets, dossier requirements."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from rules.errors import SheetError
from rules.model import CommuneReport, DossierKind, Form, ProductSetInfo, RuleSet
from rules.rubric import ProductSetRubric
from rules.text import LocalText


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


class RequiredDocument(BaseModel):
    """A document a dossier must carry: its category, its name, and why (the rule)."""

    model_config = ConfigDict(frozen=True)

    category: str
    label: LocalText
    knockout: str
    source: str


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
    documents: tuple[RequiredDocument, ...] = ()


def dossier_requirements(
    rule_set: RuleSet, kind: DossierKind, product_set: int
) -> DossierRequirements:
    """Forms, copies, samples and documents due for a dossier; ``None`` where unknown.

    Samples are 0 for the sets listed without samples (set 26, tourism).
    ``documents`` are the papers whose absence knocks the product set's dossier
    out (the food-safety eligible-establishment certificate of the food and drink
    sets 1-17 under R1-R3, "Hồ sơ bị loại khi" of the sheets, §1.4): the same for
    every kind of dossier.
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
        documents=tuple(
            RequiredDocument(
                category=k.document.category,
                label=k.document.label,
                knockout=k.code,
                source=k.source,
            )
            for k in rule_set.knockouts_for(product_set)
            if k.document is not None
        ),
    )
