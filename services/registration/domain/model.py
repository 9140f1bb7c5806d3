"""Registration aggregates: producers (chủ thể OCOP), product ideas with their business plans,
products and their dossiers.

Each event records the actor and the correlation of the flow it belongs to, in
`meta`, so "who did what, when" is answerable from the event store alone. Checks
that need only the aggregate's own state live here and raise `CommandRejected`
before any event is recorded; checks that need other aggregates or the rule sets
live in the application.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from rules import RulesError, select_rule_set
from runtime.errors import CommandRejected

PRODUCER_KINDS = (
    "cooperative",
    "cooperative_group",
    "enterprise",
    "farm",
    "household_business",
    "association",
)
KINDS_NEEDING_REGISTRATION_NO = ("cooperative_group", "farm", "household_business")
TOURISM_ONLY_KINDS = ("association",)
TOURISM_SET = 26
DOSSIER_KINDS = ("first", "upgrade", "re_evaluation")
GENDERS = ("female", "male", "other")
COMMUNE_CRITERIA = ("local_raw_material", "local_labour", "idea_origin", "local_identity")

Meta = dict[str, Any]


def _refuse_state(field: str, vi: str, en: str) -> CommandRejected:
    return CommandRejected("failed_precondition", field, vi, en)


class Producer(Aggregate):
    """A chủ thể OCOP. The legal representative's gender and ethnicity are personal data:
    they stay in this store; only whether criterion 3.2 applies is published."""

    @event("Registered")
    def __init__(
        self,
        name: str,
        kind: str,
        is_sme: bool,
        business_registration_no: str | None,
        legal_representative: dict[str, Any],
        address: str,
        commune_code: str,
        province_code: str,
        legacy_unit: dict[str, Any] | None,
        meta: Meta,
    ) -> None:
        self.name = name
        self.kind = kind
        self.is_sme = is_sme
        self.business_registration_no = business_registration_no
        self.legal_representative = legal_representative
        self.address = address
        self.commune_code = commune_code
        self.province_code = province_code
        self.legacy_unit = legacy_unit

    @property
    def qualifies_for_3_2(self) -> bool:
        """Criterion 3.2: a woman, an ethnic-minority person or a person with a disability."""
        return qualifies_for_3_2(self.legal_representative)


def qualifies_for_3_2(rep: dict[str, Any]) -> bool:
    ethnicity = str(rep.get("ethnicity") or "").casefold()
    minority = bool(ethnicity) and ethnicity not in ("kinh", "việt", "viet")
    return rep.get("gender") == "female" or minority or bool(rep.get("disability"))


class RegistrationNumberIndex(Aggregate):
    """Claims a business-registration number: a second claim clashes on the id."""

    @staticmethod
    def id_for(number: str) -> UUID:
        return uuid5(INDEX_NAMESPACE, f"brn:{number.casefold()}")

    @classmethod
    def create_id(cls, number: str, producer_id: UUID) -> UUID:
        return cls.id_for(number)

    @event("Claimed")
    def __init__(self, number: str, producer_id: UUID) -> None:
        self.number = number
        self.producer_id = producer_id


class CommuneSequence(Aggregate):
    """The commune's running product number (STT) for one year, for product codes."""

    @staticmethod
    def id_for(commune_code: str, year: int) -> UUID:
        return uuid5(INDEX_NAMESPACE, f"stt:{commune_code}:{year}")

    @classmethod
    def create_id(cls, commune_code: str, year: int) -> UUID:
        return cls.id_for(commune_code, year)

    @event("Started")
    def __init__(self, commune_code: str, year: int) -> None:
        self.commune_code = commune_code
        self.year = year
        self.value = 0

    @event("Taken")
    def take(self) -> None:
        self.value += 1


