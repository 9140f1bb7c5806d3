"""The evaluation application's shared part: settings, rule look-ups, repository access and
the small helpers every command uses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import JSONTranscoder
from eventsourcing.projection import EventSourcedProjection
from eventsourcing.utils import get_topic

from contracts.envelope import Actor
from rules import (
    Deployment,
    RuleSet,
    Step,
    Tier,
    assign_round,
    certificate_dates,
    load_local_policy,
    load_rule_set,
    select_rule_set,
)
from runtime.clock import Clock
from runtime.errors import CommandRejected
from runtime.eventstore import register_common_transcodings
from services.evaluation.domain.certificates import ProductCertification
from services.evaluation.domain.council import (
    LEVEL_TIER,
    CouncilRules,
)
from services.evaluation.domain.model import Evaluation
from services.evaluation.domain.rounds import Round

A = TypeVar("A", bound=Aggregate)
SYSTEM = Actor(id="evaluation", role="system", jurisdiction="")


def system_meta(event: Any) -> dict[str, Any]:
    return {
        "actor": SYSTEM.model_dump(),
        "correlation_id": str(event.correlation_id),
        "causation_id": str(event.event_id),
    }


def event_meta(event: Any) -> dict[str, Any]:
    """Meta of an event caused by another service's event, recorded as its actor's act."""
    return {**system_meta(event), "actor": event.actor.model_dump()}


def invalid(field: str, vi: str, en: str) -> CommandRejected:
    return CommandRejected("invalid_argument", field, vi, en)


# The stored topic of `Evaluation.Opened` (the class is made by eventsourcing's @event).
OPENED_TOPIC = get_topic(Evaluation.Opened)  # type: ignore[attr-defined]


class EvaluationBase(EventSourcedProjection[UUID]):
    """What every part of the application shares: clock, council rules, deployment,
    rule look-ups and repository access."""

    name = "evaluation"

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        clock: Clock,
        council: CouncilRules | None = None,
        deployment: Deployment | None = None,
    ) -> None:
        super().__init__(env)
        self.clock = clock
        self.council = council or CouncilRules()
        self.deployment = deployment or Deployment(jurisdiction="")

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_common_transcodings(transcoder)

    def rule_set_of(self, evaluation: Evaluation) -> RuleSet:
        if evaluation.rule_set_id:
            return load_rule_set(evaluation.rule_set_id)
        return select_rule_set(evaluation.received_on, self.deployment).rule_set

    def _local_policies(self) -> list[Any]:
        return [load_local_policy(p) for p in self.deployment.local_policies]

    def _round_key(
        self, level: str, jurisdiction: str, on: date, rule_set: RuleSet
    ) -> dict[str, Any]:
        assigned = assign_round(on, rule_set, LEVEL_TIER[level], self._local_policies())
        if assigned is None:
            # The rule set and local policies set no round for this level: one
            # unscheduled round per year, opened and dated by the office.
            return {
                "level": level,
                "jurisdiction": jurisdiction,
                "forwarded_by": None,
                "decided_by": date(on.year, 12, 31),
                "name_vi": f"Đợt {on.year} (chưa có lịch)",
                "name_en": f"{on.year} round (unscheduled)",
                "source": "none",
            }
        return {
            "level": level,
            "jurisdiction": jurisdiction,
            "forwarded_by": assigned.forwarded_by,
            "decided_by": assigned.decided_by,
            "name_vi": assigned.name.vi,
            "name_en": assigned.name.en,
            "source": assigned.source,
        }

    def _get(self, aggregate_id: UUID, cls: type[A]) -> A | None:
        try:
            found: object = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, cls) else None

    @staticmethod
    def _round_id(key: dict[str, Any]) -> UUID:
        return Round.id_for(
            key["level"], key["jurisdiction"], key["forwarded_by"], key["decided_by"]
        )

    def dossiers_in(self, round_id: UUID, batch: int = 1000) -> list[UUID]:
        """Dossiers whose evaluation joined `round_id`, in arrival order (a scan of the
        log's `Evaluation.Opened` notifications: rounds hold tens to hundreds)."""
        found: list[UUID] = []
        start = 0
        while True:
            notes = self.recorder.select_notifications(
                start=start,
                limit=batch,
                topics=[OPENED_TOPIC],
                inclusive_of_start=False,
            )
            if not notes:
                return found
            for note in notes:
                opened: Any = self.mapper.to_domain_event(note)
                if opened.round_id == round_id:
                    found.append(opened.dossier_id)
            start = notes[-1].id

    def next_round(
        self, evaluation: Evaluation, to_level: str, on: date
    ) -> tuple[str, date] | None:
        """The next level's round the forwarded dossier joins (R3 Art. 5.2 for the ministry)."""
        assigned = assign_round(
            on, self.rule_set_of(evaluation), LEVEL_TIER[to_level], self._local_policies()
        )
        return (assigned.name.vi, assigned.decided_by) if assigned else None

    def _not_future(self, field: str, day: date) -> None:
        if day > self.clock.today():
            raise invalid(
                field, f"Ngày {day.isoformat()} chưa đến.", f"{day.isoformat()} is in the future."
            )

    def get_round(self, round_id: UUID) -> Round:
        found = self._get(round_id, Round)
        if found is None:
            raise CommandRejected(
                "not_found",
                "round_id",
                f"Không có đợt đánh giá {round_id}.",
                f"No round {round_id}.",
            )
        return found

    def get_evaluation(self, dossier_id: UUID) -> Evaluation:
        found = self._get(Evaluation.id_for(dossier_id), Evaluation)
        if found is None:
            raise CommandRejected(
                "not_found",
                "dossier_id",
                f"Hồ sơ {dossier_id} chưa được chuyển đến cấp đánh giá (hoặc chưa tới nơi).",
                f"Dossier {dossier_id} has not reached evaluation (yet).",
            )
        return found

    def get_certification(self, product_id: UUID) -> ProductCertification:
        found = self._get(ProductCertification.id_for(product_id), ProductCertification)
        if found is None:
            raise CommandRejected(
                "not_found",
                "product_id",
                f"Sản phẩm {product_id} chưa có giấy chứng nhận.",
                f"Product {product_id} has no certificate.",
            )
        return found

    def _dates(self, issued_on: date, rule_set: RuleSet) -> Any:
        first = certificate_dates(
            issued_on, rule_set, convention=self.deployment.valid_to_convention
        )
        renewal = select_rule_set(first.valid_to, self.deployment).rule_set
        return certificate_dates(
            issued_on,
            rule_set,
            renewal_rules=renewal,
            convention=self.deployment.valid_to_convention,
        )

    def _certification(self, evaluation: Evaluation, meta: dict[str, Any]) -> ProductCertification:
        found = self._get(ProductCertification.id_for(evaluation.product_id), ProductCertification)
        return found or ProductCertification(
            product_id=evaluation.product_id, product_name=evaluation.product_name, meta=meta
        )

    @staticmethod
    def _certificate(
        evaluation: Evaluation,
        number: str,
        decision_no: str,
        star: int,
        issuer: str,
        rule_set: RuleSet,
        dates: Any,
    ) -> dict[str, Any]:
        return {
            "number": number,
            "dossier_id": str(evaluation.dossier_id),
            "decision_no": decision_no,
            "star": star,
            "issuer": issuer,
            "rule_set_id": rule_set.id,
            "issued_on": dates.issued_on,
            "valid_to": dates.valid_to,
            "notice_by": dates.expiry_notice_by,
            "window_opens": dates.reevaluation_opens,
            "window_closes": dates.reevaluation_closes,
            "grace_until": dates.late_filer_valid_until,
        }


def inspectors(rule_set: RuleSet, star: int, on: date) -> tuple[Tier, ...]:
    from rules import authorities

    return authorities(rule_set, star, Step.INSPECT, on)


def mean_of(rule_set: RuleSet, values: list[Decimal]) -> Decimal:
    from rules import council_mean

    return council_mean(rule_set, values)


def scored_choices(scored: Any) -> list[tuple[str, str]]:
    return [(line.criterion, line.option) for line in scored.lines]


def legal_basis(rule_set: RuleSet) -> str:
    return ", ".join(i.number for i in rule_set.instruments)


def parse_score(score: str) -> Decimal:
    try:
        value = Decimal(score).quantize(Decimal("0.01"))
    except ArithmeticError as error:
        raise invalid(
            "score", f"Điểm '{score}' không phải là số.", f"Score '{score}' is not a number."
        ) from error
    if not Decimal(0) <= value <= Decimal(100):
        raise invalid("score", "Điểm phải từ 0 đến 100.", "Score must be 0-100.")
    return value


def evaluation_open_check(evaluation: Evaluation) -> None:
    if evaluation.status != "open":
        raise CommandRejected(
            "failed_precondition",
            "dossier_id",
            "Hội đồng đã thông qua kết quả cho hồ sơ này.",
            "The council has already adopted its result for this dossier.",
        )
