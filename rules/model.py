"""The rule-set document: what a versioned set of OCOP rules says, as data.

A :class:`RuleSet` is built from a YAML document in ``rules/data`` plus the
rubric bundle it names (sheets, knock-outs, product sets). It validates its own
consistency on construction and names the place of every problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rules.rubric import PartCode, ProductSetRubric, Rubric
from rules.text import LocalText


class Tier(StrEnum):
    """Administrative level that can hold a role in the OCOP procedure."""

    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"
    CENTRAL = "central"


class Step(StrEnum):
    """A role in the procedure, looked up per (rule set, star)."""

    RECEIVE = "receive"
    PRE_ASSESS = "pre_assess"
    SCORE = "score"
    RECOGNISE = "recognise"
    APPROVE_RESULT = "approve_result"
    REVOKE = "revoke"
    INSPECT = "inspect"
    NOTIFY_EXPIRY = "notify_expiry"


class ShortfallMode(StrEnum):
    """What missing a star's minimum does: cap the star, or reject the product."""

    CAP = "cap"
    REJECT = "reject"


class LastDayConvention(StrEnum):
    """Last valid day of a certificate: the anniversary itself, or the day before."""

    SAME_DAY = "same_day"
    DAY_BEFORE = "day_before"


class DossierKind(StrEnum):
    FIRST = "first"
    UPGRADE = "upgrade"
    REEVALUATION = "reevaluation"


CONDITIONAL_NOTE = "Chỉ áp dụng khi"
"""Sheet notes starting with this make a criterion conditional; each needs a condition."""


class FrozenModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Instrument(FrozenModel):
    number: str
    date: date
    role: Literal["issues", "amends", "base"]
    title: str
    source: str


class Ambiguity(FrozenModel):
    """An interpretation choice: the question, what we chose, where it lives."""

    id: str
    question: str
    choice: str
    source: str
    data_path: str


class Band(FrozenModel):
    star: int = Field(ge=1, le=5)
    min_score: Decimal


class ScoringRules(FrozenModel):
    part_maxima: dict[PartCode, Decimal]
    bands: tuple[Band, ...]
    certified_stars: tuple[int, ...]
    decimals: int = Field(ge=0, le=4)
    rounding: Literal["ROUND_HALF_UP", "ROUND_HALF_EVEN"]
    minimum_shortfall_default: ShortfallMode
    minimum_aggregation: Literal["all_members", "mean"]
    minimums_cumulative: bool
    rubric: str


class ForwardRule(FrozenModel):
    """Results of ``from_tier``'s council scoring at least ``min_score`` go to ``to_tier``.

    Forwarding is decided by the score alone (the seed plan's "đạt từ 70 điểm
    trở lên sẽ được chuyển hồ sơ", R3 Art. 7.3.e "≥ 90"): the higher council
    applies the minimums. ``Deployment.minimums_gate_forwarding`` restores the
    older reading (forward only when the next star's minimums are met).
    """

    from_tier: Tier
    to_tier: Tier
    min_score: Decimal
    approve_result_by: Tier | None = None
    source: str


ReturnOption = Literal["recognise", "reevaluate"]


class ReturnPath(FrozenModel):
    """A higher council's shortfall goes back down (R3 Art. 7.4.g; seed footnote 2).

    When the council of ``from_tier`` finds a forwarded product below
    ``short_of_star`` (the star it was forwarded for) — by score or by a missed
    minimum — the dossier returns to ``to_tier`` with ``options``: recognise at
    the lower star the score and minimums allow, or complete and re-evaluate.
    No certificate exists until ``to_tier`` acts.
    """

    from_tier: Tier
    to_tier: Tier
    short_of_star: int = Field(ge=4, le=5)
    options: tuple[ReturnOption, ...] = Field(min_length=1)
    source: str


class MonthDay(FrozenModel):
    """A yearly date written "MM-DD"."""

    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)

    def on(self, year: int) -> date:
        return date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"{self.day:02d}/{self.month:02d}"


def parse_month_day(value: object) -> object:
    if isinstance(value, str):
        month, _, day = value.partition("-")
        return {"month": int(month), "day": int(day)}
    return value


class Round(FrozenModel):
    name: LocalText
    forwarded_by: MonthDay
    decided_by: MonthDay

    @field_validator("forwarded_by", "decided_by", mode="before")
    @classmethod
    def _parse(cls, value: object) -> object:
        return parse_month_day(value)


class ReevaluationWindow(FrozenModel):
    opens_days_before: int = Field(ge=0)
    closes_days_before: int = Field(ge=0)


class Deadlines(FrozenModel):
    commune_check_working_days: int | None
    rounds: dict[Tier, tuple[Round, ...]]
    certificate_validity_months: int = Field(ge=1)
    valid_to_convention: LastDayConvention
    reevaluation_window: ReevaluationWindow | None
    reevaluation_decision_days: int | None
    expiry_notice_days_before: int | None
    late_reevaluation_grace_days: int | None
    revocation_days: int | None


class Form(FrozenModel):
    code: str
    label: LocalText