class ProductIdea(Aggregate):
    """Steps 2-4 of the cycle: the idea (accepted or returned and resubmitted), then the
    business plan (approved or returned), then the product it becomes."""

    @event("Registered")
    def __init__(
        self,
        producer_id: UUID,
        name: str,
        product_set: int,
        description: str,
        submitted_on: date,
        meta: Meta,
    ) -> None:
        self.producer_id = producer_id
        self.name = name
        self.product_set = product_set
        self.description = description
        self.submitted_on = submitted_on
        self.status = "idea_submitted"
        self.reason: str | None = None
        self.plan_summary: str | None = None
        self.product_id: UUID | None = None
        self.history: list[dict[str, Any]] = [{"status": self.status, "on": submitted_on}]

    def _require(self, *statuses: str, action_vi: str, action_en: str) -> None:
        if self.status not in statuses:
            raise _refuse_state(
                "idea_id",
                f"Không thể {action_vi}: ý tưởng đang ở trạng thái '{self.status}'.",
                f"Cannot {action_en}: the idea is '{self.status}'.",
            )

    def accept(self, decided_on: date, meta: Meta) -> None:
        self._require("idea_submitted", action_vi="chấp nhận ý tưởng", action_en="accept it")
        self._accepted(decided_on=decided_on, meta=meta)

    @event("Accepted")
    def _accepted(self, decided_on: date, meta: Meta) -> None:
        self._move("idea_accepted", decided_on, None)

    def return_idea(self, reason: str, decided_on: date, meta: Meta) -> None:
        self._require("idea_submitted", action_vi="trả lại ý tưởng", action_en="return it")
        self._returned(reason=reason, decided_on=decided_on, meta=meta)

    @event("Returned")
    def _returned(self, reason: str, decided_on: date, meta: Meta) -> None:
        self._move("idea_returned", decided_on, reason)

    def resubmit(self, description: str, submitted_on: date, meta: Meta) -> None:
        self._require("idea_returned", action_vi="nộp lại ý tưởng", action_en="resubmit it")
        self._resubmitted(description=description, submitted_on=submitted_on, meta=meta)

    @event("Resubmitted")
    def _resubmitted(self, description: str, submitted_on: date, meta: Meta) -> None:
        if description:
            self.description = description
        self._move("idea_submitted", submitted_on, None)

    def submit_plan(self, summary: str, submitted_on: date, meta: Meta) -> None:
        self._require(
            "idea_accepted",
            "plan_returned",
            action_vi="nộp phương án kinh doanh",
            action_en="submit a business plan",
        )
        self._plan_submitted(summary=summary, submitted_on=submitted_on, meta=meta)

    @event("PlanSubmitted")
    def _plan_submitted(self, summary: str, submitted_on: date, meta: Meta) -> None:
        self.plan_summary = summary
        self._move("plan_submitted", submitted_on, None)

    def approve_plan(self, decided_on: date, meta: Meta) -> None:
        self._require("plan_submitted", action_vi="duyệt phương án", action_en="approve the plan")
        self._plan_approved(decided_on=decided_on, meta=meta)

    @event("PlanApproved")
    def _plan_approved(self, decided_on: date, meta: Meta) -> None:
        self._move("plan_approved", decided_on, None)

    def return_plan(self, reason: str, decided_on: date, meta: Meta) -> None:
        self._require("plan_submitted", action_vi="trả lại phương án", action_en="return the plan")
        self._plan_returned(reason=reason, decided_on=decided_on, meta=meta)

    @event("PlanReturned")
    def _plan_returned(self, reason: str, decided_on: date, meta: Meta) -> None:
        self._move("plan_returned", decided_on, reason)

    def become_product(self, product_id: UUID, meta: Meta) -> None:
        self._require(
            "plan_approved",
            action_vi="đăng ký sản phẩm (phương án chưa được duyệt)",
            action_en="register the product before its business plan is approved",
        )
        self._became_product(product_id=product_id, meta=meta)

    @event("BecameProduct")
    def _became_product(self, product_id: UUID, meta: Meta) -> None:
        self.product_id = product_id
        self.status = "product_registered"
        self.history.append({"status": self.status, "on": None})

    def _move(self, status: str, on: date, reason: str | None) -> None:
        self.status = status
        self.reason = reason
        self.history.append({"status": status, "on": on, "reason": reason})


