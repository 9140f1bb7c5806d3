"""The audit trail: which records a published event is about, and how it reads to a person.

Every event reporting consumes is kept whole in its journal (`projections/journal.py`)
with the subjects it concerns, so that an auditor can ask for everything that happened
to a product, a dossier, a decision or a certificate, across services, in time order,
with who did it (the envelope's actor: id, role, jurisdiction), the rule set and legal
basis it was decided under, and the correlation / causation ids that tie a command to
what followed (contracts/envelope.py). Pure code: no store, no transport.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, Literal

SubjectKind = Literal["product", "dossier", "decision", "certificate", "idea", "producer"]
SUBJECT_KINDS: Final[tuple[str, ...]] = (
    "product",
    "dossier",
    "decision",
    "certificate",
    "idea",
    "producer",
)
TRAIL_KINDS: Final[tuple[str, ...]] = ("product", "dossier", "decision", "certificate")
"""What `ocop audit <kind> ID` and the gRPC `GetTrail` accept."""

Subject = tuple[str, str]

# Events whose aggregate is the subject itself (the id is the aggregate id).
_AGGREGATE_KIND: Final[dict[str, str]] = {
    "ProductRegistered": "product",
    "ProductCodeAssigned": "product",
    "ProducerRegistered": "producer",
    "IdeaRegistered": "idea",
    "IdeaAccepted": "idea",
    "IdeaReturned": "idea",
    "IdeaResubmitted": "idea",
    "BusinessPlanSubmitted": "idea",
    "BusinessPlanApproved": "idea",
    "BusinessPlanReturned": "idea",
    "DossierSubmitted": "dossier",
    "DossierReturned": "dossier",
    "DossierResubmitted": "dossier",
    "CommuneAssessed": "dossier",
}
# Payload fields that name a subject.
_FIELD_KIND: Final[tuple[tuple[str, str], ...]] = (
    ("product_id", "product"),
    ("dossier_id", "dossier"),
    ("decision_no", "decision"),
    ("certificate_no", "certificate"),
    ("by_certificate_no", "certificate"),
    ("idea_id", "idea"),
    ("producer_id", "producer"),
)
# What a trail of each kind follows beyond the events naming its subject: a product's
# trail takes in its idea's, dossiers' and certificates' events; a decision's or a
# certificate's takes in the events of the dossiers they came from.
EXPANDS: Final[dict[str, tuple[str, ...]]] = {
    "product": ("dossier", "idea", "certificate"),
    "dossier": ("certificate",),
    "decision": ("dossier",),
    "certificate": ("dossier",),
}


def subjects(payload: dict[str, Any]) -> list[Subject]:
    """The (kind, key) pairs an event (its published JSON, as a dict) is about.

    The aggregate itself for registration's aggregates, and every payload field that
    names a product, dossier, decision number, certificate number, idea or producer;
    empty values are skipped. Decision and certificate numbers are kept as published
    (their canonical form, e.g. "125/QĐ-UBND")."""
    found: dict[Subject, None] = {}
    kind = _AGGREGATE_KIND.get(str(payload.get("event_type", "")))
    if kind is not None:
        found[(kind, str(payload["aggregate_id"]))] = None
    for name, field_kind in _FIELD_KIND:
        value = payload.get(name)
        if value not in (None, ""):
            found[(field_kind, str(value))] = None
    return list(found)


def expansion(kind: str, found: Iterable[Subject]) -> set[Subject]:
    """The further subjects a trail of `kind` follows, among those its events name."""
    follow = EXPANDS.get(kind, ())
    return {s for s in found if s[0] in follow}


# -- how an event reads -----------------------------------------------------------------

_LABELS: Final[dict[str, tuple[str, str]]] = {
    "ProducerRegistered": ("Đăng ký chủ thể", "Producer registered"),
    "ProductRegistered": ("Đăng ký sản phẩm", "Product registered"),
    "ProductCodeAssigned": ("Cấp mã số sản phẩm", "Product code assigned"),
    "IdeaRegistered": ("Đăng ký ý tưởng sản phẩm", "Product idea registered"),
    "IdeaAccepted": ("Chấp nhận ý tưởng", "Idea accepted"),
    "IdeaReturned": ("Trả lại ý tưởng", "Idea returned"),
    "IdeaResubmitted": ("Nộp lại ý tưởng", "Idea resubmitted"),
    "BusinessPlanSubmitted": ("Nộp phương án SXKD", "Business plan submitted"),
    "BusinessPlanApproved": ("Duyệt phương án SXKD", "Business plan approved"),
    "BusinessPlanReturned": ("Trả lại phương án SXKD", "Business plan returned"),
    "DossierSubmitted": ("Nộp hồ sơ", "Dossier submitted"),
    "DossierReturned": ("Trả lại hồ sơ", "Dossier returned"),
    "DossierResubmitted": ("Nộp lại hồ sơ", "Dossier resubmitted"),
    "CommuneAssessed": ("Xã đánh giá (Mẫu 03)", "Assessed by the commune (form 03)"),
    "Scored": ("Hội đồng chấm điểm", "Scored by the council"),
    "Recognized": ("Quyết định công nhận", "Recognition decision"),
    "ForwardedToProvince": ("Chuyển cấp trên", "Forwarded to the next level"),
    "ReturnedByProvince": ("Cấp trên trả lại", "Returned by the next level"),
    "CertificateExpiryNoticeDue": ("Đến hạn thông báo hết hạn", "Expiry notice due"),
    "ReevaluationWindowOpened": ("Mở thời hạn đánh giá lại", "Re-evaluation window opened"),
    "CertificateExpired": ("Giấy chứng nhận hết hiệu lực", "Certificate expired"),
    "CertificateSuperseded": ("Giấy chứng nhận được thay thế", "Certificate superseded"),
    "RevocationOpened": ("Mở hồ sơ thu hồi", "Revocation opened"),
    "Revoked": ("Quyết định thu hồi", "Revocation decision"),
    "HigherLevelRecognized": ("Cấp trên công nhận", "Recognised by the next level"),
    "ReturnedToLowerLevel": ("Cấp trên trả về", "Returned to the lower level"),
    "InspectionPlanned": ("Lập kế hoạch kiểm tra", "Inspection plan"),
    "InspectionScheduled": ("Lên lịch kiểm tra", "Inspection scheduled"),
    "InspectionPassed": ("Kiểm tra đạt", "Inspection passed"),
    "RemediationRequired": ("Yêu cầu khắc phục", "Remediation required"),
    "RemediationCompleted": ("Đã khắc phục", "Remediation completed"),
    "RemediationOverdue": ("Quá hạn khắc phục", "Remediation overdue"),
    "InspectionFailed": ("Kiểm tra không đạt", "Inspection failed"),
    "FairParticipationRecorded": ("Tham gia hội chợ", "Fair participation"),
    "ProductDisplayed": ("Trưng bày sản phẩm", "Product displayed"),
    "ProductWithdrawn": ("Rút sản phẩm khỏi điểm bán", "Product withdrawn"),
}
# Payload fields worth a line in the summary, in this order, with their labels.
_DETAILS: Final[tuple[tuple[str, str, str], ...]] = (
    ("name", "tên", "name"),
    ("product_name", "tên", "name"),
    ("code", "mã số", "code"),
    ("kind", "loại", "kind"),
    ("report_no", "báo cáo", "report"),
    ("score", "điểm", "score"),
    ("outcome", "kết quả", "outcome"),
    ("awarded_star", "sao", "stars"),
    ("star", "sao", "stars"),
    ("from_level", "từ cấp", "from"),
    ("to_level", "đến cấp", "to"),
    ("by_level", "cấp", "by"),
    ("certificate_no", "GCN", "certificate"),
    ("valid_to", "hiệu lực đến", "valid to"),
    ("authority", "cơ quan", "authority"),
    ("signer", "người ký", "signer"),
    ("ground", "căn cứ thu hồi", "ground"),
    ("reference", "biên bản", "record"),
    ("conclusion_no", "kết luận", "conclusion"),
    ("reason", "lý do", "reason"),
)


def label(event_type: str, lang: str = "vi") -> str:
    """The event's name for a person (the type itself when it has none yet)."""
    names = _LABELS.get(event_type)
    return names[1 if lang == "en" else 0] if names else event_type


def summary(payload: dict[str, Any], lang: str = "vi") -> str:
    """What happened, in one line: the event's name and its telling fields."""
    index = 1 if lang == "en" else 0
    parts = [label(str(payload.get("event_type", "")), lang)]
    for name, vi, en in _DETAILS:
        value = payload.get(name)
        if value in (None, "", [], {}):
            continue
        parts.append(f"{(vi, en)[index]} {_shown(value, index)}")
    return "; ".join(parts)


def _shown(value: Any, index: int) -> str:
    text = str(value)
    if index == 0 and len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text
