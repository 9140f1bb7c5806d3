"""What registration needs from the rule sets (`rules/`): which rule set a dossier falls
under, which level evaluates it, the product sets and their self-assessment sheets, the
dossier's requirements and the commune's working-day deadline.

The rule set follows from the commune receipt date; the evaluating level is the
tier that scores the lowest certified star under that rule set on the day the
commune forwards the dossier (an R1 district role passes to the province after
the districts were abolished on 30/06/2025)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from rules import (
    DossierKind,
    RulesError,
    RuleSet,
    WorkingCalendar,
    authority,
    commune_check_deadline,
    dossier_requirements,
    late_filer_valid_until,
    load_local_policy,
    load_rule_set,
    product_set_info,
    reevaluation_window,
    rubric_for,
    select_rule_set,
)
from rules.model import Step
from runtime.errors import CommandRejected

# Registration's dossier kinds -> the rules package's names.
KIND = {
    "first": DossierKind.FIRST,
    "upgrade": DossierKind.UPGRADE,
    "re_evaluation": DossierKind.REEVALUATION,
}


@dataclass(frozen=True)
class Requirements:
    """A dossier's requirements under its rule set; None where the rule set says nothing."""

    forms: tuple[str, ...]
    paper_copies: int | None
    electronic_copies: int | None
    samples: int | None
    sheet: dict[str, tuple[str, ...]]  # criterion code -> option ids of the self-assessment
    documents: tuple[tuple[str, str, str], ...] = ()
    """Papers the product set's dossier must carry: (category, vi, en) — the food-safety
    certificate of the food and drink sets, whose absence is a knock-out (R1-R3)."""


@functools.lru_cache(maxsize=1024)
def _rule_set_on(received_on: date) -> RuleSet:
    """The shipped rule set governing `received_on`, chosen once per day and process:
    selecting it builds a `Selection`, which validates the whole rule set again (about a
    tenth of a registered product's CPU over gRPC, issue 18's profile)."""
    return select_rule_set(received_on).rule_set


def rule_set_for(received_on: date) -> RuleSet:
    """The rule set governing a dossier received on `received_on`; `invalid_argument`
    (`received_on`) when none does."""
    try:
        return _rule_set_on(received_on)
    except RulesError as error:
        raise CommandRejected(
            "invalid_argument", "received_on", error.render("vi"), error.render("en")
        ) from error


def route_dossier(received_on: date, forwarded_on: date) -> tuple[str, str]:
    rule_set = rule_set_for(received_on)
    tier = authority(rule_set, min(rule_set.scoring.certified_stars), Step.SCORE, on=forwarded_on)
    if tier is None:
        day = f"{forwarded_on:%d/%m/%Y}"
        raise CommandRejected(
            "failed_precondition",
            "received_on",
            f"Bộ quy tắc {rule_set.id} không chỉ định cấp đánh giá vào ngày {day}.",
            f"Rule set {rule_set.id} names no evaluating level on {day}.",
        )
    return rule_set.id, tier.value


def check_product_set(number: int, on: date) -> None:
    """Refuse a product set the rule set in force on `on` does not have."""
    rule_set = rule_set_for(on)
    try:
        product_set_info(rule_set, number)
    except RulesError as error:
        raise CommandRejected(
            "invalid_argument",
            "product_set",
            f"Bộ sản phẩm {number} không tồn tại ({error.render('vi')}).",
            f"Product set {number} does not exist ({error.render('en')}).",
        ) from error


def requirements(rule_set_id: str, kind: str, product_set: int) -> Requirements:
    rule_set = load_rule_set(rule_set_id)
    needed = dossier_requirements(rule_set, KIND[kind], product_set)
    sheet = {
        leaf.code: tuple(o.id for o in leaf.options)
        for _, leaf in rubric_for(rule_set, product_set).leaves()
    }
    return Requirements(
        forms=tuple(f.code for f in needed.forms),
        paper_copies=needed.paper_copies,
        electronic_copies=needed.electronic_copies,
        samples=needed.samples,
        sheet=sheet,
        documents=tuple((d.category, d.label.vi, d.label.en) for d in needed.documents),
    )


def check_deadline(
    rule_set_id: str,
    received_on: date,
    calendar: WorkingCalendar | None = None,
    local_policies: tuple[str, ...] = (),
) -> date | None:
    """The commune's deadline: the rule set's, else the deployment's local policy's (the
    Kon Tum 2025 plan sets 15 working days for R1/R2 dossiers); None if neither does."""
    policies = [load_local_policy(p) for p in local_policies]
    return commune_check_deadline(received_on, load_rule_set(rule_set_id), calendar, policies)


def check_reevaluation_filing(standing: dict[str, object], received_on: date) -> None:
    """Refuses (`received_on`, FAILED_PRECONDITION, the dates named) a re-evaluation dossier
    filed outside the period the rules in force at the certificate's expiry give (§14.22):
    R3's window, 180 to 120 days before expiry (Art. 12; a late filer is accepted until the
    expiry where those rules give a late filer's grace, Art. 12.3); under R0-R2, which give
    no window, any day while the certificate is in force. A revoked or ended certificate
    is not re-evaluated: the product needs a first dossier again."""
    valid_to = standing["valid_to"]
    assert isinstance(valid_to, date)
    if standing["status"] != "valid" or received_on > valid_to:
        raise CommandRejected(
            "failed_precondition",
            "received_on",
            f"Giấy chứng nhận {standing['number']} đã hết hiệu lực ({standing['status']}, "
            f"hiệu lực đến {valid_to:%d/%m/%Y}): không đánh giá lại, cần hồ sơ lần đầu.",
            f"Certificate {standing['number']} is no longer in force ({standing['status']}, "
            f"valid to {valid_to:%d/%m/%Y}): no re-evaluation, a first dossier is needed.",
        )
    rules = select_rule_set(valid_to, importing=True).rule_set
    window = reevaluation_window(valid_to, rules)
    if window is None:
        return
    opens, closes = window
    last = valid_to if late_filer_valid_until(valid_to, rules) else closes
    if not opens <= received_on <= last:
        raise CommandRejected(
            "failed_precondition",
            "received_on",
            f"Hồ sơ đánh giá lại chỉ được nộp từ {opens:%d/%m/%Y} đến {last:%d/%m/%Y} "
            f"({rules.id}: trong hạn đến {closes:%d/%m/%Y}; giấy chứng nhận hiệu lực đến "
            f"{valid_to:%d/%m/%Y}), không phải {received_on:%d/%m/%Y}.",
            f"A re-evaluation dossier may be filed from {opens:%d/%m/%Y} to {last:%d/%m/%Y} "
            f"({rules.id}: on time until {closes:%d/%m/%Y}; certificate valid to "
            f"{valid_to:%d/%m/%Y}), not on {received_on:%d/%m/%Y}.",
        )
