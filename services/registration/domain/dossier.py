"""Dossiers: one submission of a product, from the commune's receipt (form 01) through the
self-assessment (form 02), documents, paper copy and samples, to the commune's report
(form 03) and the forwarding to the level that evaluates it."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from runtime.clock import Fact, check_not_before, check_not_before_any
from runtime.errors import CommandRejected
from services.registration.domain import dossier_events as events
from services.registration.domain.common import Meta, refuse_state

RECEIPT = ("ngày xã tiếp nhận hồ sơ", "the commune's receipt of the dossier")
LAST_RECEIPT = ("lần xã tiếp nhận hồ sơ gần nhất", "the dossier's latest receipt")
PAPER_COPY = ("ngày nhận bản giấy", "the receipt of the paper copy")
SAMPLES = ("ngày nhận mẫu", "the receipt of the samples")
RETURN = ("ngày trả lại hồ sơ", "the dossier's return for completion")
ASSESSMENT = ("ngày xã đánh giá (Mẫu 03)", "the commune's assessment (form 03)")

DOSSIER_KINDS = ("first", "upgrade", "re_evaluation")
COMMUNE_CRITERIA = ("local_raw_material", "local_labour", "idea_origin", "local_identity")


class Dossier(Aggregate):
    """One submission of a product for evaluation, from commune receipt to forwarding.

    A dossier returned for completion keeps its id and history and comes back with
    `resubmit`; while it is with the commune (submitted or returned) the producer's
    self-assessment, documents, paper copy and samples can be added. Each command checks
    the dossier's state, then triggers its event; the events' fields and how each changes
    the dossier are in `dossier_events.py`."""

    # Its events (`dossier_events.py`), by the names they are stored under.
    Submitted = events.Submitted
    SelfAssessed = events.SelfAssessed
    DocumentAttached = events.DocumentAttached
    PaperCopyReceived = events.PaperCopyReceived
    SamplesReceived = events.SamplesReceived
    Returned = events.Returned
    Resubmitted = events.Resubmitted
    Assessed = events.Assessed
    Forwarded = events.Forwarded
    CouncilResultRecorded = events.CouncilResultRecorded

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
        self.samples_received_on: date | None = None
        self.assessed_on: date | None = None
        self.report_no: str | None = None
        self.officer: str | None = None
        self.criteria: dict[str, bool] = {}
        self.forwarded_to: str | None = None
        self.forwarded_on: date | None = None
        self.council_result: dict[str, Any] | None = None

    def record_council_result(self, result: dict[str, Any], meta: Meta) -> bool:
        """The scoring council's adopted result (`Scored`); False when it is the one kept
        already (a redelivery). A re-score replaces it."""
        if self.council_result == result:
            return False
        self.trigger_event(self.CouncilResultRecorded, result=result, meta=meta)
        return True

    # While the dossier is with the commune -------------------------------------------

    def record_self_assessment(self, entries: dict[str, dict[str, Any]], meta: Meta) -> None:
        """Form 02 Part III entries (criterion -> option, evidence); refuses evidence that
        is not a document of this dossier (`evidence[<code>]`)."""
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
        self.trigger_event(self.SelfAssessed, entries=entries, meta=meta)

    def attach_document(
        self, sha256: str, size: int, media_type: str, name: str, category: str, meta: Meta
    ) -> None:
        """Refuses the same content twice (`content`, ALREADY_EXISTS)."""
        self._require_open()
        if sha256 in self.documents:
            known = self.documents[sha256]["name"]
            raise CommandRejected(
                "already_exists",
                "content",
                f"Tệp này đã có trong hồ sơ ('{known}').",
                f"This file is already in the dossier ('{known}').",
            )
        self.trigger_event(
            self.DocumentAttached,
            sha256=sha256, size=size, media_type=media_type, name=name, category=category,
            meta=meta,
        )  # fmt: skip

    def receive_paper_copy(self, received_on: date, meta: Meta) -> None:
        """Refuses a date before the dossier's first receipt (`received_on`)."""
        self._require_open()
        check_not_before("received_on", received_on, self.first_received_on, RECEIPT)
        self.trigger_event(self.PaperCopyReceived, received_on=received_on, meta=meta)

    def receive_samples(self, count: int, received_on: date, meta: Meta) -> None:
        """Refuses a count below 1 (`count`) and a date before the dossier's first receipt
        (`received_on`)."""
        self._require_open()
        check_not_before("received_on", received_on, self.first_received_on, RECEIPT)
        if count < 1:
            raise CommandRejected(
                "invalid_argument", "count", "Số mẫu phải lớn hơn 0.", "Count must be positive."
            )
        self.trigger_event(self.SamplesReceived, count=count, received_on=received_on, meta=meta)

    def return_for_completion(self, reason: str, returned_on: date, meta: Meta) -> None:
        if self.status != "submitted":
            raise refuse_state(
                "dossier_id",
                f"Chỉ trả lại được hồ sơ đang chờ xã kiểm tra (trạng thái '{self.status}').",
                f"Only a dossier awaiting the commune's check can be returned ('{self.status}').",
            )
        check_not_before_any("returned_on", returned_on, self.with_the_commune())
        self.trigger_event(self.Returned, reason=reason, returned_on=returned_on, meta=meta)

    def resubmit(self, received_on: date, check_deadline: date | None, meta: Meta) -> None:
        """Refuses a dossier that was not returned, and a date before the last receipt."""
        if self.status != "returned":
            raise refuse_state(
                "dossier_id",
                "Chỉ nộp lại được hồ sơ đã bị trả lại để bổ sung.",
                "Only a dossier returned for completion can be resubmitted.",
            )
        returned_on = self.returns[-1]["returned_on"] if self.returns else None
        check_not_before_any(
            "received_on", received_on, [(self.received_on, LAST_RECEIPT), (returned_on, RETURN)]
        )
        self.trigger_event(
            self.Resubmitted, received_on=received_on, check_deadline=check_deadline, meta=meta
        )

    def with_the_commune(self) -> list[Fact]:
        """The dated facts of the dossier's time with the commune (its latest receipt, the
        paper copy, the samples): the commune's return or report is not dated before any."""
        return [
            (self.received_on, LAST_RECEIPT),
            (self.paper_copy_received_on, PAPER_COPY),
            (getattr(self, "samples_received_on", None), SAMPLES),
        ]

    def _require_open(self, field: str = "dossier_id") -> None:
        if self.status not in ("submitted", "returned"):
            raise refuse_state(
                field,
                f"Hồ sơ đã được xã đánh giá (trạng thái '{self.status}'); không thể sửa.",
                f"The dossier was already assessed (status '{self.status}'); it cannot change.",
            )

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
        """Refuses unless awaiting the commune, a date before its latest receipt, paper copy
        or samples (`with_the_commune`), and an incomplete dossier (`missing`: its gaps,
        vi and en)."""
        if self.status != "submitted":
            raise refuse_state(
                "dossier_id",
                f"Hồ sơ không chờ xã đánh giá (trạng thái '{self.status}'); không thể đánh giá.",
                f"The dossier is not awaiting the commune's assessment ('{self.status}').",
            )
        check_not_before_any("assessed_on", assessed_on, self.with_the_commune())
        if missing:
            raise refuse_state(
                "dossier_id",
                "Hồ sơ chưa đầy đủ: " + "; ".join(vi for vi, _ in missing),
                "The dossier is incomplete: " + "; ".join(en for _, en in missing),
            )
        self.trigger_event(
            self.Assessed,
            report_no=report_no, assessed_on=assessed_on, officer=officer, criteria=criteria,
            meta=meta,
        )  # fmt: skip

    def forward(
        self,
        forwarded_on: date,
        level: str,
        meta: Meta,
        legacy_unit: dict[str, Any] | None = None,
        producer_name: str = "",
    ) -> None:
        """Refuses before the commune's report, and a date before it. `legacy_unit` is the
        product's pre-2025 commune/district/province (R1), carried to the evaluating level
        so the district's round and jurisdiction are known there; `producer_name` the
        producer's business name, printed on the decision and certificate there."""
        if self.status != "assessed":
            raise refuse_state(
                "dossier_id",
                "Chỉ chuyển được hồ sơ đã có báo cáo đánh giá của xã (Mẫu 03)"
                f" (trạng thái '{self.status}').",
                f"Only a dossier with the commune's report (form 03) can be forwarded"
                f" ('{self.status}').",
            )
        assert self.assessed_on is not None
        check_not_before("forwarded_on", forwarded_on, self.assessed_on, ASSESSMENT)
        self.trigger_event(
            self.Forwarded,
            snapshot={
                **self._snapshot(),
                "legacy_unit": legacy_unit,
                "producer_name": producer_name,
            },
            forwarded_on=forwarded_on,
            forwarded_to=level,
            rule_set_id=self.rule_set_id,
            meta=meta,
        )

    def _snapshot(self) -> dict[str, Any]:
        """What the evaluating level needs of the dossier and its form 03, as stored."""
        assert self.assessed_on is not None
        return {
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
        }

    # Read-side helpers ----------------------------------------------------------------

    def is_overdue(self, today: date) -> bool:
        """Still awaiting the commune's report after the working-day deadline."""
        return (
            self.status == "submitted"
            and self.check_deadline is not None
            and today > self.check_deadline
        )
