"""The sections of a rule-set document: legal basis, scoring, routing, deadlines, dossier.

Each model is one block of a YAML document in ``rules/data`` (or of the rubric
bundle it names); :class:`rules.model.RuleSet` assembles them and checks that
they agree (:mod:`rules.consistency`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field

from rules.rubric import PartCode
from rules.terms import (
    DossierKind,
    FrozenModel,
    LastDayConvention,
    MonthDay,
    ShortfallMode,
    Tier,
    month_day_fields,
)
from rules.text import LocalText


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


class Round(FrozenModel):
    name: LocalText
    forwarded_by: MonthDay
    decided_by: MonthDay

    _month_days = month_day_fields("forwarded_by", "decided_by")


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
