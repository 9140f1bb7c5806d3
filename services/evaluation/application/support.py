"""Small helpers every command group uses: refusals, event metadata, score parsing, the
legal basis of a rule set and the certificate record a decision issues."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from contracts.envelope import Actor
from rules import (
    CertificateDates,
    RulesError,
    RuleSet,
    Step,
    Tier,
    authorities,
    council_mean,
    load_rule_set,
    revocation_grounds,
    select_rule_set,
)
from runtime.commands import caused_by
from runtime.errors import CommandRejected
from services.evaluation.domain.model import Evaluation

SYSTEM = Actor(id="evaluation", role="system", jurisdiction="")


def system_meta(event: Any) -> dict[str, Any]:
    """Meta of what this service records on its own because of `event`."""
    return caused_by(event, SYSTEM)


def event_meta(event: Any) -> dict[str, Any]:
    """Meta of an event caused by another service's event, recorded as its actor's act."""
    return caused_by(event)


def invalid(field: str, vi: str, en: str) -> CommandRejected:
    return CommandRejected("invalid_argument", field, vi, en)


def inspectors(rule_set: RuleSet, star: int, on: date) -> tuple[Tier, ...]:
    return authorities(rule_set, star, Step.INSPECT, on)


def mean_of(rule_set: RuleSet, values: list[Decimal]) -> Decimal:
    return council_mean(rule_set, values)


def legal_basis(rule_set: RuleSet) -> str:
    """The instruments' numbers, e.g. "148/QĐ-TTg, 781/QĐ-TTg"."""
    return ", ".join(i.number for i in rule_set.instruments)


def parse_score(score: str) -> Decimal:
    """A 0-100 score given as text, to two decimals; refuses (`score`) anything else."""
    try:
        value = Decimal(score).quantize(Decimal("0.01"))
    except ArithmeticError as error:
        raise invalid(
            "score", f"Điểm '{score}' không phải là số.", f"Score '{score}' is not a number."
        ) from error
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise invalid("score", "Điểm phải từ 0 đến 100.", "Score must be 0-100.")
    return value.copy_abs()  # -0 is stored as 0


def require_open(evaluation: Evaluation) -> None:
    if evaluation.status != "open":
        raise CommandRejected(
            "failed_precondition",
            "dossier_id",
            "Hội đồng đã thông qua kết quả cho hồ sơ này.",
            "The council has already adopted its result for this dossier.",
        )


def certificate_record(
    evaluation: Evaluation,
    number: str,
    decision_no: str,
    star: int,
    issuer: str,
    rule_set: RuleSet,
    dates: CertificateDates,
) -> dict[str, Any]:
    """What `ProductCertification.issue` keeps of a certificate: number, decision,
    star, issuer, rule set and every date `rules.certificate_dates` gave."""
    return {
        "number": number,
        "dossier_id": str(evaluation.dossier_id),
        "decision_no": decision_no,
        "star": star,
        "issuer": issuer,
        "rule_set_id": rule_set.id,
        **dates_record(dates),
    }


def dates_record(dates: CertificateDates) -> dict[str, Any]:
    """A certificate's dates as `ProductCertification` keeps them: issued, valid to, the
    expiry notice, the re-evaluation window and a late filer's grace."""
    return {
        "issued_on": dates.issued_on,
        "valid_to": dates.valid_to,
        "notice_by": dates.expiry_notice_by,
        "window_opens": dates.reevaluation_opens,
        "window_closes": dates.reevaluation_closes,
        "grace_until": dates.late_filer_valid_until,
    }


def grounds_on(day: date) -> tuple[str, ...]:
    """Codes of the revocation grounds of the rule set in force on `day` (R3 Art. 8.1:
    a, b, c, d, dd for đ, e); revocation follows the law of its day, whatever rules the
    certificate was issued under."""
    try:
        rule_set = select_rule_set(day, importing=True).rule_set
    except RulesError:
        rule_set = load_rule_set("R3")
    return tuple(g.code for g in revocation_grounds(rule_set))


def month_of(text: str) -> tuple[int, int] | None:
    """A round's period, `mm/yyyy` or `yyyy-mm` (its decision month); None if empty."""
    text = text.strip()
    if not text:
        return None
    try:
        if "/" in text:
            month, year = (int(p) for p in text.split("/"))
        else:
            year, month = (int(p) for p in text.split("-"))
    except ValueError:
        month = year = 0
    if not (1 <= month <= 12 and 2018 <= year <= 2200):
        raise invalid(
            "period",
            f"Kỳ '{text}' không hợp lệ: nhập tháng/năm, ví dụ 05/2025.",
            f"Period '{text}' is not valid: give month/year, e.g. 05/2025.",
        )
    return year, month
