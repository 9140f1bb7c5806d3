"""The evaluation application: rounds, councils, results, decisions and certificates.

It is an `EventSourcedProjection`: dossiers forwarded by the commune, the next level's
answers and failed inspections arrive through `process_event(event, tracking)`, and
what they change is stored in the same transaction as the tracking record
(exactly-once effect). Commands are the public methods; each takes the actor's
`CommandContext` and raises `CommandRejected` (nothing changed) when it refuses.
Everything rule-dependent comes from `rules`; the clock is injected.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import singledispatchmethod
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, ProcessingEvent
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import JSONTranscoder, Tracking
from eventsourcing.projection import EventSourcedProjection

from contracts.envelope import Actor
from contracts.inspection import InspectionFailed
from contracts.province import HigherLevelRecognized, ReturnedToLowerLevel
from contracts.registration import CommuneAssessed
from rules import (
    Deployment,
    MemberSheet,
    RuleSet,
    SheetError,
    Step,
    Tier,
    assign_round,
    band_for,
    certificate_dates,
    council_result,
    explain,
    late_filer_valid_until,
    load_local_policy,
    load_rule_set,
    may_act,
    reevaluation_decision_deadline,
    reevaluation_filing_timing,
    revocation_deadline,
    score_member,
    select_rule_set,
)
from rules.i18n import TIER_AUTHORITY
from runtime.clock import Clock
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.eventstore import register_common_transcodings
from services.evaluation.domain.certificates import ProductCertification
from services.evaluation.domain.council import (
    LEVEL_TIER,
    TIER_LEVEL,
    CouncilRules,
    quorum_problem,
    refuse_permission,
    require_official,
    spread,
    tier_of,
)
from services.evaluation.domain.decisions import RecognitionDecision
from services.evaluation.domain.model import Evaluation
from services.evaluation.domain.revocation import GROUNDS
from services.evaluation.domain.rounds import Round
from services.evaluation.domain.text import public_explanation

A = TypeVar("A", bound=Aggregate)
SYSTEM = Actor(id="evaluation", role="system", jurisdiction="")
KIND = {"first": "first", "upgrade": "upgrade", "re_evaluation": "reevaluation"}


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


class EvaluationApp(EventSourcedProjection[UUID]):
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

    # -- rules --------------------------------------------------------------------

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

    # -- events in ----------------------------------------------------------------

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Apply a published event from another service with its tracking, atomically."""
        super().process_event(domain_event, tracking)

    @singledispatchmethod
    def policy(self, domain_event: Any, processing_event: ProcessingEvent[UUID]) -> None:
        """Events this service does not act on are tracked and otherwise ignored."""

    @policy.register
    def _(self, assessed: CommuneAssessed, processing_event: ProcessingEvent[UUID]) -> None:
        if self._get(Evaluation.id_for(assessed.aggregate_id), Evaluation) is not None:
            return  # the same dossier forwarded again: it is already here
        meta = system_meta(assessed)
        rule_set_id = (
            assessed.rule_set_id
            or select_rule_set(assessed.received_on, self.deployment).rule_set.id
        )
        rule_set = load_rule_set(rule_set_id)
        level = assessed.forwarded_to
        arrived_on = assessed.forwarded_on or assessed.assessed_on
        key = self._round_key(level, assessed.province_code, arrived_on, rule_set)
        written = (
            assessed.kind == "re_evaluation"
            and rule_set.id in self.council.written_opinion_rule_sets
        )
        evaluation = Evaluation(
            dossier_id=assessed.aggregate_id,
            product_id=assessed.product_id,
            product_name=assessed.product_name,
            product_set=assessed.product_set,
            kind=assessed.kind,
            level=level,
            jurisdiction=assessed.province_code,
            commune_code=assessed.commune_code,
            rule_set_id=rule_set.id,
            received_on=assessed.received_on,
            arrived_on=arrived_on,
            round_id=self._round_id(key),
            mode="written" if written else "meeting",
            meta=meta,
        )
        collected: list[Aggregate] = [evaluation]
        if assessed.kind == "re_evaluation":
            certification = self._get(
                ProductCertification.id_for(assessed.product_id), ProductCertification
            )
            held = certification.holding() if certification else None
            if certification is not None and held is not None:
                renewal = select_rule_set(held["valid_to"], self.deployment).rule_set
                timing = reevaluation_filing_timing(assessed.received_on, held["valid_to"], renewal)
                grace = late_filer_valid_until(held["valid_to"], renewal)
                certification.file_reevaluation(
                    assessed.aggregate_id,
                    assessed.received_on,
                    timing,
                    grace,
                    meta,
                    decide_by=reevaluation_decision_deadline(arrived_on, renewal),
                )
                collected.append(certification)
        processing_event.collect_events(*collected)

    @policy.register
    def _(self, answer: HigherLevelRecognized, processing_event: ProcessingEvent[UUID]) -> None:
        evaluation = self._get(Evaluation.id_for(answer.dossier_id), Evaluation)
        if evaluation is None or evaluation.status != "forwarded":
            return  # not ours, or already answered (the answer is idempotent)
        collected = self._recognised_above(
            evaluation,
            answer.level,
            answer.score,
            answer.star,
            answer.decision_no,
            answer.decided_on,
            answer.signer,
            event_meta(answer),
        )
        processing_event.collect_events(*collected)

    @policy.register
    def _(self, answer: ReturnedToLowerLevel, processing_event: ProcessingEvent[UUID]) -> None:
        evaluation = self._get(Evaluation.id_for(answer.dossier_id), Evaluation)
        if evaluation is None or evaluation.status != "forwarded":
            return
        self._returned(
            evaluation,
            answer.level,
            answer.score,
            answer.returned_on,
            answer.reason,
            event_meta(answer),
        )
        processing_event.collect_events(evaluation)

    @policy.register
    def _(self, failed: InspectionFailed, processing_event: ProcessingEvent[UUID]) -> None:
        certification = self._get(
            ProductCertification.id_for(failed.product_id), ProductCertification
        )
        held = certification.holding() if certification else None
        if certification is None or held is None or held["revocation"] is not None:
            return  # nothing in force to revoke, or a case is already open
        rule_set = load_rule_set(held["rule_set_id"])
        ground = failed.ground if failed.ground in GROUNDS else "b"
        certification.open_revocation(
            ground,
            f"{failed.conclusion_no}: {failed.findings}",
            failed.concluded_on,
            revocation_deadline(failed.concluded_on, rule_set),
            "inspection",
            event_meta(failed),
        )
        processing_event.collect_events(certification)

    # -- rounds and councils ---------------------------------------------------------

    def open_round(self, ctx: CommandContext, *, level: str, jurisdiction: str, on: date) -> Round:
        if level not in LEVEL_TIER:
            raise invalid(
                "level",
                "Cấp phải là district, province hoặc ministry.",
                "Level must be district, province or ministry.",
            )
        if not jurisdiction.strip():
            raise invalid("jurisdiction", "Thiếu mã địa bàn.", "Jurisdiction is empty.")
        require_official(ctx.actor, level, jurisdiction, what=("mở đợt đánh giá", "open a round"))
        rule_set = select_rule_set(on, self.deployment).rule_set
        key = self._round_key(level, jurisdiction, on, rule_set)
        if self._get(self._round_id(key), Round) is not None:
            raise CommandRejected(
                "already_exists",
                "on",
                "Đợt đánh giá này đã được mở.",
                "This round is already open.",
            )
        round_ = Round(**key, opened_on=on, meta=ctx.meta())
        self.save(round_)
        return round_

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

    def appoint_member(
        self, ctx: CommandContext, *, round_id: UUID, member_id: str, name: str, role: str
    ) -> Round:
        round_ = self.get_round(round_id)
        require_official(
            ctx.actor,
            round_.level,
            round_.jurisdiction,
            what=("thành lập Hội đồng", "appoint the council"),
        )
        round_.appoint(member_id.strip(), name.strip(), role, ctx.meta())
        self.save(round_)
        return round_

    def _council(self, evaluation: Evaluation) -> Round:
        round_ = self._get(evaluation.round_id, Round)
        if round_ is None or not round_.scoring_members():
            raise CommandRejected(
                "failed_precondition",
                "round_id",
                "Đợt đánh giá chưa mở hoặc chưa có Hội đồng.",
                "The dossier's round is not open or has no council yet.",
            )
        return round_

    def _require_chair_or_secretary(self, ctx: CommandContext, round_: Round) -> None:
        if ctx.actor.id not in (round_.chair, round_.secretary):
            raise refuse_permission(
                "Chỉ Chủ tịch hoặc Thư ký Hội đồng được thực hiện việc này.",
                "Only the council's chair or secretary may do this.",
            )

    def declare_conflict(
        self, ctx: CommandContext, *, dossier_id: UUID, member_id: str, reason: str
    ) -> Evaluation:
        evaluation = self.get_evaluation(dossier_id)
        round_ = self._council(evaluation)
        if member_id not in round_.scoring_members():
            raise invalid(
                "member_id",
                f"{member_id} không phải thành viên chấm điểm của Hội đồng.",
                f"{member_id} is not a scoring member of the council.",
            )
        if ctx.actor.id not in (member_id, round_.chair, round_.secretary):
            raise refuse_permission(
                "Chỉ thành viên đó, Chủ tịch hoặc Thư ký được khai báo.",
                "Only that member, the chair or the secretary may declare it.",
            )
        evaluation.declare_conflict(member_id, reason, ctx.meta())
        self.save(evaluation)
        return evaluation

    def record_advisory(
        self, ctx: CommandContext, *, dossier_id: UUID, kind: str, on: date, summary: str
    ) -> Evaluation:
        evaluation = self.get_evaluation(dossier_id)
        round_ = self._council(evaluation)
        if ctx.actor.id != round_.secretary and tier_of(ctx.actor) != LEVEL_TIER[evaluation.level]:
            raise refuse_permission(
                "Chỉ Thư ký Hội đồng hoặc Tổ tư vấn cấp này được ghi.",
                "Only the council secretary or this level's advisory team may record it.",
            )
        evaluation.record_advisory(kind, on, summary, ctx.meta())
        self.save(evaluation)
        return evaluation

    def submit_sheet(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        choices: dict[str, str],
        knockouts: Sequence[str] = (),
    ) -> Evaluation:
        evaluation = self.get_evaluation(dossier_id)
        round_ = self._council(evaluation)
        member = ctx.actor.id
        if ctx.actor.role != "council_member" or member not in round_.scoring_members():
            raise refuse_permission(
                "Chỉ thành viên Hội đồng của đợt này được chấm điểm.",
                "Only a scoring member of this round's council may submit a sheet.",
            )
        rule_set = self.rule_set_of(evaluation)
        try:
            scored = score_member(
                rule_set,
                evaluation.product_set,
                MemberSheet(member=member, choices=choices, knockouts=tuple(knockouts)),
            )
        except SheetError as error:
            raise invalid(error.place, error.render("vi"), error.render("en")) from error
        evaluation.submit_sheet(
            member,
            dict(scored_choices(scored)),
            list(scored.knockouts),
            scored.total,
            dict(scored.parts.items()),
            ctx.meta(),
        )
        self.save(evaluation)
        return evaluation

    def sheets_for(self, ctx: CommandContext, *, dossier_id: UUID) -> dict[str, Any]:
        """What `ctx.actor` may see of the sheets: a scoring member sees nothing of the
        others (nor the running mean) until their own sheet is in; the secretary sees who
        has scored; everyone else sees sheets only once the result is adopted."""
        evaluation = self.get_evaluation(dossier_id)
        round_ = self._council(evaluation)
        me = ctx.actor.id
        adopted = evaluation.status != "open"
        view: dict[str, Any] = {
            "submitted": sorted(evaluation.sheets),
            "conflicted": sorted(evaluation.conflicts),
            "mode": evaluation.mode,
            "sheets": {},
            "mean": None,
            "spread": None,
        }
        if me in round_.scoring_members() and not adopted and me not in evaluation.sheets:
            raise refuse_permission(
                "Thành viên chỉ xem phiếu của người khác (và điểm trung bình) sau khi đã nộp phiếu của mình.",  # noqa: E501
                "A member sees the others' sheets (and the running mean) only after submitting their own.",  # noqa: E501
            )
        if not adopted and me not in round_.scoring_members():
            if me == round_.secretary:
                return view
            raise refuse_permission(
                "Phiếu chấm của Hội đồng chỉ được xem sau khi kết quả được thông qua.",
                "Council sheets can be read only after the result is adopted.",
            )
        totals = {m: s["total"] for m, s in evaluation.sheets.items()}
        view["sheets"] = {
            m: {"total": s["total"], "parts": s["parts"]} for m, s in evaluation.sheets.items()
        }
        if totals:
            rule_set = self.rule_set_of(evaluation)
            view["mean"] = str(_mean(rule_set, list(totals.values())))
            view["spread"] = str(spread(totals))
        return view

    def request_rescore(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        members: Sequence[str] = (),
        reason: str = "",
    ) -> Evaluation:
        evaluation = self.get_evaluation(dossier_id)
        self._require_chair_or_secretary(ctx, self._council(evaluation))
        evaluation.request_rescore(list(members) or sorted(evaluation.sheets), reason, ctx.meta())
        self.save(evaluation)
        return evaluation

    def convene_meeting(self, ctx: CommandContext, *, dossier_id: UUID) -> Evaluation:
        evaluation = self.get_evaluation(dossier_id)
        self._require_chair_or_secretary(ctx, self._council(evaluation))
        evaluation.convene_meeting(ctx.meta())
        self.save(evaluation)
        return evaluation

    def adopt_result(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        adopted_on: date,
        council_knockouts: Sequence[str] = (),
    ) -> Evaluation:
        evaluation = self.get_evaluation(dossier_id)
        round_ = self._council(evaluation)
        self._require_chair_or_secretary(ctx, round_)
        self._not_future("adopted_on", adopted_on)
        if evaluation.status == "open" and adopted_on < evaluation.arrived_on:
            raise invalid(
                "adopted_on",
                "Ngày thông qua trước ngày hồ sơ đến.",
                "Adopted before the dossier arrived.",
            )
        evaluation_open_check(evaluation)
        self._check_council(evaluation, round_)
        rule_set = self.rule_set_of(evaluation)
        sheets = [
            MemberSheet(member=m, choices=s["choices"], knockouts=tuple(s["knockouts"]))
            for m, s in sorted(evaluation.sheets.items())
        ]
        tier = LEVEL_TIER[evaluation.level]
        try:
            result = council_result(
                rule_set,
                evaluation.product_set,
                sheets,
                mode=self.deployment.shortfall(rule_set),
                council_knockouts=tuple(council_knockouts),
                tier=tier,
                on=adopted_on,
            )
        except SheetError as error:
            raise invalid(error.place, error.render("vi"), error.render("en")) from error
        routing = result.routing
        star = result.awarded_star
        if result.outcome.value == "rejected":
            outcome, status = "rejected", "rejected"
        elif result.outcome.value == "not_recognised":
            outcome, status = "not_recognised", "not_recognised"
        elif routing.action == "forward":
            outcome = "forwarded"
            status = "awaiting_approval" if routing.approve_result_by else "adopted_forward"
        else:
            outcome, status = "recognised", "awaiting_decision"
        certification = self._get(
            ProductCertification.id_for(evaluation.product_id), ProductCertification
        )
        held = certification.holding() if certification else None
        if (
            evaluation.kind == "upgrade"
            and held
            and status == "awaiting_decision"
            and (star or 0) <= held["star"]
        ):
            outcome, status = "not_recognised", "not_upgraded"
        text = public_explanation(explain(rule_set, result, product=evaluation.product_name), "vi")
        evaluation.adopt(
            score=result.total,
            parts={str(p): v for p, v in result.parts.items()},
            band=result.band_star,
            awarded_star=star,
            outcome=outcome,
            status=status,
            routing=routing.model_dump(mode="json"),
            explanation=text,
            members_scoring=len(sheets),
            adopted_on=adopted_on,
            meta=ctx.meta(),
        )
        if status == "adopted_forward" and routing.tier is not None:
            evaluation.forward(TIER_LEVEL[routing.tier], adopted_on, "", ctx.meta())
        collected: list[Aggregate] = [evaluation]
        if certification is not None and status in ("not_recognised", "rejected", "not_upgraded"):
            certification.reevaluation_failed(evaluation.dossier_id, adopted_on, ctx.meta())
            collected.append(certification)
        self.save(*collected)
        return evaluation

    def _check_council(self, evaluation: Evaluation, round_: Round) -> None:
        members = round_.scoring_members()
        conflicted = list(evaluation.conflicts)
        submitted = list(evaluation.sheets)
        if evaluation.mode == "written":
            missing = [m for m in members if m not in conflicted and m not in submitted]
            if missing:
                raise CommandRejected(
                    "failed_precondition",
                    "sheets",
                    f"Đánh giá bằng văn bản: còn thiếu ý kiến của {', '.join(missing)}.",
                    f"Written opinions: still missing from {', '.join(missing)}.",
                )
        else:
            problem = quorum_problem(self.council, members, round_.chair, conflicted, submitted)
            if problem:
                raise CommandRejected("failed_precondition", "sheets", *problem)
        totals = {m: s["total"] for m, s in evaluation.sheets.items()}
        gap = spread(totals)
        if gap > self.council.divergence_points:
            low = min(totals, key=lambda m: totals[m])
            high = max(totals, key=lambda m: totals[m])
            then_vi = (
                "Hội đồng cần họp (convene-meeting)."
                if evaluation.mode == "written"
                else "Hội đồng yêu cầu chấm lại (rescore) trước khi thông qua."
            )
            then_en = (
                "The council must meet (convene-meeting)."
                if evaluation.mode == "written"
                else "The council must request a re-score before adopting."
            )
            raise CommandRejected(
                "failed_precondition",
                "sheets",
                f"Điểm của các thành viên chênh nhau {gap} điểm ({low} và {high}), vượt ngưỡng "
                f"{self.council.divergence_points}. {then_vi}",
                f"Members' totals are {gap} points apart ({low} and {high}), above the "
                f"{self.council.divergence_points}-point limit. {then_en}",
            )

    def _not_future(self, field: str, day: date) -> None:
        if day > self.clock.today():
            raise invalid(
                field, f"Ngày {day.isoformat()} chưa đến.", f"{day.isoformat()} is in the future."
            )

    # -- forwarding and the next level ------------------------------------------------

    def approve_and_forward(self, ctx: CommandContext, *, dossier_id: UUID, on: date) -> Evaluation:
        evaluation = self.get_evaluation(dossier_id)
        if evaluation.status != "awaiting_approval":
            raise CommandRejected(
                "failed_precondition",
                "dossier_id",
                "Hồ sơ không chờ phê duyệt kết quả để chuyển cấp trên.",
                "The dossier is not waiting for its result to be approved and forwarded.",
            )
        self._not_future("on", on)
        rule_set = self.rule_set_of(evaluation)
        tier = tier_of(ctx.actor)
        if (
            ctx.actor.role != "authority"
            or tier is None
            or not may_act(rule_set, tier, Step.APPROVE_RESULT, evaluation.star, on)
        ):
            raise refuse_permission(
                f"Người thực hiện không có thẩm quyền phê duyệt kết quả {evaluation.star} sao theo {rule_set.id}.",  # noqa: E501
                f"The actor may not approve a {evaluation.star}-star result under {rule_set.id}.",
            )
        to = evaluation.routing.get("tier") or "central"
        evaluation.forward(TIER_LEVEL[Tier(to)], on, ctx.actor.id, ctx.meta())
        self.save(evaluation)
        return evaluation

    def record_higher_result(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        result: str,
        score: str,
        star: int,
        decision_no: str,
        decided_on: date,
        signer: str = "",
        reason: str = "",
    ) -> Evaluation:
        """The next level's answer given through gRPC instead of its results topic."""
        evaluation = self.get_evaluation(dossier_id)
        if evaluation.status != "forwarded":
            raise CommandRejected(
                "failed_precondition",
                "dossier_id",
                "Hồ sơ không chờ kết quả của cấp trên.",
                "The dossier is not waiting for the next level's answer.",
            )
        if tier_of(ctx.actor) != LEVEL_TIER[evaluation.forwarded_to]:
            raise refuse_permission(
                f"Chỉ cấp {evaluation.forwarded_to} được trả lời cho hồ sơ này.",
                f"Only the {evaluation.forwarded_to} level may answer for this dossier.",
            )
        value = parse_score(score)
        if result == "recognised":
            if star not in (3, 4, 5) or not decision_no.strip():
                raise invalid(
                    "star",
                    "Công nhận cần hạng sao 3-5 và số quyết định.",
                    "Recognition needs a 3-5 star and a decision number.",
                )
            self.save(
                *self._recognised_above(
                    evaluation,
                    evaluation.forwarded_to,
                    value,
                    star,
                    decision_no.strip(),
                    decided_on,
                    signer,
                    ctx.meta(),
                )
            )
        elif result == "returned":
            self._returned(
                evaluation, evaluation.forwarded_to, value, decided_on, reason, ctx.meta()
            )
            self.save(evaluation)
        else:
            raise invalid(
                "result",
                "Kết quả phải là recognised hoặc returned.",
                "Result must be recognised or returned.",
            )
        return evaluation

    def _recognised_above(
        self,
        evaluation: Evaluation,
        level: str,
        score: Decimal,
        star: int,
        decision_no: str,
        decided_on: date,
        signer: str,
        meta: dict[str, Any],
    ) -> list[Aggregate]:
        rule_set = self.rule_set_of(evaluation)
        number = f"{decision_no}/{str(evaluation.product_id)[:8]}"
        dates = self._dates(decided_on, rule_set)
        evaluation.recognised_above(
            level,
            score,
            star,
            decision_no,
            decided_on,
            signer,
            number,
            dates.valid_to,
            legal_basis(rule_set),
            meta,
        )
        certification = self._certification(evaluation, meta)
        certification.issue(
            self._certificate(evaluation, number, decision_no, star, level, rule_set, dates), meta
        )
        return [evaluation, certification]

    def _returned(
        self,
        evaluation: Evaluation,
        level: str,
        score: Decimal,
        returned_on: date,
        reason: str,
        meta: dict[str, Any],
    ) -> None:
        rule_set = self.rule_set_of(evaluation)
        here, above = LEVEL_TIER[evaluation.level], LEVEL_TIER[level]
        options = ["reevaluate"]
        for path in rule_set.return_paths:
            if path.from_tier == above and path.to_tier == here and score < path.below_score:
                options = list(path.options)
        band = band_for(rule_set, score)
        star = max(
            (
                s
                for s in range(3, band + 1)
                if may_act(rule_set, here, Step.RECOGNISE, s, returned_on)
            ),
            default=0,
        )
        if not star:
            options = [o for o in options if o != "recognise"] or ["reevaluate"]
        evaluation.returned_from_above(level, score, band, star, options, returned_on, reason, meta)

    def reevaluate(self, ctx: CommandContext, *, dossier_id: UUID) -> Evaluation:
        evaluation = self.get_evaluation(dossier_id)
        require_official(
            ctx.actor,
            evaluation.level,
            evaluation.jurisdiction,
            what=("cho đánh giá lại", "order a re-evaluation"),
        )
        evaluation.reevaluate(ctx.meta())
        self.save(evaluation)
        return evaluation

    # -- decisions ------------------------------------------------------------------

    def issue_decision(
        self,
        ctx: CommandContext,
        *,
        decision_no: str,
        decided_on: date,
        signer: str,
        dossier_ids: Sequence[UUID],
    ) -> RecognitionDecision:
        if not decision_no.strip():
            raise invalid("decision_no", "Thiếu số quyết định.", "Decision number is empty.")
        if not signer.strip():
            raise invalid("signer", "Thiếu người ký.", "Signer is empty.")
        if not dossier_ids or len(set(dossier_ids)) != len(dossier_ids):
            raise invalid(
                "dossier_ids",
                "Cần ít nhất một hồ sơ, không trùng lặp.",
                "At least one dossier, none twice.",
            )
        self._not_future("decided_on", decided_on)
        tier = tier_of(ctx.actor)
        if ctx.actor.role not in ("authority", "ministry") or tier is None:
            raise refuse_permission(
                "Chỉ người có thẩm quyền (Chủ tịch UBND / Bộ trưởng) được ký quyết định công nhận.",
                "Only the competent authority may sign a recognition decision.",
            )
        decision_id = RecognitionDecision.id_for(tier.value, ctx.actor.jurisdiction, decision_no)
        if self._get(decision_id, RecognitionDecision) is not None:
            raise CommandRejected(
                "already_exists",
                "decision_no",
                f"Quyết định {decision_no} đã được ban hành.",
                f"Decision {decision_no} was already issued.",
            )
        evaluations = [self.get_evaluation(d) for d in dossier_ids]
        items: list[dict[str, Any]] = []
        rule_sets: list[RuleSet] = []
        for n, evaluation in enumerate(evaluations, start=1):
            evaluation.require_decidable()
            star = evaluation.decidable_star()
            rule_set = self.rule_set_of(evaluation)
            if not may_act(rule_set, tier, Step.RECOGNISE, star, decided_on):
                raise refuse_permission(
                    f"{evaluation.dossier_id}: {TIER_AUTHORITY[tier]['vi']} không có thẩm quyền công nhận "  # noqa: E501
                    f"{star} sao theo {rule_set.id}.",
                    f"{evaluation.dossier_id}: {TIER_AUTHORITY[tier]['en']} may not recognise {star} stars "  # noqa: E501
                    f"under {rule_set.id}.",
                )
            if (
                tier == Tier.PROVINCE
                and ctx.actor.jurisdiction
                and ctx.actor.jurisdiction != evaluation.jurisdiction
            ):
                raise refuse_permission(
                    f"{evaluation.dossier_id}: hồ sơ thuộc địa bàn {evaluation.jurisdiction}.",
                    f"{evaluation.dossier_id}: the dossier belongs to {evaluation.jurisdiction}.",
                    "actor.jurisdiction",
                )
            base = evaluation.adopted_on or evaluation.arrived_on
            if decided_on < base:
                raise invalid(
                    "decided_on",
                    "Ngày quyết định trước ngày Hội đồng thông qua kết quả.",
                    "The decision date is before the council adopted the result.",
                )
            items.append(
                {
                    "dossier_id": str(evaluation.dossier_id),
                    "product_id": str(evaluation.product_id),
                    "star": star,
                    "certificate_no": f"{decision_no.strip()}/{n:02d}",
                }
            )
            rule_sets.append(rule_set)
        decision = RecognitionDecision(
            authority=tier.value,
            jurisdiction=ctx.actor.jurisdiction,
            decision_no=decision_no.strip(),
            decided_on=decided_on,
            signer=signer.strip(),
            rule_set_ids=sorted({r.id for r in rule_sets}),
            legal_basis="; ".join(sorted({legal_basis(r) for r in rule_sets})),
            items=items,
            meta=ctx.meta(),
        )
        authority = f"{TIER_AUTHORITY[tier]['vi']} {ctx.actor.jurisdiction}".strip()
        collected: list[Aggregate] = [decision]
        for evaluation, item, rule_set in zip(evaluations, items, rule_sets, strict=True):
            dates = self._dates(decided_on, rule_set)
            evaluation.recognise(
                item["star"],
                decision.decision_no,
                decided_on,
                authority,
                decision.signer,
                item["certificate_no"],
                dates.valid_to,
                legal_basis(rule_set),
                ctx.meta(),
            )
            certification = self._certification(evaluation, ctx.meta())
            certification.issue(
                self._certificate(
                    evaluation,
                    item["certificate_no"],
                    decision.decision_no,
                    item["star"],
                    authority,
                    rule_set,
                    dates,
                ),
                ctx.meta(),
            )
            collected += [evaluation, certification]
        self.save(*collected)
        return decision

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

    # -- certificates over time, revocation -----------------------------------------

    def advance_certificates(self, product_id: UUID, today: date) -> int:
        """Record every certificate date of `product_id` that passed by `today` (scheduler)."""
        certification = self._get(ProductCertification.id_for(product_id), ProductCertification)
        if certification is None:
            return 0
        meta = {
            "actor": SYSTEM.model_dump(),
            "correlation_id": str(product_id),
            "causation_id": None,
        }
        made = certification.advance(today, meta)
        if made:
            self.save(certification)
        return made

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

    def open_revocation(
        self,
        ctx: CommandContext,
        *,
        product_id: UUID,
        ground: str,
        reference: str,
        concluded_on: date,
    ) -> ProductCertification:
        if ground not in GROUNDS:
            raise invalid(
                "ground",
                f"Căn cứ thu hồi phải là một trong: {', '.join(GROUNDS)}.",
                f"Ground must be one of: {', '.join(GROUNDS)}.",
            )
        if not reference.strip():
            raise invalid(
                "reference",
                "Thiếu biên bản/kết luận kiểm tra.",
                "The conclusion record is required.",
            )
        self._not_future("concluded_on", concluded_on)
        certification = self.get_certification(product_id)
        held = certification.holding()
        rule_set = load_rule_set(held["rule_set_id"]) if held else None
        tier = tier_of(ctx.actor)
        if (
            held
            and rule_set
            and (
                tier is None
                or not (
                    may_act(rule_set, tier, Step.REVOKE, held["star"], concluded_on)
                    or tier in _inspectors(rule_set, held["star"], concluded_on)
                )
            )
        ):
            raise refuse_permission(
                "Người thực hiện không có thẩm quyền kiểm tra/thu hồi sản phẩm này.",
                "The actor may neither inspect nor revoke this product.",
            )
        deadline = revocation_deadline(concluded_on, rule_set) if rule_set else None
        certification.open_revocation(
            ground, reference.strip(), concluded_on, deadline, "manual", ctx.meta()
        )
        self.save(certification)
        return certification

    def decide_revocation(
        self,
        ctx: CommandContext,
        *,
        product_id: UUID,
        decision_no: str,
        decided_on: date,
        signer: str,
    ) -> ProductCertification:
        if not decision_no.strip():
            raise invalid("decision_no", "Thiếu số quyết định.", "Decision number is empty.")
        self._not_future("decided_on", decided_on)
        certification = self.get_certification(product_id)
        held = certification.holding()
        tier = tier_of(ctx.actor)
        if held is not None:
            rule_set = load_rule_set(held["rule_set_id"])
            if (
                ctx.actor.role not in ("authority", "ministry")
                or tier is None
                or not may_act(rule_set, tier, Step.REVOKE, held["star"], decided_on)
            ):
                raise refuse_permission(
                    f"Người thực hiện không có thẩm quyền thu hồi sản phẩm {held['star']} sao theo {rule_set.id}.",  # noqa: E501
                    f"The actor may not revoke a {held['star']}-star certificate under {rule_set.id}.",  # noqa: E501
                )
            basis = legal_basis(rule_set)
        else:
            basis = ""
        authority = f"{TIER_AUTHORITY[tier]['vi']} {ctx.actor.jurisdiction}".strip() if tier else ""
        certification.revoke(
            decision_no.strip(), decided_on, authority, signer.strip(), basis, ctx.meta()
        )
        self.save(certification)
        return certification

    # -- queries --------------------------------------------------------------------

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


def _inspectors(rule_set: RuleSet, star: int, on: date) -> tuple[Tier, ...]:
    from rules import authorities

    return authorities(rule_set, star, Step.INSPECT, on)


def _mean(rule_set: RuleSet, values: list[Decimal]) -> Decimal:
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
