"""Versioned OCOP rule sets and the scoring engine (pure domain code).

Nothing is read at import time; rule sets load lazily and are cached. See
``rules/README.md`` for the API and ``docs/rules.md`` for the rules themselves.
"""

from rules.authorities import Routing, authorities, authority, may_act, route
from rules.build import RubricBundle, build_bundle, with_bundle
from rules.catalogue import (
    DossierRequirements,
    dossier_requirements,
    product_set_info,
    product_sets,
    rubric_for,
)
from rules.deadlines import (
    CertificateDates,
    RoundAssignment,
    assign_round,
    certificate_dates,
    certificate_state,
    certificate_valid_to,
    commune_check_deadline,
    expiry_notice_date,
    late_filer_valid_until,
    reevaluation_decision_deadline,
    reevaluation_filing_timing,
    reevaluation_window,
    revocation_deadline,
)
from rules.deployment import Deployment, LocalPolicy
from rules.errors import RulesError, RuleSetError, SheetError, UnknownRuleSetError
from rules.explain import Explanation, explain
from rules.loader import all_local_policies, all_rule_sets, load_local_policy, load_rule_set
from rules.model import (
    DossierKind,
    LastDayConvention,
    ProductSetInfo,
    RuleSet,
    ShortfallMode,
    Step,
    Tier,
)
from rules.rubric import Criterion, Option, ProductSetRubric
from rules.scoring import (
    CouncilResult,
    MinimumCheck,
    ModeOutcome,
    Outcome,
    ScoredSheet,
    band_for,
    council_mean,
    council_result,
    score_member,
)
from rules.selection import (
    Selection,
    TransitionTerms,
    is_overdue,
    select_rule_set,
    transition_terms,
)
from rules.sheets import CouncilSheet, MemberSheet, parse_council_sheet
from rules.workdays import WorkingCalendar, add_days, add_months, add_working_days

__all__ = [
    "CertificateDates",
    "CouncilResult",
    "CouncilSheet",
    "Criterion",
    "Deployment",
    "DossierKind",
    "DossierRequirements",
    "Explanation",
    "LastDayConvention",
    "LocalPolicy",
    "MemberSheet",
    "MinimumCheck",
    "ModeOutcome",
    "Option",
    "Outcome",
    "ProductSetInfo",
    "ProductSetRubric",
    "RoundAssignment",
    "Routing",
    "RubricBundle",
    "RuleSet",
    "RuleSetError",
    "RulesError",
    "ScoredSheet",
    "Selection",
    "SheetError",
    "ShortfallMode",
    "Step",
    "Tier",
    "TransitionTerms",
    "UnknownRuleSetError",
    "WorkingCalendar",
    "add_days",
    "add_months",
    "add_working_days",
    "all_local_policies",
    "all_rule_sets",
    "assign_round",
    "authorities",
    "authority",
    "band_for",
    "build_bundle",
    "certificate_dates",
    "certificate_state",
    "certificate_valid_to",
    "commune_check_deadline",
    "council_mean",
    "council_result",
    "dossier_requirements",
    "expiry_notice_date",
    "explain",
    "is_overdue",
    "late_filer_valid_until",
    "load_local_policy",
    "load_rule_set",
    "may_act",
    "parse_council_sheet",
    "product_set_info",
    "product_sets",
    "reevaluation_decision_deadline",
    "reevaluation_filing_timing",
    "reevaluation_window",
    "revocation_deadline",
    "route",
    "rubric_for",
    "score_member",
    "select_rule_set",
    "transition_terms",
    "with_bundle",
]