class CommuneReport(FrozenModel):
    code: str
    criteria: LocalText


class DossierRules(FrozenModel):
    paper_copies: int | None
    electronic_copies: int | None
    samples: int | None
    sets_without_samples: tuple[int, ...]
    forms: dict[DossierKind, tuple[Form, ...]]
    commune_report: CommuneReport | None
    source: str


class Transition(FrozenModel):
    """Transition articles for dossiers pending when this rule set takes effect."""

    pending_filed_before: date
    counted_from: date
    first_or_upgrade_days: int
    reevaluation_days: int
    legacy_rule_sets: tuple[str, ...]
    previous_instruments_lapse_on: date
    source: str


class TierSuccession(FrozenModel):
    """A tier abolished after ``last_day``; its roles pass to ``successor``.

    ``basis`` is the legal reason a refusal gives the user (Vietnamese, English);
    ``source`` grades where it comes from (OCOP-RULES.md).
    """

    tier: Tier
    last_day: date
    successor: Tier
    source: str
    basis: LocalText | None = None


class KnockoutDocument(FrozenModel):
    """The dossier document whose absence is the knock-out (a dossier category)."""

    category: str
    label: LocalText


class Knockout(FrozenModel):
    """A clause that ends an evaluation as rejected whatever the score (§1.4, §14.9).

    ``document`` names the dossier document the clause is about (the food-safety
    certificate of sets 1-17): the dossier is incomplete without it, so the commune
    does not report on it and it never reaches a council (``dossier_requirements``).
    """

    code: str
    label: LocalText
    sets: tuple[int, ...]
    source: str
    zero_points_in: tuple[str, ...] = ()
    document: KnockoutDocument | None = None


class RevocationGround(FrozenModel):
    """A ground on which a certificate may be revoked (R3 Art. 8.1, letters a–e)."""

    code: str
    letter: str
    label: LocalText
    source: str


class InspectionRules(FrozenModel):
    """What the rule set says about inspection (R3 Art. 9): kinds, scope, frequency.

    ``every_months`` is ``None`` when the rule set sets no frequency (R3: none
    nationally; a local policy sets it, §14.27).
    """

    kinds: tuple[Literal["periodic", "ad_hoc"], ...] = Field(min_length=1)
    scope: tuple[LocalText, ...] = Field(min_length=1)
    every_months: int | None = Field(default=None, ge=1)
    source: str
    overdue_remediation_ground: str | None = Field(
        default=None,
        description=(
            "The revocation ground a remediation left undone past its deadline opens a "
            "case on, where the rule set says so. None (R1-R3: no text says it): an "
            "overdue remediation opens nothing by itself; the follow-up visit that finds "
            "the product still non-compliant concludes the inspection failed (Art. 8.1.b)."
        ),
    )


class ApplicabilityCondition(FrozenModel):
    """A criterion that counts only when another is answered (a sheet note as data).

    "Chỉ áp dụng khi có câu chuyện sản phẩm": ``criterion`` (5.2, the story's
    structure) scores nothing unless ``requires`` (5.1, the story) is worth at
    least ``requires_min_points``.
    """

    kind: Literal["applies_only_when"]
    note: str
    criterion: str
    requires: str
    requires_min_points: Decimal
    sets: tuple[int, ...] = Field(min_length=1)
    source: str


class OneCaseCondition(FrozenModel):
    """Alternative answer sets ("Trường hợp 1/2") that one sheet may not mix."""

    kind: Literal["one_case_per_sheet"]
    criteria: tuple[str, ...] = Field(min_length=2)
    sets: tuple[int, ...] = Field(min_length=1)
    source: str


Condition = ApplicabilityCondition | OneCaseCondition


class ProductSetInfo(FrozenModel):
    """One of the product sets: names, classification and whether samples are due."""

    number: int
    industry: str
    industry_name: LocalText
    group: LocalText
    name: LocalText
    managing_agency: str
    samples_required: bool


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
        problems = list(_rule_set_problems(self))
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _rule_set_problems(rs: RuleSet) -> Iterator[str]:
    where = f"rule set {rs.id}"
    if rs.effective_to is not None and rs.effective_to < rs.effective_from:
        yield f"{where} › effective_to: before effective_from"
    yield from _scoring_problems(rs, where)
    yield from _tier_problems(rs, where)
    numbers = {s.number for s in rs.rubric.sets}
    for knockout in rs.knockouts:
        missing = sorted(set(knockout.sets) - numbers)
        if missing:
            yield f"{where} › knockouts.{knockout.code}: unknown product sets {missing}"
    info_numbers = {p.number for p in rs.product_sets}
    if info_numbers != numbers:
        yield f"{where} › product_sets: {sorted(info_numbers ^ numbers)} not in both lists"
    if rs.sheets_available and not rs.rubric.sets:
        yield f"{where} › sheets_available: true, but the rubric has no sheets"
    codes = [g.code for g in rs.revocation_grounds]
    if len(set(codes)) != len(codes):
        yield f"{where} › revocation_grounds: codes repeated {codes}"
    yield from _return_problems(rs, where)
    yield from _condition_problems(rs, where)


