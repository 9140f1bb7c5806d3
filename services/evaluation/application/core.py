"""The evaluation application's core: the clock, the council regulation, the deployment,
rule look-ups and repository access. The command groups (`council_commands`,
`decision_commands`, `certificate_commands`) are given this core and do their work
through it; `app.EvaluationApp` composes them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from rules import (
    CertificateDates,
    Deployment,
    LocalPolicy,
    NotCompetentError,
    RuleSet,
    Tier,
    assign_round,
    certificate_dates,
    ensure_tier_exists,
    load_local_policy,
    load_rule_set,
    select_rule_set,
)
from runtime.clock import Clock, check_past_date
from runtime.errors import CommandRejected
from runtime.jurisdiction import ActsFor, require_jurisdiction
from runtime.projection import ServiceStore
from services.evaluation.domain.certificates import ProductCertification
from services.evaluation.domain.council import LEVEL_TIER, CouncilRules, refuse_permission
from services.evaluation.domain.model import Evaluation
from services.evaluation.domain.rounds import Round

A = TypeVar("A", bound=Aggregate)

# The stored topic of `Evaluation.Opened`, to find a round's dossiers in the log.
OPENED_TOPIC = get_topic(Evaluation.Opened)


class EvaluationCore(ServiceStore):
    """What every command group shares: clock, council rules, deployment, rule look-ups
    and repository access."""

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

    # -- rules ----------------------------------------------------------------------

    def rule_set_of(self, evaluation: Evaluation) -> RuleSet:
        if evaluation.rule_set_id:
            return load_rule_set(evaluation.rule_set_id)
        return select_rule_set(evaluation.received_on, self.deployment).rule_set

    @staticmethod
    def ensure_level_exists(rule_set: RuleSet, level: str, on: date, field: str) -> None:
        """Refuses (`failed_precondition`, `field`) a level that does not exist on `on`:
        a district after 30/06/2025 with the legal reason and its successor
        (`rules.ensure_tier_exists`, the one check)."""
        try:
            ensure_tier_exists(rule_set, LEVEL_TIER[level], on, field=field)
        except NotCompetentError as error:
            raise CommandRejected("failed_precondition", error.place, error.vi, error.en) from error

    @staticmethod
    def refuse_level(
        rule_set: RuleSet, tier: Tier | None, on: date, vi: str, en: str
    ) -> CommandRejected:
        """The refusal (`permission_denied`, `actor`) of an actor whose level may not act
        on `on`, giving the legal reason where the level no longer exists then (a
        district chairman signing on 10/07/2025: the reform, and the successor)."""
        if tier is not None:
            try:
                ensure_tier_exists(rule_set, tier, on)
            except NotCompetentError as error:
                return refuse_permission(f"{vi} {error.vi}.", f"{en} {error.en}.")
        return refuse_permission(vi, en)

    def local_policies(self) -> list[LocalPolicy]:
        return [load_local_policy(p) for p in self.deployment.local_policies]

    def round_key(
        self, level: str, jurisdiction: str, on: date, rule_set: RuleSet
    ) -> dict[str, Any]:
        """The round a dossier arriving `on` joins: its level, jurisdiction, dates and
        name from the rule set or a local policy, or one unscheduled round per year."""
        key = {"level": level, "jurisdiction": jurisdiction}
        assigned = assign_round(on, rule_set, LEVEL_TIER[level], self.local_policies())
        if assigned is None:
            # Unscheduled: decided within the year, and before the level's abolition (an R1
            # district round of June 2025 is decided by 30/06/2025, not 31/12).
            ends = [
                s.last_day
                for s in rule_set.tier_successions
                if s.tier == LEVEL_TIER[level] and on <= s.last_day
            ]
            return {
                **key,
                "forwarded_by": None,
                "decided_by": min([date(on.year, 12, 31), *ends]),
                "name_vi": f"Đợt {on.year} (chưa có lịch)",
                "name_en": f"{on.year} round (unscheduled)",
                "source": "none",
            }
        return {
            **key,
            "forwarded_by": assigned.forwarded_by,
            "decided_by": assigned.decided_by,
            "name_vi": assigned.name.vi,
            "name_en": assigned.name.en,
            "source": assigned.source,
        }

    def round_to_open(
        self,
        level: str,
        jurisdiction: str,
        on: date,
        rule_set: RuleSet,
        period: tuple[int, int] | None = None,
    ) -> dict[str, Any] | None:
        """The round an officer opens: named by its period, not picked by its cut-off.

        `period` (year, month) names the round decided in that month (the Kon Tum 2025
        plan's May and November rounds: 05/2025, 11/2025; R3's province rounds: 06 and
        12). Without it: a round whose cut-off has passed, whose decision is still due on
        `on` and which holds dossiers (opening on 05/05/2025 opens the May round, cut-off
        30/04, with the dossiers forwarded to it), else the round still taking dossiers
        on `on`. None if no round is decided in `period`."""
        if period is None:
            for key in self._rounds_around(level, jurisdiction, on.year, rule_set):
                cutoff, decision = key["forwarded_by"], key["decided_by"]
                deliberating = cutoff is not None and cutoff < on <= decision
                if deliberating and self.dossiers_in(self.round_id(key)):
                    return key
            return self.round_key(level, jurisdiction, on, rule_set)
        for key in self._rounds_around(level, jurisdiction, period[0], rule_set):
            if (key["decided_by"].year, key["decided_by"].month) == period:
                return key
        return None

    def _rounds_around(
        self, level: str, jurisdiction: str, year: int, rule_set: RuleSet
    ) -> list[dict[str, Any]]:
        """The rounds of `level` from the year before `year` to the year after, in cut-off
        order (each found as the round a dossier forwarded the day after the previous
        cut-off joins; where nothing schedules rounds, the year's unscheduled round)."""
        keys: list[dict[str, Any]] = []
        cursor = date(year - 1, 1, 1)
        while cursor.year <= year + 1:
            key = self.round_key(level, jurisdiction, cursor, rule_set)
            if key not in keys:
                keys.append(key)
            if key["forwarded_by"] is None:  # no schedule: one round a year, to 31/12
                cursor = date(cursor.year + 1, 1, 1)
            else:
                cursor = max(cursor, key["forwarded_by"]) + timedelta(days=1)
        return keys

    @staticmethod
    def round_id(key: dict[str, Any]) -> UUID:
        return Round.id_for(
            key["level"], key["jurisdiction"], key["forwarded_by"], key["decided_by"]
        )

    def next_round(
        self, evaluation: Evaluation, to_level: str, on: date
    ) -> tuple[str, date] | None:
        """The next level's round the forwarded dossier joins (R3 Art. 5.2 for the ministry)."""
        assigned = assign_round(
            on, self.rule_set_of(evaluation), LEVEL_TIER[to_level], self.local_policies()
        )
        return (assigned.name.vi, assigned.decided_by) if assigned else None

    def certificate_dates(self, issued_on: date, rule_set: RuleSet) -> CertificateDates:
        """A certificate's dates; the renewal rules are those in force when it expires."""
        convention = self.deployment.valid_to_convention
        first = certificate_dates(issued_on, rule_set, convention=convention)
        renewal = select_rule_set(first.valid_to, self.deployment).rule_set
        return certificate_dates(issued_on, rule_set, renewal_rules=renewal, convention=convention)

    def not_future(self, field: str, day: date) -> None:
        """Refuses a past fact's date after today (local date) or before the programme."""
        check_past_date(field, day, self.clock)

    # -- repository -----------------------------------------------------------------

    def find(self, aggregate_id: UUID, cls: type[A]) -> A | None:
        """The aggregate `aggregate_id` if it exists and is a `cls`, else None."""
        return self.get_as(aggregate_id, cls)

    def find_certification(self, product_id: UUID) -> ProductCertification | None:
        return self.find(ProductCertification.id_for(product_id), ProductCertification)

    def get_round(self, round_id: UUID) -> Round:
        return _found(
            self.find(round_id, Round),
            "round_id",
            f"Không có đợt đánh giá {round_id}.",
            f"No round {round_id}.",
        )

    def get_evaluation(self, dossier_id: UUID) -> Evaluation:
        return _found(
            self.find(Evaluation.id_for(dossier_id), Evaluation),
            "dossier_id",
            f"Hồ sơ {dossier_id} chưa được chuyển đến cấp đánh giá (hoặc chưa tới nơi).",
            f"Dossier {dossier_id} has not reached evaluation (yet).",
        )

    def get_certification(self, product_id: UUID) -> ProductCertification:
        return _found(
            self.find_certification(product_id),
            "product_id",
            f"Sản phẩm {product_id} chưa có giấy chứng nhận.",
            f"Product {product_id} has no certificate.",
        )

    def certification_of(
        self, evaluation: Evaluation, meta: dict[str, Any]
    ) -> ProductCertification:
        """The product's certificates, started on its first certificate."""
        return self.find_certification(evaluation.product_id) or ProductCertification.start(
            evaluation.product_id, evaluation.product_name, meta
        )

    def require_reach(self, actor: ActsFor, certification: ProductCertification) -> None:
        """Refuses an actor whose jurisdiction does not reach the product of the current
        certificate (the unit path of the dossier it was issued on)."""
        current = certification.cert()
        if not current or not current.get("dossier_id"):
            return
        evaluation = self.find(Evaluation.id_for(UUID(current["dossier_id"])), Evaluation)
        if evaluation is not None:
            require_jurisdiction(actor, evaluation.path, str(certification.product_id))

    def dossiers_in(self, round_id: UUID, batch: int = 1000) -> list[UUID]:
        """Dossiers whose evaluation joined `round_id`, in arrival order (a scan of the
        log's `Evaluation.Opened` notifications: rounds hold tens to hundreds)."""
        found: list[UUID] = []
        start = 0
        while True:
            notes = self.recorder.select_notifications(
                start=start, limit=batch, topics=[OPENED_TOPIC], inclusive_of_start=False
            )
            if not notes:
                return found
            for note in notes:
                opened: Any = self.mapper.to_domain_event(note)
                if opened.round_id == round_id:
                    found.append(opened.dossier_id)
            start = notes[-1].id


def _found(aggregate: A | None, field: str, vi: str, en: str) -> A:
    if aggregate is None:
        raise CommandRejected("not_found", field, vi, en)
    return aggregate
