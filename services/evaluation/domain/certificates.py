"""A product's certificates over time: issued, expiry notice, re-evaluation window,
expiry (with a late filer's grace), replacement by a newer result, and revocation.

Every date comes from `rules` when the certificate is issued; `advance(today)` emits
an event for each date that has passed and was not yet recorded, so a scheduler can
call it as often as it likes (idempotent). A revoked certificate never comes back.
The commands are here; the events, their fields and what they change are in
`certificate_events.py`. This module's path and the class's name are part of every
stored event's topic: they do not move.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid5

from runtime.clock import check_not_before
from runtime.errors import CommandRejected
from services.evaluation.domain.certificate_events import CertificationHistory, Meta

NAMESPACE = UUID("7a3e9c51-0d2b-4f86-a4c7-1e5b9d2f6a30")
FINAL = ("expired", "revoked", "superseded")
CONCLUSION = ("ngày kết luận kiểm tra", "the inspection's conclusion")


class ProductCertification(CertificationHistory):
    """Every certificate one product has held, and the current one."""

    @staticmethod
    def id_for(product_id: UUID) -> UUID:
        return uuid5(NAMESPACE, f"certification:{product_id}")

    @classmethod
    def create_id(cls, product_id: UUID, **kwargs: Any) -> UUID:
        return cls.id_for(product_id)

    @classmethod
    def start(cls, product_id: UUID, product_name: str, meta: Meta) -> ProductCertification:
        """The product's first certificate is about to be issued."""
        return cls._create(cls.Started, product_id=product_id, product_name=product_name, meta=meta)

    def cert(self, number: str | None = None) -> dict[str, Any] | None:
        key = number or self.current
        return self.certificates.get(key) if key else None

    def holding(self) -> dict[str, Any] | None:
        """The current certificate if it is still in force."""
        found = self.cert()
        return found if found and found["status"] not in FINAL else None

    def in_force_on(self, today: date) -> dict[str, Any] | None:
        """The current certificate if it is in force on `today`: not expired, revoked or
        superseded, and not past its last day (a late filer's, once the re-evaluation is
        filed), even where the scheduler has not yet recorded the expiry."""
        held = self.holding()
        return held if held is not None and today <= _last_valid_day(held) else None

    def _ref(self, cert: dict[str, Any]) -> Meta:
        return {
            "product_id": str(self.product_id),
            "certificate_no": cert["number"],
            "dossier_id": cert["dossier_id"],
            "rule_set_id": cert["rule_set_id"],
            "star": cert["star"],
            "valid_to": cert["valid_to"],
        }

    # -- issue and replace -------------------------------------------------------------

    def issue(self, certificate: dict[str, Any], meta: Meta) -> None:
        if certificate["number"] in self.certificates:
            raise CommandRejected(
                "already_exists",
                "decision_no",
                "Giấy chứng nhận này đã được cấp.",
                "Certificate already issued.",
            )
        old = self.holding()
        self._supersede(old, certificate, meta)
        self.trigger_event(self.CertificateIssued, certificate=certificate, meta=meta)

    def _supersede(
        self, old: dict[str, Any] | None, certificate: dict[str, Any], meta: Meta
    ) -> None:
        """`old` (the certificate held, if any) replaced by `certificate` on its issue day."""
        if old is not None:
            self.trigger_event(
                self.CertificateSuperseded,
                ref=self._ref(old),
                by=certificate["number"],
                on=certificate["issued_on"],
                meta=meta,
            )

    def record_earlier(
        self, certificate: dict[str, Any], source: dict[str, Any], meta: Meta
    ) -> bool:
        """Record a certificate decided before this system (`ocop import portfolio`).
        False when this very certificate is already recorded (importing a file twice
        changes nothing); refuses another certificate under the same number, and one
        older than the certificate held (a register must not replace a later decision)."""
        known = self.certificates.get(certificate["number"])
        if known is not None:
            same = all(known.get(k) == v for k, v in certificate.items())
            if same:
                return False
            raise CommandRejected(
                "already_exists",
                "decision_no",
                f"Giấy chứng nhận {certificate['number']} đã được ghi nhận với nội dung khác.",
                f"Certificate {certificate['number']} is already recorded with other content.",
            )
        old = self.holding()
        if old is not None and old["issued_on"] >= certificate["issued_on"]:
            raise CommandRejected(
                "failed_precondition",
                "decided_on",
                f"Sản phẩm đang có giấy chứng nhận {old['number']} cấp ngày "
                f"{old['issued_on']:%d/%m/%Y}, không cũ hơn quyết định được nhập.",
                f"The product holds certificate {old['number']} of "
                f"{old['issued_on']:%d/%m/%Y}, not older than the imported decision.",
            )
        self._supersede(old, certificate, meta)
        self.trigger_event(
            self.RecordedFromEarlierDecision, certificate=certificate, source=source, meta=meta
        )
        return True

    # -- re-evaluation -------------------------------------------------------------------

    def file_reevaluation(self, dossier_id: UUID, meta: Meta, **filing: Any) -> None:
        """A re-evaluation dossier arrived: `filing` is `ReevaluationFiled`'s filed_on,
        timing, valid_until and decide_by. Nothing held, or filed already: nothing."""
        cert = self.holding()
        if cert is None or cert["reevaluation"] is not None:
            return
        self.trigger_event(
            self.ReevaluationFiled,
            ref=self._ref(cert),
            dossier_id=str(dossier_id),
            meta=meta,
            **filing,
        )

    def reevaluation_failed(self, dossier_id: UUID, decided_on: date, meta: Meta) -> None:
        """The re-evaluation did not give a certificate: the old one keeps its own expiry."""
        cert = self.holding()
        filed = cert["reevaluation"] if cert else None
        if cert is None or not filed or filed["dossier_id"] != str(dossier_id):
            return
        self.trigger_event(
            self.ReevaluationConcluded,
            ref=self._ref(cert),
            dossier_id=str(dossier_id),
            decided_on=decided_on,
            meta=meta,
        )

    # -- dates passing -----------------------------------------------------------------

    def due(self, today: date) -> list[tuple[str, date]]:
        """The dated steps of the current certificate that are due on `today`, in order."""
        cert = self.holding()
        return [s for s in due_steps(cert) if s[1] <= today] if cert else []

    def next_due(self) -> date | None:
        steps = self.due(date.max)
        return min(d for _, d in steps) if steps else None

    def advance(self, today: date, meta: Meta) -> int:
        """Record every date that passed by `today`; returns how many events that made."""
        made = 0
        for step, on in self.due(today):
            cert = self.holding()
            if cert is None:
                break
            ref = {"ref": self._ref(cert), "meta": meta}
            if step == "notice":
                self.trigger_event(self.ExpiryNoticeDue, notice_by=on, **ref)
            elif step == "window":
                closes = cert["window_closes"]
                self.trigger_event(
                    self.ReevaluationWindowOpened, opens_on=on, closes_on=closes, **ref
                )
            elif step == "reevaluation_overdue":
                by = cert["reevaluation"]["decide_by"]
                self.trigger_event(self.ReevaluationOverdue, decide_by=by, **ref)
            elif step == "revocation_overdue":
                by = cert["revocation"]["decide_by"]
                self.trigger_event(self.RevocationOverdue, decide_by=by, **ref)
            else:
                self.trigger_event(self.CertificateExpired, expired_on=on, **ref)
            made += 1
        return made

    # -- revocation --------------------------------------------------------------------

    def _require_holding(self) -> dict[str, Any]:
        cert = self.cert()
        if cert is not None and cert["status"] == "revoked":
            raise CommandRejected(
                "failed_precondition",
                "product_id",
                "Giấy chứng nhận đã bị thu hồi và không thể khôi phục (cần hồ sơ mới).",
                "The certificate was revoked and can never come back (a new dossier is needed).",
            )
        held = self.holding()
        if held is None:
            raise CommandRejected(
                "failed_precondition",
                "product_id",
                "Sản phẩm không có giấy chứng nhận còn hiệu lực.",
                "The product holds no certificate in force.",
            )
        return held

    def open_revocation(self, meta: Meta, **case: Any) -> None:
        """A revocation case: `case` is `RevocationOpened`'s ground, reference,
        concluded_on, decide_by and source."""
        cert = self._require_holding()
        if cert["revocation"] is not None:
            raise CommandRejected(
                "already_exists",
                "product_id",
                "Đã có hồ sơ thu hồi đang xử lý.",
                "A revocation case is already open.",
            )
        self.trigger_event(self.RevocationOpened, ref=self._ref(cert), meta=meta, **case)

    def revoke(self, meta: Meta, *, decided_on: date, **decision: Any) -> None:
        """The revocation decision: `decision` is `Revoked`'s decision_no, authority,
        signer and legal_basis; the ground and whether it is overdue come from the case."""
        cert = self._require_holding()
        case = cert["revocation"]
        if case is None:
            raise CommandRejected(
                "failed_precondition",
                "product_id",
                "Chưa có hồ sơ thu hồi (kết luận kiểm tra) cho sản phẩm này.",
                "No revocation case (inspection conclusion) is open for this product.",
            )
        check_not_before("decided_on", decided_on, case["concluded_on"], CONCLUSION)
        self.trigger_event(
            self.Revoked,
            ref=self._ref(cert),
            decided_on=decided_on,
            ground=case["ground"],
            overdue=bool(case["decide_by"] and decided_on > case["decide_by"]),
            meta=meta,
            **decision,
        )