def _scoring_problems(rs: RuleSet, where: str) -> Iterator[str]:
    maxima = rs.scoring.part_maxima
    total = sum(maxima.values(), Decimal(0))
    if total != Decimal(100):
        yield f"{where} › scoring.part_maxima: parts add up to {total}, not 100"
    stars = [b.star for b in rs.scoring.bands]
    if sorted(stars) != [1, 2, 3, 4, 5]:
        yield f"{where} › scoring.bands: need stars 1-5 once each, found {stars}"
    ordered = sorted(rs.scoring.bands, key=lambda b: b.star)
    if ordered and ordered[0].min_score != 0:
        yield f"{where} › scoring.bands: the 1★ band must start at 0"
    for low, high in pairwise(ordered):
        if high.min_score <= low.min_score:
            yield f"{where} › scoring.bands: {high.star}★ must start above {low.star}★"
    for product_set in rs.rubric.sets:
        for code, maximum in product_set.part_maxima().items():
            expected = maxima.get(code)
            if expected != maximum:
                yield (
                    f"{where} › set {product_set.number} › part {code}: maximum {maximum} "
                    f"differs from the rule set's part maximum {expected}"
                )


def _tier_problems(rs: RuleSet, where: str) -> Iterator[str]:
    # A succession may record a tier the rule set never had (R2/R3: the district, so
    # that a district is refused with the reform as reason); it grants it no role.
    known = set(rs.tiers)
    for succession in rs.tier_successions:
        if succession.successor not in known:
            yield f"{where} › tier_successions: successor {succession.successor} is not in tiers"
    if rs.first_scoring_tier not in known:
        yield f"{where} › first_scoring_tier: {rs.first_scoring_tier} is not in tiers"
    for step, by_star in rs.authorities.items():
        for star, tiers in by_star.items():
            if star != "any" and star not in {"1", "2", "3", "4", "5"}:
                yield f"{where} › authorities.{step}: unknown star key {star!r}"
            unknown = [t.value for t in tiers if t not in known]
            if unknown:
                yield f"{where} › authorities.{step}.{star}: tiers {unknown} are not in tiers"
    for rule in rs.forwarding:
        if rule.from_tier not in known or rule.to_tier not in known:
            yield f"{where} › forwarding: {rule.from_tier}→{rule.to_tier} uses an unknown tier"


def _return_problems(rs: RuleSet, where: str) -> Iterator[str]:
    scored = rs.authorities.get(Step.SCORE, {})
    for i, path in enumerate(rs.return_paths):
        lowest = min(
            (int(s) for s, t in scored.items() if s != "any" and path.from_tier in t), default=None
        )
        if lowest != path.short_of_star:
            yield (
                f"{where} › return_paths[{i}].short_of_star: {path.short_of_star}, but "
                f"the {path.from_tier.value} council scores from {lowest}★"
            )
        if not any(
            r.from_tier == path.to_tier and r.to_tier == path.from_tier for r in rs.forwarding
        ):
            yield (
                f"{where} › return_paths[{i}]: nothing is forwarded "
                f"{path.to_tier.value}→{path.from_tier.value}"
            )


def _condition_problems(rs: RuleSet, where: str) -> Iterator[str]:
    """Conditions must name real criteria, and every sheet note they encode is covered."""
    covered: set[tuple[int, str]] = set()
    for i, cond in enumerate(rs.conditions):
        for number in cond.sets:
            here = f"{where} › conditions[{i}] › set {number}"
            sheet = rs.rubric.product_set(number)
            if sheet is None:
                yield f"{here}: unknown product set"
                continue
            codes = (cond.criterion,) if isinstance(cond, ApplicabilityCondition) else cond.criteria
            covered.update((number, code) for code in codes)
            if isinstance(cond, ApplicabilityCondition):
                yield from _applicability_problems(cond, sheet, here)
                continue
            for code in cond.criteria:
                leaf = sheet.leaf(code)
                if leaf is None or not leaf.cases:
                    yield f"{here} › {code}: not a criterion with alternative cases"
    for sheet in rs.rubric.sets:
        for _, leaf in sheet.leaves():
            needs = bool(leaf.cases) or any(n.startswith(CONDITIONAL_NOTE) for n in leaf.notes)
            if needs and (sheet.number, leaf.code) not in covered:
                yield (
                    f"{where} › set {sheet.number} › {leaf.code}: "
                    "condition in the sheet but not in conditions"
                )


def _applicability_problems(
    cond: ApplicabilityCondition, sheet: ProductSetRubric, here: str
) -> Iterator[str]:
    leaf, needed = sheet.leaf(cond.criterion), sheet.leaf(cond.requires)
    if leaf is None or needed is None:
        yield f"{here}: criterion {cond.criterion} or {cond.requires} missing"
        return
    if cond.note not in leaf.notes:
        yield f"{here} › {cond.criterion}: the sheet has no note {cond.note!r}"
    if not any(o.points >= cond.requires_min_points for o in needed.options):
        yield f"{here} › {cond.requires}: no option reaches {cond.requires_min_points}"
