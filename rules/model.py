"""The rule-set document: what a versioned set of OCOP rules says, as data.

A :class:`RuleSet` is built from a YAML document in ``rules/data`` plus the
rubric bundle it names (sheets, knock-outs, product sets). It validates its own
consistency on construction and names the place of every problem.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from rules.consistency import rule_set_problems
from rules.rubric import ProductSetRubric, Rubric
from rules.sections import (
    Ambiguity,
    ApplicabilityCondition,
    Band,
    CommuneReport,
    Condition,
    Deadlines,
    DossierRules,
    Form,
    ForwardRule,
    InspectionRules,
    Instrument,
    Knockout,
    KnockoutDocument,
    OneCaseCondition,
    ProductSetInfo,
    ReevaluationWindow,
    ReturnOption,
    ReturnPath,
    RevocationGround,
    Round,
    ScoringRules,
    TierSuccession,
    Transition,
)
from rules.terms import (
    CONDITIONAL_NOTE,
    DossierKind,
    FrozenModel,
    LastDayConvention,
    MonthDay,
    ShortfallMode,
    Step,
    Tier,
    parse_month_day,
)
from rules.text import LocalText

__all__ = [
    "CONDITIONAL_NOTE",
    "Ambiguity",
    "ApplicabilityCondition",
    "Band",
    "CommuneReport",
    "Condition",
    "Deadlines",
    "DossierKind",
    "DossierRules",
    "Form",
    "ForwardRule",
    "FrozenModel",
    "InspectionRules",
    "Instrument",
    "Knockout",
    "KnockoutDocument",
    "LastDayConvention",
    "MonthDay",
    "OneCaseCondition",
    "ProductSetInfo",
    "ReevaluationWindow",
    "ReturnOption",
    "ReturnPath",
    "RevocationGround",
    "Round",
    "RuleSet",
    "ScoringRules",
    "ShortfallMode",
    "Step",
    "Tier",
    "TierSuccession",
    "Transition",
    "parse_month_day",
]


class RuleSet(FrozenModel):
    """A versioned, validated set of OCOP rules (legal basis, scoring, deadlines…)."""

    id: str
    version: str
    title: LocalText
    instruments: tuple[Instrument, ...]
    effective_from: date
    effective_to: date | None
    in_force_until: date | None
    succeeded_by: str | None = None
    provenance: str
    sheets_available: bool = True
    tiers: tuple[Tier, ...]
    tier_successions: tuple[TierSuccession, ...]
    scoring: ScoringRules
    forwarding: tuple[ForwardRule, ...]
    return_paths: tuple[ReturnPath, ...]
    first_scoring_tier: Tier
    authorities: dict[Step, dict[str, tuple[Tier, ...]]]
    deadlines: Deadlines
    dossier: DossierRules
    transition: Transition | None
    revocation_grounds: tuple[RevocationGround, ...] = ()
    inspection: InspectionRules | None = None
    ambiguities: tuple[Ambiguity, ...] = Field(min_length=1)
    rubric: Rubric
    knockouts: tuple[Knockout, ...]
    product_sets: tuple[ProductSetInfo, ...]
    conditions: tuple[Condition, ...] = ()

    def sheet(self, number: int) -> ProductSetRubric | None:
        return self.rubric.product_set(number)

    def product_set(self, number: int) -> ProductSetInfo | None:
        for info in self.product_sets:
            if info.number == number:
                return info
        return None

    def knockouts_for(self, number: int) -> tuple[Knockout, ...]:
        return tuple(k for k in self.knockouts if number in k.sets)

    def covers(self, day: date) -> bool:
        """True if a dossier filed on ``day`` is governed by this rule set."""
        ends = self.effective_to
        return self.effective_from <= day and (ends is None or day <= ends)

    def in_force_on(self, day: date) -> bool:
        """True if the rule set may still decide on ``day`` (``in_force_until`` inclusive)."""
        return self.in_force_until is None or day <= self.in_force_until

    def conditions_for(self, number: int) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if number in c.sets)

    def scoring_tiers(self) -> tuple[Tier, ...]:
        """Tiers whose council scores some star (before abolitions)."""
        found: list[Tier] = []
        for tiers in self.authorities.get(Step.SCORE, {}).values():
            found.extend(t for t in tiers if t not in found)
        return tuple(found)

    @model_validator(mode="after")
    def _consistent(self) -> RuleSet:
        problems = list(rule_set_problems(self))
        if problems:
            raise ValueError("; ".join(problems))
        return self
