"""What a recognition decision and a certificate state, gathered from this service's own
aggregates for their printed form (`adapters/documents/`): the decision's number, date,
signer, authority and legal instruments; per product its name, set, commune, score,
star, certificate number, expiry and re-evaluation window.

Only a decision issued here (`RecognitionDecision`) is printed: a recognition recorded from
the next level's answer or imported from an earlier register has its original at the
issuing body. A revoked certificate is never printed again (R3 Art. 8: it can never come
back; a fresh copy would circulate as if it were valid); its decision still prints, since
the decision stays on record, with the revocation of each product stated beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from rules import Tier, load_rule_set
from rules.i18n import TIER_AUTHORITY
from rules.model import Instrument
from runtime.errors import CommandRejected, not_found
from services.evaluation.application.core import EvaluationCore
from services.evaluation.domain.decisions import RecognitionDecision
from services.evaluation.domain.model import Evaluation


@dataclass(frozen=True)
class DecisionLine:
    """One product of a decision, with its certificate as it stands now."""

    position: int
    product_id: str
    product_code: str
    product_name: str
    producer_name: str
    product_set: int
    set_name: str
    commune_code: str
    province_code: str
    district_code: str
    legacy_province_code: str
    score: Decimal | None
    star: int
    certificate_no: str
    valid_to: date
    window_opens: date | None
    window_closes: date | None
    status: str
    revoked: dict[str, Any] | None


@dataclass(frozen=True)
class DecisionFacts:
    """A recognition decision: `tier` is the signing authority's (`rules.Tier` value) and
    `jurisdiction` its unit code (2 digits a province, 3 a pre-2025 district, VN)."""

    decision_no: str
    decided_on: date
    signer: str
    tier: str
    jurisdiction: str
    instruments: tuple[Instrument, ...]
    lines: tuple[DecisionLine, ...]


@dataclass(frozen=True)
class CertificateFacts:
    decision: DecisionFacts
    line: DecisionLine


class DocumentQueries:
    """`app.documents`: the facts of a decision or certificate to print."""

    def __init__(self, core: EvaluationCore) -> None:
        self.core = core

    def decision_of(self, dossier_id: UUID) -> DecisionFacts:
        """The decision that recognised `dossier_id`. Refuses (`not_found`, dossier_id) a
        dossier not recognised, or recognised by a decision not issued here."""
        evaluation = self.core.get_evaluation(dossier_id)
        decision = self._decision(evaluation)
        rule_sets = [load_rule_set(r) for r in decision.rule_set_ids]
        instruments = {i.number: i for r in rule_sets for i in r.instruments if i.role != "base"}
        lines = tuple(self._line(n, item) for n, item in enumerate(decision.items, start=1))
        return DecisionFacts(
            decision_no=decision.decision_no,
            decided_on=decision.decided_on,
            signer=decision.signer,
            tier=decision.authority,
            jurisdiction=decision.jurisdiction,
            instruments=tuple(instruments.values()),
            lines=lines,
        )

    def certificate_of(self, product_id: UUID, number: str = "") -> CertificateFacts:
        """The product's certificate `number` (default: its current one). Refuses a revoked
        certificate (`failed_precondition`, certificate_no) and one whose decision was not
        issued here (`not_found`)."""
        certification = self.core.get_certification(product_id)
        cert = certification.cert(number or None)
        if cert is None:
            raise not_found(
                "certificate_no",
                f"Sản phẩm không có giấy chứng nhận số {number}.",
                f"The product has no certificate numbered {number}.",
            )
        if cert["status"] == "revoked":
            raise _revoked(cert)
        facts = self.decision_of(UUID(cert["dossier_id"]))
        line = next(x for x in facts.lines if x.certificate_no == cert["number"])
        return CertificateFacts(decision=facts, line=line)

    def _decision(self, evaluation: Evaluation) -> RecognitionDecision:
        tier = _tier_of(evaluation.authority) if evaluation.status == "recognised" else None
        found = None
        if tier is not None:
            jurisdiction = evaluation.authority.removeprefix(TIER_AUTHORITY[tier]["vi"]).strip()
            decision_id = RecognitionDecision.id_for(
                tier.value, jurisdiction, evaluation.decision_no, evaluation.decided_on.year
            )
            found = self.core.find(decision_id, RecognitionDecision)
        if found is None:
            raise not_found(
                "dossier_id",
                f"Hồ sơ {evaluation.dossier_id} chưa được công nhận bằng quyết định ban hành "
                "trên hệ thống này (quyết định của cấp trên hoặc nhập từ sổ cũ: bản gốc ở "
                "cơ quan ban hành).",
                f"Dossier {evaluation.dossier_id} was not recognised by a decision issued in "
                "this system (the next level's or an imported one: the original is with its "
                "issuer).",
            )
        return found

    def _line(self, position: int, item: dict[str, Any]) -> DecisionLine:
        evaluation = self.core.get_evaluation(UUID(item["dossier_id"]))
        certification = self.core.get_certification(UUID(item["product_id"]))
        cert = certification.cert(item["certificate_no"]) or {}
        info = self.core.rule_set_of(evaluation).product_set(evaluation.product_set)
        return DecisionLine(
            position=position,
            product_id=item["product_id"],
            product_code=evaluation.product_code,
            producer_name=evaluation.producer_name,
            product_name=evaluation.product_name,
            product_set=evaluation.product_set,
            set_name=info.name.vi if info else "",
            commune_code=evaluation.commune_code,
            province_code=evaluation.jurisdiction,
            district_code=evaluation.path.district,
            legacy_province_code=evaluation.path.legacy_province,
            score=evaluation.score,
            star=item["star"],
            certificate_no=item["certificate_no"],
            valid_to=cert.get("valid_to") or evaluation.decided_on,
            window_opens=cert.get("window_opens"),
            window_closes=cert.get("window_closes"),
            status=cert.get("status", ""),
            revoked=cert.get("revoked"),
        )


def _tier_of(authority: str) -> Tier | None:
    """The tier whose Vietnamese name begins a recorded authority ("UBND cấp tỉnh 51")."""
    for tier, names in TIER_AUTHORITY.items():
        if authority.startswith(names["vi"]):
            return tier
    return None


def _revoked(cert: dict[str, Any]) -> CommandRejected:
    revoked = cert.get("revoked") or {}
    number, on = revoked.get("decision_no", ""), revoked.get("decided_on")
    day = f"{on:%d/%m/%Y}" if on else ""
    return CommandRejected(
        "failed_precondition",
        "certificate_no",
        f"Giấy chứng nhận {cert['number']} đã bị thu hồi theo Quyết định số {number} ngày "
        f"{day}: không cấp lại bản in.",
        f"Certificate {cert['number']} was revoked by decision {number} of {day}: it is not "
        "printed again.",
    )
