"""Recognitions decided before this system, recorded from an office's register
(`ocop import portfolio`, issue 20).

Each row is checked the way the decision was governed: the rule set in force on its
decision date (R0, Decision 1048/QĐ-TTg, for 2019 to 23/02/2023; R1 after), whose
certified stars, score bands, recognising authority and certificate validity apply. A
result is never re-scored (R0 has no sheets: `rules.import_result`'s reasoning). What
is recorded is an event of its own kind, `ProductCertification.RecordedFromEarlierDecision`
(published as `RecognitionRecorded`, a `Recognized`), with the source file's hash and
line and the importing actor, so the certificate then expires, is re-evaluated,
inspected and revoked like any other."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from rules import CertificateDates, RulesError, RuleSet, Step, authorities, select_rule_set
from rules.i18n import TIER_AUTHORITY
from runtime.clock import check_date_range
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.identifiers import decision_number
from runtime.jurisdiction import UnitPath, require_jurisdiction
from runtime.text import nfc
from services.evaluation.application.core import EvaluationCore
from services.evaluation.application.support import dates_record, invalid, legal_basis, parse_score
from services.evaluation.domain.certificates import ProductCertification

EARLIER_DECISION = UUID("0f4d6c1e-9b2a-4e37-8c55-20f1a3b7d902")


def earlier_decision_id(product_id: UUID, certificate_no: str) -> UUID:
    """The id standing for the earlier decision's record where a dossier id is expected
    (`Recognized.dossier_id`): no dossier of this system lies behind it."""
    return uuid5(EARLIER_DECISION, f"{product_id}:{certificate_no}")


@dataclass
class Recorded:
    """What one call did: rows recorded, rows already recorded, refused rows."""

    recorded: int = 0
    unchanged: int = 0
    problems: list[tuple[int, CommandRejected]] = field(default_factory=list)


class EarlierRecognitionCommands:
    """`app.earlier`: recognitions of earlier decisions, recorded from a register."""

    def __init__(self, core: EvaluationCore) -> None:
        self.core = core

    def record(
        self,
        ctx: CommandContext,
        rows: list[dict[str, Any]],
        *,
        source_sha256: str,
        source_name: str = "",
        dry_run: bool = False,
        valid_rows_only: bool = False,
    ) -> Recorded:
        """Check every row, then record them all, or nothing when a row is refused
        (unless `valid_rows_only`); `dry_run` only checks. A row is a dict: line,
        product_id, product_name, star, score ('' when unknown), decision_no,
        decided_on (yyyy-mm-dd), authority ('' = the rule set's recognising authority),
        certificate_no ('' = the decision number with its year), valid_to ('' = from
        the rule set) and unit (the product's unit path, `runtime.jurisdiction`)."""
        if len(source_sha256) != 64 or not all(c in "0123456789abcdef" for c in source_sha256):
            raise invalid(
                "source_sha256",
                "Thiếu mã băm SHA-256 của tệp nguồn.",
                "The source file's SHA-256 is missing.",
            )
        outcome = Recorded()
        changed: dict[UUID, Aggregate] = {}
        cache: dict[date, Any] = {}  # decision date -> (rule set, certificate dates)
        for row in rows:
            line = int(row.get("line") or 0)
            try:
                made = self._row(ctx, row, source_sha256, source_name, changed, cache)
            except CommandRejected as refused:
                outcome.problems.append((line, refused))
                continue
            if made:
                outcome.recorded += 1
            else:
                outcome.unchanged += 1
        if dry_run or (outcome.problems and not valid_rows_only):
            outcome.recorded = 0 if not dry_run else outcome.recorded
            return outcome
        if changed:
            self.core.save(*changed.values())
        return outcome

    def _row(
        self,
        ctx: CommandContext,
        row: dict[str, Any],
        source_sha256: str,
        source_name: str,
        changed: dict[UUID, Aggregate],
        cache: dict[date, Any],
    ) -> bool:
        product_id = _uuid("product_id", str(row.get("product_id", "")))
        decided_on: date = _date("decided_on", str(row.get("decided_on", "")))
        self.core.not_future("decided_on", decided_on)
        rule_set, dates = self._governing(decided_on, cache)
        star = int(row.get("star") or 0)
        score = _checked_score(rule_set, star, str(row.get("score") or ""))
        decision_no = decision_number("decision_no", str(row.get("decision_no", "")))
        tiers = authorities(rule_set, star, Step.RECOGNISE, decided_on)
        authority = nfc(str(row.get("authority") or "")).strip() or (
            TIER_AUTHORITY[tiers[0]]["vi"] if tiers else ""
        )
        unit = UnitPath.from_dict(row.get("unit"))
        require_jurisdiction(ctx.actor, unit, str(product_id))
        _check_valid_to(rule_set, dates, str(row.get("valid_to") or ""))
        number = nfc(str(row.get("certificate_no") or "")).strip() or _with_year(
            decision_no, decided_on
        )
        certificate = {
            "number": number,
            "product_id": str(product_id),
            "dossier_id": str(earlier_decision_id(product_id, number)),
            "decision_no": decision_no,
            "star": star,
            "issuer": authority,
            "rule_set_id": rule_set.id,
            **dates_record(dates),
            "unit": unit.as_dict(),
            "legal_basis": legal_basis(rule_set),
        }
        source = {
            "sha256": source_sha256,
            "line": int(row.get("line") or 0),
            "name": nfc(source_name),
            "score": str(score) if score is not None else "",
        }
        certification = self._certification(ctx, product_id, row, changed)
        if not certification.record_earlier(certificate, source, ctx.meta()):
            return False
        changed[certification.id] = certification
        return True

    def _certification(
        self,
        ctx: CommandContext,
        product_id: UUID,
        row: dict[str, Any],
        changed: dict[UUID, Aggregate],
    ) -> ProductCertification:
        """The product's certification: changed earlier in this import, stored, or new."""
        known = changed.get(ProductCertification.id_for(product_id))
        return (
            known
            if isinstance(known, ProductCertification)
            else self.core.find_certification(product_id)
        ) or ProductCertification.start(
            product_id, nfc(str(row.get("product_name") or "")), ctx.meta()
        )

    def _governing(
        self, decided_on: date, cache: dict[date, Any]
    ) -> tuple[RuleSet, CertificateDates]:
        """The rule set in force on `decided_on` (importing: R0 too) and the dates of a
        certificate decided that day; a register has few decision days, so each is
        worked out once per call."""
        if decided_on not in cache:
            try:
                selected = select_rule_set(decided_on, self.core.deployment, importing=True)
            except RulesError as error:
                cache[decided_on] = CommandRejected(
                    "invalid_argument", "decided_on", error.vi, error.en
                )
            else:
                rule_set = selected.rule_set
                cache[decided_on] = (rule_set, self.core.certificate_dates(decided_on, rule_set))
        found = cache[decided_on]
        if isinstance(found, CommandRejected):
            raise found
        return found  # type: ignore[no-any-return]


def _uuid(name: str, value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError as error:
        raise invalid(name, f"Mã {value!r} không hợp lệ.", f"Id {value!r} is invalid.") from error


def _date(name: str, text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError as error:
        raise invalid(name, f"Ngày '{text}' không hợp lệ.", f"Date '{text}' is invalid.") from error
    check_date_range(name, day)
    return day


def _score(text: str) -> Decimal | None:
    """The row's score (a comma as decimal mark too), None when empty (`parse_score`)."""
    return parse_score(text.strip().replace(",", ".")) if text.strip() else None


def _with_year(decision_no: str, decided_on: date) -> str:
    """The decision number with its year (decision numbers restart every year)."""
    if f"/{decided_on.year}/" in decision_no or "/" not in decision_no:
        return decision_no
    head, tail = decision_no.split("/", 1)
    return f"{head}/{decided_on.year}/{tail}"


def _checked_score(rule_set: RuleSet, star: int, score_text: str) -> Decimal | None:
    """The row's score (`_score`), after refusing (field `star`) a star level the rule set
    does not certify, or one above what the score reaches under it."""
    if star not in rule_set.scoring.certified_stars:
        stars = ", ".join(str(s) for s in rule_set.scoring.certified_stars)
        raise invalid(
            "star",
            f"Hạng {star} sao không được công nhận theo {rule_set.id} (chỉ {stars} sao).",
            f"{star} stars is not a certified level under {rule_set.id} (only {stars}).",
        )
    score = _score(score_text)
    if score is not None:
        reached = max(b.star for b in rule_set.scoring.bands if score >= b.min_score)
        if star > reached:
            raise invalid(
                "star",
                f"{score} điểm chỉ đạt {reached} sao theo {rule_set.id}, không phải {star}.",
                f"{score} points reach {reached} stars under {rule_set.id}, not {star}.",
            )
    return score


def _check_valid_to(rule_set: RuleSet, dates: CertificateDates, given_to: str) -> None:
    """Refuses (field `valid_to`) a given end of validity other than the rule set's."""
    if given_to and _date("valid_to", given_to) != dates.valid_to:
        raise invalid(
            "valid_to",
            f"Hiệu lực đến {_date('valid_to', given_to):%d/%m/%Y} khác thời hạn theo "
            f"{rule_set.id}: {dates.valid_to:%d/%m/%Y}.",
            f"Valid to {_date('valid_to', given_to):%d/%m/%Y} differs from "
            f"{rule_set.id}'s validity: {dates.valid_to:%d/%m/%Y}.",
        )