class Product(Aggregate):
    """A product with an identity that survives code changes: codes are added, never
    overwritten, each with its format (current R3 or legacy) and when it was given."""

    @event("Registered")
    def __init__(
        self,
        producer_id: UUID,
        name: str,
        product_set: int,
        commune_code: str,
        province_code: str,
        legacy_unit: dict[str, Any] | None,
        idea_id: UUID | None,
        meta: Meta,
    ) -> None:
        self.producer_id = producer_id
        self.name = name
        self.product_set = product_set
        self.commune_code = commune_code
        self.province_code = province_code
        self.legacy_unit = legacy_unit
        self.idea_id = idea_id
        self.codes: list[dict[str, Any]] = []
        self.dossier_ids: list[UUID] = []

    @event("CodeAssigned")
    def assign_code(self, code: str, code_format: str, assigned_on: date, meta: Meta) -> None:
        self.codes.append({"code": code, "format": code_format, "assigned_on": assigned_on})

    @event("DossierOpened")
    def open_dossier(self, dossier_id: UUID, meta: Meta) -> None:
        self.dossier_ids.append(dossier_id)

    def has_code(self, code: str) -> bool:
        return any(c["code"] == code for c in self.codes)


class Dossier(Aggregate):
    """One submission of a product for evaluation, from commune receipt to forwarding.

    A dossier returned for completion keeps its id and history and comes back with
    `resubmit`; while it is with the commune (submitted or returned) the producer's
    self-assessment, documents, paper copy and samples can be added."""

    @event("Submitted")
    def __init__(
        self,
        product_id: UUID,
        producer_id: UUID,
        product_name: str,
        product_set: int,
        kind: str,
        received_on: date,
        commune_code: str,
        province_code: str,
        rule_set_id: str,
        check_deadline: date | None,
        form_01: dict[str, Any],
        product_code: str | None,
        meta: Meta,
    ) -> None:
        self.product_id = product_id
        self.producer_id = producer_id
        self.product_name = product_name
        self.product_set = product_set
        self.kind = kind
        self.received_on = received_on
        self.first_received_on = received_on
        self.commune_code = commune_code
        self.province_code = province_code
        self.rule_set_id = rule_set_id
        self.check_deadline = check_deadline
        self.form_01 = form_01
        self.product_code = product_code
        self.status = "submitted"
        self.self_assessment: dict[str, dict[str, Any]] = {}
        self.documents: dict[str, dict[str, Any]] = {}
        self.paper_copy_received_on: date | None = None
        self.samples = 0
        self.returns: list[dict[str, Any]] = []
        self.assessed_on: date | None = None
        self.report_no: str | None = None
        self.officer: str | None = None
        self.criteria: dict[str, bool] = {}
        self.forwarded_to: str | None = None
        self.forwarded_on: date | None = None

    # While the dossier is with the commune -------------------------------------------

    def _require_open(self, field: str = "dossier_id") -> None:
        if self.status not in ("submitted", "returned"):
            raise _refuse_state(
                field,
                f"Hồ sơ đã được xã đánh giá (trạng thái '{self.status}'); không thể sửa.",
                f"The dossier was already assessed (status '{self.status}'); it cannot change.",
            )

    def record_self_assessment(self, entries: dict[str, dict[str, Any]], meta: Meta) -> None:
        self._require_open()
        for code, entry in entries.items():
            for digest in entry.get("evidence", ()):
                if digest not in self.documents:
                    raise CommandRejected(
                        "invalid_argument",
                        f"evidence[{code}]",
                        f"Minh chứng {digest[:12]}… chưa được đính kèm vào hồ sơ.",
                        f"Evidence {digest[:12]}… is not a document of this dossier.",
                    )
        self._self_assessed(entries=entries, meta=meta)

    @event("SelfAssessed")
    def _self_assessed(self, entries: dict[str, dict[str, Any]], meta: Meta) -> None:
        self.self_assessment.update(entries)

    def attach_document(
        self, sha256: str, size: int, media_type: str, name: str, category: str, meta: Meta
    ) -> None:
        self._require_open()
        if sha256 in self.documents:
            raise CommandRejected(
                "already_exists",
                "content",
                f"Tệp này đã có trong hồ sơ ('{self.documents[sha256]['name']}').",
                f"This file is already in the dossier ('{self.documents[sha256]['name']}').",
            )
        self._document_attached(
            sha256=sha256, size=size, media_type=media_type, name=name, category=category, meta=meta
        )

    @event("DocumentAttached")
    def _document_attached(
        self, sha256: str, size: int, media_type: str, name: str, category: str, meta: Meta
    ) -> None:
        self.documents[sha256] = {
            "sha256": sha256,
            "size": size,
            "media_type": media_type,
            "name": name,
            "category": category,
        }

    def receive_paper_copy(self, received_on: date, meta: Meta) -> None:
        self._require_open()
        self._paper_copy_received(received_on=received_on, meta=meta)

    @event("PaperCopyReceived")
    def _paper_copy_received(self, received_on: date, meta: Meta) -> None:
        self.paper_copy_received_on = received_on

    def receive_samples(self, count: int, received_on: date, meta: Meta) -> None:
        self._require_open()
        if count < 1:
            raise CommandRejected(
                "invalid_argument", "count", "Số mẫu phải lớn hơn 0.", "Count must be positive."
            )
        self._samples_received(count=count, received_on=received_on, meta=meta)

    @event("SamplesReceived")
    def _samples_received(self, count: int, received_on: date, meta: Meta) -> None:
        self.samples += count

    def return_for_completion(self, reason: str, returned_on: date, meta: Meta) -> None:
        if self.status != "submitted":
            raise _refuse_state(
                "dossier_id",
                f"Chỉ trả lại được hồ sơ đang chờ xã kiểm tra (trạng thái '{self.status}').",
                f"Only a dossier awaiting the commune's check can be returned ('{self.status}').",
            )
        self._returned(reason=reason, returned_on=returned_on, meta=meta)

    @event("Returned")
    def _returned(self, reason: str, returned_on: date, meta: Meta) -> None:
        self.status = "returned"
        self.returns.append({"reason": reason, "returned_on": returned_on})

    def resubmit(self, received_on: date, check_deadline: date | None, meta: Meta) -> None:
        if self.status != "returned":
            raise _refuse_state(
                "dossier_id",
                "Chỉ nộp lại được hồ sơ đã bị trả lại để bổ sung.",
                "Only a dossier returned for completion can be resubmitted.",
            )
        if received_on < self.received_on:
            raise CommandRejected(
                "invalid_argument",
                "received_on",
                "Ngày nhận lại không thể trước lần tiếp nhận trước.",
                "The new receipt date cannot precede the previous one.",
            )
        self._resubmitted(received_on=received_on, check_deadline=check_deadline, meta=meta)

    @event("Resubmitted")
    def _resubmitted(self, received_on: date, check_deadline: date | None, meta: Meta) -> None:
        self.status = "submitted"
        self.received_on = received_on
        self.check_deadline = check_deadline

    # The commune's report (form 03) and the forwarding -------------------------------

    def assess(
        self,
        report_no: str,
        assessed_on: date,
        officer: str,
        criteria: dict[str, bool],
        missing: list[tuple[str, str]],
        meta: Meta,
    ) -> None:
        if self.status != "submitted":
            raise _refuse_state(
                "dossier_id",
                f"Hồ sơ không chờ xã đánh giá (trạng thái '{self.status}'); không thể đánh giá.",
                f"The dossier is not awaiting the commune's assessment ('{self.status}').",
            )
        if assessed_on < self.received_on:
            raise CommandRejected(
                "invalid_argument",
                "assessed_on",
                "Ngày đánh giá không thể trước ngày xã tiếp nhận hồ sơ.",
                "The assessment date cannot precede the commune's receipt date.",
            )
        if missing:
            raise _refuse_state(
                "dossier_id",
                "Hồ sơ chưa đầy đủ: " + "; ".join(vi for vi, _ in missing),
                "The dossier is incomplete: " + "; ".join(en for _, en in missing),
            )
        self._assessed(
            report_no=report_no, assessed_on=assessed_on, officer=officer, criteria=criteria,
            meta=meta,
        )  # fmt: skip

    @event("Assessed")
    def _assessed(
        self,
        report_no: str,
        assessed_on: date,
        officer: str,
        criteria: dict[str, bool],
        meta: Meta,
        forwarded_to: str | None = None,
    ) -> None:
        # `forwarded_to` is set only on events stored before forwarding became its own
        # command, when assessing also forwarded (see `upcasts` below).
        self.status = "forwarded" if forwarded_to else "assessed"
        self.report_no = report_no
        self.assessed_on = assessed_on
        self.officer = officer
        self.criteria = criteria
        self.forwarded_to = forwarded_to
        self.forwarded_on = assessed_on if forwarded_to else None

    def forward(self, forwarded_on: date, level: str, meta: Meta) -> None:
        if self.status != "assessed":
            raise _refuse_state(
                "dossier_id",
                "Chỉ chuyển được hồ sơ đã có báo cáo đánh giá của xã (Mẫu 03)"
                f" (trạng thái '{self.status}').",
                f"Only a dossier with the commune's report (form 03) can be forwarded"
                f" ('{self.status}').",
            )
        assert self.assessed_on is not None
        if forwarded_on < self.assessed_on:
            raise CommandRejected(
                "invalid_argument",
                "forwarded_on",
                "Ngày chuyển không thể trước ngày đánh giá.",
                "The forwarding date cannot precede the assessment.",
            )
        self._forwarded(
            snapshot={
                "product_id": str(self.product_id),
                "producer_id": str(self.producer_id),
                "product_name": self.product_name,
                "product_set": self.product_set,
                "kind": self.kind,
                "received_on": self.received_on.isoformat(),
                "commune_code": self.commune_code,
                "province_code": self.province_code,
                "report_no": self.report_no,
                "assessed_on": self.assessed_on.isoformat(),
                "officer": self.officer,
                "criteria": dict(self.criteria),
                "product_code": self.product_code,
            },
            forwarded_on=forwarded_on,
            forwarded_to=level,
            rule_set_id=self.rule_set_id,
            meta=meta,
        )

    @event("Forwarded")
    def _forwarded(
        self,
        snapshot: dict[str, Any],
        forwarded_on: date,
        forwarded_to: str,
        rule_set_id: str,
        meta: Meta,
    ) -> None:
        self.status = "forwarded"
        self.forwarded_on = forwarded_on
        self.forwarded_to = forwarded_to

    # Read-side helpers ----------------------------------------------------------------

    def is_overdue(self, today: date) -> bool:
        """Still awaiting the commune's report after the working-day deadline."""
        return (
            self.status == "submitted"
            and self.check_deadline is not None
            and today > self.check_deadline
        )


