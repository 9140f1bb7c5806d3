"""Events published by the evaluation service on `ocop.evaluation.events.v1`.

`ForwardedToProvince` is also published on `ocop.evaluation.province-forwarded.v1`,
the only topic the province's account may read. Member score sheets never leave
evaluation: `Scored` carries the adopted council result only (means, band, outcome
and an explanation without any member's own points).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, TypeAdapter

from contracts.envelope import IntegrationEvent

Outcome = Literal["not_recognised", "recognised", "forwarded", "rejected"]
Score = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
Level = Literal["district", "province", "ministry"]


class Scored(IntegrationEvent):
    """The council adopted its result (mean of the members' totals) for one dossier."""

    event_type: Literal["Scored"] = "Scored"
    dossier_id: UUID
    product_id: UUID
    product_set: int = Field(ge=1, le=26)
    score: Score
    star_band: int = Field(ge=1, le=5)
    outcome: Outcome
    explanation: str = Field(description="Why this outcome, in the rule set's terms")
    awarded_star: int | None = Field(
        default=None, ge=1, le=5, description="Star after minimums (None when rejected)"
    )
    parts: dict[str, Score] = Field(default_factory=dict, description="Mean per part A/B/C")
    level: Level | None = Field(default=None, description="The council that scored")
    members_scoring: int | None = Field(default=None, ge=1, description="Sheets counted")


class Recognized(IntegrationEvent):
    """A recognition decision covers this dossier's product: star and certificate."""

    event_type: Literal["Recognized"] = "Recognized"
    dossier_id: UUID
    product_id: UUID
    star: int = Field(ge=3, le=5)
    decision_no: str
    decided_on: date
    authority: str
    valid_from: date
    valid_to: date
    signer: str = ""
    certificate_no: str = ""
    legal_basis: str = Field(default="", description="Instrument(s) of the rule set applied")


class RecognitionRecorded(Recognized):
    """A recognition decided before this system, recorded from the office's register
    (`ocop import portfolio`): an earlier decision, not one taken here. It is a
    `Recognized` (same fields, so every consumer of recognitions takes it: the
    certificate expires, is re-evaluated, inspected and promoted like any other) with
    where it came from. `dossier_id` names the earlier decision's record (no dossier of
    this system); `rule_set_id` is the rule set that governed it (R0 for 2019-2023)."""

    event_type: Literal["RecognitionRecorded"] = "RecognitionRecorded"  # type: ignore[assignment]
    source_sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the imported file"
    )
    source_line: int = Field(ge=1, description="The row's line in that file")
    score: Score | None = Field(default=None, description="The earlier council's score, if known")


class ForwardedToProvince(IntegrationEvent):
    """The result is above this level's authority: the next level takes the dossier."""

    event_type: Literal["ForwardedToProvince"] = "ForwardedToProvince"
    dossier_id: UUID
    product_id: UUID
    product_name: str
    product_set: int = Field(ge=1, le=26)
    score: Score
    from_level: Literal["district", "province"]
    to_level: Literal["province", "ministry"]
    forwarded_on: date
    awarded_star: int | None = Field(default=None, ge=1, le=5)
    parts: dict[str, Score] = Field(default_factory=dict)
    kind: str = Field(default="first", description="first, upgrade or re_evaluation")
    commune_code: str = ""
    province_code: str = ""
    approved_by: str = Field(default="", description="Who approved the result, where required")
    explanation: str = ""
    next_round: str = Field(default="", description="The next level's round it joins")
    next_round_decided_by: date | None = Field(
        default=None, description="When that round must be decided (rule set or local policy)"
    )


class ReturnedByProvince(IntegrationEvent):
    """The next level sent the dossier back: this level recognises or re-evaluates."""

    event_type: Literal["ReturnedByProvince"] = "ReturnedByProvince"
    dossier_id: UUID
    product_id: UUID
    by_level: Literal["province", "ministry"]
    score: Score
    star_band: int = Field(ge=1, le=5)
    options: list[Literal["recognise", "reevaluate"]]
    returned_on: date
    reason: str = ""


class CertificateExpiryNoticeDue(IntegrationEvent):
    """The issuer's expiry notice is due (R1/R2: 30 days before expiry)."""

    event_type: Literal["CertificateExpiryNoticeDue"] = "CertificateExpiryNoticeDue"
    dossier_id: UUID
    product_id: UUID
    certificate_no: str
    valid_to: date
    notice_by: date


class ReevaluationWindowOpened(IntegrationEvent):
    """The producer may now file for re-evaluation (R3: 180 to 120 days before expiry)."""

    event_type: Literal["ReevaluationWindowOpened"] = "ReevaluationWindowOpened"
    dossier_id: UUID
    product_id: UUID
    certificate_no: str
    opens_on: date
    closes_on: date
    valid_to: date


class CertificateExpired(IntegrationEvent):
    event_type: Literal["CertificateExpired"] = "CertificateExpired"
    dossier_id: UUID
    product_id: UUID
    certificate_no: str
    star: int = Field(ge=3, le=5)
    valid_to: date
    expired_on: date = Field(description="First day the certificate is no longer valid")


class CertificateSuperseded(IntegrationEvent):
    """A re-evaluation or upgrade result replaced the certificate."""

    event_type: Literal["CertificateSuperseded"] = "CertificateSuperseded"
    dossier_id: UUID
    product_id: UUID
    certificate_no: str
    by_certificate_no: str
    superseded_on: date


class RevocationOpened(IntegrationEvent):
    event_type: Literal["RevocationOpened"] = "RevocationOpened"
    dossier_id: UUID
    product_id: UUID
    certificate_no: str
    ground: str = Field(description="Ground code from the rule set (R3 Art. 8.1: a-e)")
    reference: str = Field(description="Inspection or conclusion record")
    concluded_on: date
    decide_by: date | None


class Revoked(IntegrationEvent):
    event_type: Literal["Revoked"] = "Revoked"
    dossier_id: UUID
    product_id: UUID
    certificate_no: str
    decision_no: str
    decided_on: date
    authority: str
    ground: str
    legal_basis: str = ""
    overdue: bool = False


# The events that end a certificate, for the services that keep their own list of
# certified products (inspection, promotion, reporting).
CERTIFICATE_ENDINGS = (CertificateExpired, CertificateSuperseded, Revoked)
CertificateEnding = CertificateExpired | CertificateSuperseded | Revoked


def certificate_end(event: CertificateEnding) -> tuple[str, str, date]:
    """(certificate_no, reason, on) of an event that ends a certificate: "expired" on its
    first day out of validity, "superseded" on the day the newer one took its place,
    "revoked" on the revocation decision's date."""
    if isinstance(event, CertificateExpired):
        return event.certificate_no, "expired", event.expired_on
    if isinstance(event, CertificateSuperseded):
        return event.certificate_no, "superseded", event.superseded_on
    return event.certificate_no, "revoked", event.decided_on


EvaluationEvent = Annotated[
    Scored
    | Recognized
    | RecognitionRecorded
    | ForwardedToProvince
    | ReturnedByProvince
    | CertificateExpiryNoticeDue
    | ReevaluationWindowOpened
    | CertificateExpired
    | CertificateSuperseded
    | RevocationOpened
    | Revoked,
    Field(discriminator="event_type"),
]
EVALUATION_EVENTS: TypeAdapter[EvaluationEvent] = TypeAdapter(EvaluationEvent)

# The province's topic carries only forwarded products: its account may read nothing else.
PROVINCE_FORWARDED_EVENTS: TypeAdapter[ForwardedToProvince] = TypeAdapter(ForwardedToProvince)
