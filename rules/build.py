"""Pure builders: parsed documents → validated models (no file access here)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from rules.deployment import LocalPolicy
from rules.errors import RuleSetError, messages
from rules.model import Condition, Knockout, ProductSetInfo, RuleSet
from rules.repairs import build_rubric
from rules.rubric import Rubric


class RubricBundle(BaseModel):
    """A rubric with the knock-outs and product-set list that go with it."""

    model_config = ConfigDict(frozen=True)

    id: str
    rubric: Rubric
    knockouts: tuple[Knockout, ...]
    product_sets: tuple[ProductSetInfo, ...]
    conditions: tuple[Condition, ...] = ()


def build_bundle(
    bundle_id: str,
    raw_rubric: Mapping[str, Any],
    repairs: Mapping[str, Any],
    knockouts: Mapping[str, Any],
    product_sets: Mapping[str, Any],
    conditions: Mapping[str, Any] | None = None,
) -> RubricBundle:
    """Build and validate a rubric bundle from its parsed documents.

    ``conditions`` (optional) lists the sheets' conditional criteria; the rule
    set that uses the bundle checks them against the sheets.
    """
    rubric = build_rubric(raw_rubric, repairs, bundle_id)
    industries = product_sets.get("industries", {})
    infos = []
    for entry in product_sets.get("sets", []):
        industry = str(entry.get("industry", ""))
        infos.append({**entry, "industry_name": industries.get(industry, {"vi": "", "en": ""})})
    try:
        return RubricBundle.model_validate(
            {
                "id": bundle_id,
                "rubric": rubric,
                "knockouts": knockouts.get("knockouts", []),
                "product_sets": infos,
                "conditions": (conditions or {}).get("conditions", []),
            }
        )
    except ValidationError as exc:
        raise RuleSetError("", messages(exc, f"rubric bundle {bundle_id}")) from exc


def build_rule_set(document: Mapping[str, Any], bundle: RubricBundle) -> RuleSet:
    """Validate a rule-set document against its rubric bundle."""
    name = str(document.get("id", "?"))
    if document.get("scoring", {}).get("rubric") != bundle.id:
        raise RuleSetError(
            f"rule set {name} › scoring.rubric",
            f"names {document.get('scoring', {}).get('rubric')!r}, bundle is {bundle.id!r}",
        )
    return _assembled(document, bundle, f"rule set {name}")


def build_local_policy(document: Mapping[str, Any]) -> LocalPolicy:
    try:
        return LocalPolicy.model_validate(document)
    except ValidationError as exc:
        raise RuleSetError("", messages(exc, f"local policy {document.get('id', '?')}")) from exc


def with_bundle(rule_set: RuleSet, bundle: RubricBundle) -> RuleSet:
    """The rule set with a deployment's own sheets (e.g. 148's for R1), re-validated.

    The bundle must match the rule set's part maxima and cover its knock-outs.
    """
    document = {
        **dict(rule_set),
        "scoring": rule_set.scoring.model_copy(update={"rubric": bundle.id}),
    }
    return _assembled(document, bundle, f"rule set {rule_set.id} with rubric {bundle.id}")


def _assembled(document: Mapping[str, Any], bundle: RubricBundle, place: str) -> RuleSet:
    """``document`` with ``bundle``'s sheets as a validated rule set; errors name ``place``."""
    data = {
        **document,
        "rubric": bundle.rubric,
        "knockouts": bundle.knockouts,
        "product_sets": bundle.product_sets,
        "conditions": bundle.conditions,
    }
    try:
        return RuleSet.model_validate(data)
    except ValidationError as exc:
        text = messages(exc, place)
        raise RuleSetError("", text, "Bộ quy tắc không hợp lệ — " + text) from exc