def _last_valid_day(cert: dict[str, Any]) -> date:
    extended: date | None = (cert["reevaluation"] or {}).get("valid_until")
    valid_to: date = cert["valid_to"]
    return max(valid_to, extended) if extended else valid_to


def due_steps(cert: dict[str, Any]) -> list[tuple[str, date]]:
    """Every dated step of a certificate not yet recorded, in date order: expiry notice,
    re-evaluation window, overdue revocation or re-evaluation, expiry."""
    steps: list[tuple[str, date]] = []
    if cert["notice_by"] and "notice" not in cert["done"]:
        steps.append(("notice", cert["notice_by"]))
    if cert["window_opens"] and "window" not in cert["done"]:
        steps.append(("window", cert["window_opens"]))
    revocation = cert["revocation"]
    if revocation and revocation["decide_by"] and "revocation_overdue" not in cert["done"]:
        steps.append(("revocation_overdue", revocation["decide_by"] + timedelta(days=1)))
    filed = cert["reevaluation"]
    if (
        filed
        and filed.get("decide_by")
        and not filed.get("concluded_on")
        and "reevaluation_overdue" not in cert["done"]
    ):
        steps.append(("reevaluation_overdue", filed["decide_by"] + timedelta(days=1)))
    steps.append(("expired", _last_valid_day(cert) + timedelta(days=1)))
    return sorted(steps, key=lambda s: s[1])
