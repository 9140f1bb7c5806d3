"""A product's certificates over time: issued, expiry notice, re-evaluation window,
expiry (with a late filer's grace), replacement by a newer result, and revocation.

Every date comes from `rules` when the certificate is issued; `advance(today)` emits
an event for each date that has passed and was not yet recorded, so a scheduler can
call it as often as it likes (idempotent). A revoked certificate never comes back.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from runtime.errors import CommandRejected

NAMESPACE = UUID("7a3e9c51-0d2b-4f86-a4c7-1e5b9d2f6a30")
Meta = dict[str, Any]
FINAL = ("expired", "revoked", "superseded")


class ProductCertification(Aggregate):
    """Every certificate one product has held, and the current one."""

    @staticmethod
    def id_for(product_id: UUID) -> UUID:
        return uuid5(NAMESPACE, f"certification:{product_id}")

    @classmethod
    def create_id(cls, product_id: UUID, **kwargs: Any) -> UUID:
        return cls.id_for(product_id)

    @event("Started")
    def __init__(self, product_id: UUID, product_name: str, meta: Meta) -> None:
        self.product_id = product_id
        self.product_name = product_name
        self.certificates: dict[str, dict[str, Any]] = {}
        self.current: str | None = None

    def cert(self, number: str | None = None) -> dict[str, Any] | None:
        key = number or self.current
        return self.certificates.get(key) if key else None

    def holding(self) -> dict[str, Any] | None:
        """The current certificate if it is still in force."""
        found = self.cert()
        return found if found and found["status"] not in FINAL else None

    # -- issue and replace -----------------------------------------------------------

    def issue(self, certificate: dict[str, Any], meta: Meta) -> None:
        if certificate["number"] in self.certificates:
            raise CommandRejected(
                "already_exists",
                "decision_no",
                "Giấy chứng nhận này đã được cấp.",
                "Certificate already issued.",
            )
        old = self.holding()
        if old is not None:
            self._superseded(
                ref=self._ref(old), by=certificate["number"], on=certificate["issued_on"], meta=meta
            )
        self._issued(certificate=certificate, meta=meta)

    @event("CertificateSuperseded")
    def _superseded(self, ref: Meta, by: str, on: date, meta: Meta) -> None:
        self.certificates[ref["certificate_no"]]["status"] = "superseded"

    @event("CertificateIssued")
    def _issued(self, certificate: dict[str, Any], meta: Meta) -> None:
        self.certificates[certificate["number"]] = {
            **certificate,
            "status": "valid",
            "done": [],
            "reevaluation": None,
            "revocation": None,
        }
        self.current = certificate["number"]

    def _ref(self, cert: dict[str, Any]) -> Meta:
        return {
            "product_id": str(self.product_id),
            "certificate_no": cert["number"],
            "dossier_id": cert["dossier_id"],
            "rule_set_id": cert["rule_set_id"],
            "star": cert["star"],
            "valid_to": cert["valid_to"],
        }

    # -- re-evaluation -----------------------------------------------------------------

    def file_reevaluation(
        self,
        dossier_id: UUID,
        filed_on: date,
        timing: str | None,
        valid_until: date | None,
        meta: Meta,
        decide_by: date | None = None,
    ) -> None:
        cert = self.holding()
        if cert is None or cert["reevaluation"] is not None:
            return
        self._filed(
            ref=self._ref(cert),
            dossier_id=str(dossier_id),
            filed_on=filed_on,
            timing=timing,
            valid_until=valid_until,
            decide_by=decide_by,
            meta=meta,
        )

    @event("ReevaluationFiled")
    def _filed(
        self,
        ref: Meta,
        dossier_id: str,
        filed_on: date,
        timing: str | None,
        valid_until: date | None,
        meta: Meta,
        decide_by: date | None = None,
    ) -> None:
        self.certificates[ref["certificate_no"]]["reevaluation"] = {
            "dossier_id": dossier_id,
            "filed_on": filed_on,
            "timing": timing,
            "valid_until": valid_until,
            "decide_by": decide_by,
        }

    def reevaluation_failed(self, dossier_id: UUID, decided_on: date, meta: Meta) -> None:
        """The re-evaluation did not give a certificate: the old one keeps its own expiry."""
        cert = self.holding()
        if (
            cert is None
            or not cert["reevaluation"]
            or cert["reevaluation"]["dossier_id"] != str(dossier_id)
        ):
            return
        self._kept(
            ref=self._ref(cert), dossier_id=str(dossier_id), decided_on=decided_on, meta=meta
        )

    @event("ReevaluationConcluded")
    def _kept(self, ref: Meta, dossier_id: str, decided_on: date, meta: Meta) -> None:
        entry = self.certificates[ref["certificate_no"]]
        entry["reevaluation"] = {
            **entry["reevaluation"],
            "valid_until": None,
            "concluded_on": decided_on,
        }

    # -- dates passing --------------------------------------------------------------

    def _last_valid_day(self, cert: dict[str, Any]) -> date:
        extended: date | None = (cert["reevaluation"] or {}).get("valid_until")
        valid_to: date = cert["valid_to"]
        return max(valid_to, extended) if extended else valid_to

    def due(self, today: date) -> list[tuple[str, date]]:
        """The dated steps of the current certificate that are due on `today`, in order."""
        cert = self.holding()
        if cert is None:
            return []
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
        steps.append(("expired", self._last_valid_day(cert) + timedelta(days=1)))
        return sorted((s for s in steps if s[1] <= today), key=lambda s: s[1])

    def next_due(self) -> date | None:
        cert = self.holding()
        if cert is None:
            return None
        return min(d for _, d in self.due(date.max)) if self.due(date.max) else None

    def advance(self, today: date, meta: Meta) -> int:
        """Record every date that passed by `today`; returns how many events that made."""
        made = 0
        for step, on in self.due(today):
            cert = self.holding()
            if cert is None:
                break
            ref = self._ref(cert)
            if step == "notice":
                self._notice_due(ref=ref, notice_by=on, meta=meta)
            elif step == "window":
                self._window_opened(
                    ref=ref, opens_on=on, closes_on=cert["window_closes"], meta=meta
                )
            elif step == "reevaluation_overdue":
                self._reevaluation_overdue(
                    ref=ref, decide_by=cert["reevaluation"]["decide_by"], meta=meta
                )
            elif step == "revocation_overdue":
                self._revocation_overdue(
                    ref=ref, decide_by=cert["revocation"]["decide_by"], meta=meta
                )
            else:
                self._expired(ref=ref, expired_on=on, meta=meta)
            made += 1
        return made

    @event("ExpiryNoticeDue")
    def _notice_due(self, ref: Meta, notice_by: date, meta: Meta) -> None:
        self.certificates[ref["certificate_no"]]["done"].append("notice")

    @event("ReevaluationWindowOpened")
    def _window_opened(self, ref: Meta, opens_on: date, closes_on: date, meta: Meta) -> None:
        self.certificates[ref["certificate_no"]]["done"].append("window")

    @event("ReevaluationOverdue")
    def _reevaluation_overdue(self, ref: Meta, decide_by: date, meta: Meta) -> None:
        """The re-evaluation was not decided within the rule set's limit (R3: 45 days)."""
        self.certificates[ref["certificate_no"]]["done"].append("reevaluation_overdue")

    @event("RevocationOverdue")
    def _revocation_overdue(self, ref: Meta, decide_by: date, meta: Meta) -> None:
        self.certificates[ref["certificate_no"]]["done"].append("revocation_overdue")

    @event("CertificateExpired")
    def _expired(self, ref: Meta, expired_on: date, meta: Meta) -> None:
        self.certificates[ref["certificate_no"]]["status"] = "expired"

    # -- revocation ------------------------------------------------------------------

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

    def open_revocation(
        self,
        ground: str,
        reference: str,
        concluded_on: date,
        decide_by: date | None,
        source: str,
        meta: Meta,
    ) -> None:
        cert = self._require_holding()
        if cert["revocation"] is not None:
            raise CommandRejected(
                "already_exists",
                "product_id",
                "Đã có hồ sơ thu hồi đang xử lý.",
                "A revocation case is already open.",
            )
        self._revocation_opened(
            ref=self._ref(cert),
            ground=ground,
            reference=reference,
            concluded_on=concluded_on,
            decide_by=decide_by,
            source=source,
            meta=meta,
        )

    @event("RevocationOpened")
    def _revocation_opened(
        self,
        ref: Meta,
        ground: str,
        reference: str,
        concluded_on: date,
        decide_by: date | None,
        source: str,
        meta: Meta,
    ) -> None:
        self.certificates[ref["certificate_no"]]["revocation"] = {
            "ground": ground,
            "reference": reference,
            "concluded_on": concluded_on,
            "decide_by": decide_by,
            "source": source,
        }

    def revoke(
        self,
        decision_no: str,
        decided_on: date,
        authority: str,
        signer: str,
        legal_basis: str,
        meta: Meta,
    ) -> None:
        cert = self._require_holding()
        case = cert["revocation"]
        if case is None:
            raise CommandRejected(
                "failed_precondition",
                "product_id",
                "Chưa có hồ sơ thu hồi (kết luận kiểm tra) cho sản phẩm này.",
                "No revocation case (inspection conclusion) is open for this product.",
            )
        if decided_on < case["concluded_on"]:
            raise CommandRejected(
                "invalid_argument",
                "decided_on",
                "Ngày quyết định trước ngày kết luận.",
                "The decision date is before the conclusion.",
            )
        overdue = bool(case["decide_by"] and decided_on > case["decide_by"])
        self._revoked(
            ref=self._ref(cert),
            decision_no=decision_no,
            decided_on=decided_on,
            authority=authority,
            signer=signer,
            ground=case["ground"],
            legal_basis=legal_basis,
            overdue=overdue,
            meta=meta,
        )

    @event("Revoked")
    def _revoked(
        self,
        ref: Meta,
        decision_no: str,
        decided_on: date,
        authority: str,
        signer: str,
        ground: str,
        legal_basis: str,
        overdue: bool,
        meta: Meta,
    ) -> None:
        entry = self.certificates[ref["certificate_no"]]
        entry["status"] = "revoked"
        entry["revoked"] = {
            "decision_no": decision_no,
            "decided_on": decided_on,
            "authority": authority,
        }
