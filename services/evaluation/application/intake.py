"""Events in: what another service's published event changes here. Each function returns
the aggregates to record with the event's tracking (one transaction), or nothing."""

from __future__ import annotations

from eventsourcing.domain import Aggregate

from contracts.inspection import InspectionFailed, RemediationOverdue
from contracts.province import HigherLevelRecognized, ReturnedToLowerLevel
from contracts.registration import CommuneAssessed
from rules import (
    late_filer_valid_until,
    load_rule_set,
    reevaluation_decision_deadline,
    reevaluation_filing_timing,
    revocation_deadline,
    select_rule_set,
)
from runtime.jurisdiction import UnitPath
from services.evaluation.application.core import EvaluationCore
from services.evaluation.application.forwarding_commands import ForwardingCommands
from services.evaluation.application.support import event_meta, grounds_on, system_meta
from services.evaluation.domain.certificates import ProductCertification
from services.evaluation.domain.model import Evaluation


def dossier_arrived(core: EvaluationCore, assessed: CommuneAssessed) -> list[Aggregate]:
    """The commune forwarded a dossier: its evaluation opens in the round of its level
    and arrival date; a re-evaluation is filed against the certificate it renews."""
    if core.find(Evaluation.id_for(assessed.aggregate_id), Evaluation) is not None:
        return []  # the same dossier forwarded again: it is already here
    rule_set_id = (
        assessed.rule_set_id or select_rule_set(assessed.received_on, core.deployment).rule_set.id
    )
    rule_set = load_rule_set(rule_set_id)
    level = assessed.forwarded_to
    arrived_on = assessed.forwarded_on or assessed.assessed_on
    path = UnitPath(
        commune=assessed.commune_code,
        province=assessed.province_code,
        district=assessed.legacy_district_code or "",
        legacy_commune=assessed.legacy_commune_code or "",
        legacy_province=assessed.legacy_province_code or "",
    )
    # A district's dossiers join the district's own round (its pre-2025 code), not the
    # province's: R1 Art. 4 has the district council evaluate its communes' products.
    key = core.round_key(level, path.unit_of(level), arrived_on, rule_set)
    written = (
        assessed.kind == "re_evaluation" and rule_set.id in core.council.written_opinion_rule_sets
    )
    evaluation = Evaluation.open(
        dossier_id=assessed.aggregate_id,
        product_id=assessed.product_id,
        product_name=assessed.product_name,
        product_code=assessed.product_code or "",
        producer_name=assessed.producer_name or "",
        product_set=assessed.product_set,
        kind=assessed.kind,
        level=level,
        jurisdiction=assessed.province_code,
        commune_code=assessed.commune_code,
        rule_set_id=rule_set.id,
        received_on=assessed.received_on,
        arrived_on=arrived_on,
        round_id=core.round_id(key),
        mode="written" if written else "meeting",
        unit=path.as_dict(),
        meta=system_meta(assessed),
    )
    filed = _file_reevaluation(core, assessed) if assessed.kind == "re_evaluation" else None
    return [evaluation, filed] if filed else [evaluation]


def _file_reevaluation(
    core: EvaluationCore, assessed: CommuneAssessed
) -> ProductCertification | None:
    """Files the re-evaluation against the certificate held: on time or late (with the
    late filer's grace), and the date it must be decided by, under the renewal rules."""
    certification = core.find_certification(assessed.product_id)
    held = certification.holding() if certification else None
    if certification is None or held is None:
        return None
    renewal = select_rule_set(held["valid_to"], core.deployment).rule_set
    arrived_on = assessed.forwarded_on or assessed.assessed_on
    certification.file_reevaluation(
        assessed.aggregate_id,
        system_meta(assessed),
        filed_on=assessed.received_on,
        timing=reevaluation_filing_timing(assessed.received_on, held["valid_to"], renewal),
        valid_until=late_filer_valid_until(held["valid_to"], renewal),
        decide_by=reevaluation_decision_deadline(arrived_on, renewal),
    )
    return certification


def recognised_above(
    core: EvaluationCore, forwarding: ForwardingCommands, answer: HigherLevelRecognized
) -> list[Aggregate]:
    evaluation = core.find(Evaluation.id_for(answer.dossier_id), Evaluation)
    if evaluation is None or evaluation.status != "forwarded":
        return []  # not ours, or already answered (the answer is idempotent)
    return forwarding.recognised_above(
        evaluation,
        answer.level,
        answer.score,
        answer.star,
        answer.decision_no,
        answer.decided_on,
        answer.signer,
        event_meta(answer),
    )


def returned(
    core: EvaluationCore, forwarding: ForwardingCommands, answer: ReturnedToLowerLevel
) -> list[Aggregate]:
    evaluation = core.find(Evaluation.id_for(answer.dossier_id), Evaluation)
    if evaluation is None or evaluation.status != "forwarded":
        return []
    forwarding.returned(
        evaluation,
        answer.level,
        answer.score,
        answer.returned_on,
        answer.reason,
        event_meta(answer),
    )
    return [evaluation]


def inspection_failed(core: EvaluationCore, failed: InspectionFailed) -> list[Aggregate]:
    """A failed inspection opens a revocation case with the rule set's deadline (R3: 15
    days); an unknown ground is read as (b), the product no longer meets its standard."""
    certification = core.find_certification(failed.product_id)
    held = certification.holding() if certification else None
    if certification is None or held is None or held["revocation"] is not None:
        return []  # nothing in force to revoke, or a case is already open
    rule_set = load_rule_set(held["rule_set_id"])
    certification.open_revocation(
        event_meta(failed),
        ground=failed.ground if failed.ground in grounds_on(failed.concluded_on) else "b",
        reference=f"{failed.conclusion_no}: {failed.findings}",
        concluded_on=failed.concluded_on,
        decide_by=revocation_deadline(failed.concluded_on, rule_set),
        source="inspection",
    )
    return [certification]


def remediation_overdue(core: EvaluationCore, overdue: RemediationOverdue) -> list[Aggregate]:
    """A remediation left undone past its deadline opens a revocation case only where the
    certificate's rule set names a ground for it (`inspection.overdue_remediation_ground`);
    R1-R3 name none, so the follow-up visit's failure (InspectionFailed) does instead."""
    certification = core.find_certification(overdue.product_id)
    held = certification.holding() if certification else None
    if certification is None or held is None or held["revocation"] is not None:
        return []
    rule_set = load_rule_set(held["rule_set_id"])
    ground = rule_set.inspection.overdue_remediation_ground if rule_set.inspection else None
    if ground is None:
        return []
    certification.open_revocation(
        event_meta(overdue),
        ground=ground,
        reference=f"{overdue.conclusion_no}: quá hạn khắc phục {overdue.deadline:%d/%m/%Y}. "
        f"{overdue.findings}",
        concluded_on=overdue.overdue_on,
        decide_by=revocation_deadline(overdue.overdue_on, rule_set),
        source="inspection",
    )
    return [certification]