INDEX_NAMESPACE = UUID("6f1c2a8e-3b0d-4d5e-9a41-0c0c0c0c0c01")


# -- events stored by the first version of this service (issue 2) -------------------------
# The stored form of an event never changes; older forms are upcast when read, so a data
# folder or database written before this version still loads (nothing accepted is lost).


def _producer_v1_v2(state: dict[str, Any]) -> None:
    state["legal_representative"] = {
        "name": state["legal_representative"],
        "gender": None,
        "ethnicity": None,
        "disability": False,
    }
    state.setdefault("address", "")
    state.setdefault("legacy_unit", None)


def _product_v1_v2(state: dict[str, Any]) -> None:
    state.setdefault("legacy_unit", None)
    state.setdefault("idea_id", None)


def _dossier_v1_v2(state: dict[str, Any]) -> None:
    try:
        state.setdefault("rule_set_id", select_rule_set(state["received_on"]).rule_set.id)
    except RulesError:
        state.setdefault("rule_set_id", "")
    state.setdefault("check_deadline", None)
    state.setdefault("form_01", {})
    state.setdefault("product_code", None)


def _assessed_v1_v2(state: dict[str, Any]) -> None:
    """Assessing used to forward too: keep the level, drop the copy of the dossier."""
    state.pop("snapshot", None)
    state.pop("rule_set_id", None)
    state.setdefault("officer", state["meta"]["actor"]["id"])


for _cls, _upcast in (
    (Producer.Registered, _producer_v1_v2),  # type: ignore[attr-defined]
    (Product.Registered, _product_v1_v2),  # type: ignore[attr-defined]
    (Dossier.Submitted, _dossier_v1_v2),  # type: ignore[attr-defined]
    (Dossier.Assessed, _assessed_v1_v2),  # type: ignore[attr-defined]
):
    _cls.class_version = 2
    _cls.upcast_v1_v2 = staticmethod(_upcast)
