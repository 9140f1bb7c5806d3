from collections.abc import Iterable as _Iterable
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar
from typing import Optional as _Optional
from typing import Union as _Union

from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from google.protobuf.internal import containers as _containers

from contracts.rpc import common_pb2 as _common_pb2

DESCRIPTOR: _descriptor.FileDescriptor

class OpenRoundRequest(_message.Message):
    __slots__ = ("actor", "level", "jurisdiction", "on", "period")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    level: str
    jurisdiction: str
    on: str
    period: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., level: _Optional[str] = ..., jurisdiction: _Optional[str] = ..., on: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class AppointMemberRequest(_message.Message):
    __slots__ = ("actor", "round_id", "member_id", "name", "role")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    round_id: str
    member_id: str
    name: str
    role: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., round_id: _Optional[str] = ..., member_id: _Optional[str] = ..., name: _Optional[str] = ..., role: _Optional[str] = ...) -> None: ...

class GetRoundRequest(_message.Message):
    __slots__ = ("round_id",)
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    def __init__(self, round_id: _Optional[str] = ...) -> None: ...

class Member(_message.Message):
    __slots__ = ("member_id", "name", "role")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    name: str
    role: str
    def __init__(self, member_id: _Optional[str] = ..., name: _Optional[str] = ..., role: _Optional[str] = ...) -> None: ...

class RoundView(_message.Message):
    __slots__ = ("round_id", "level", "jurisdiction", "name", "forwarded_by", "decided_by", "source", "status", "members", "dossier_ids")
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    FORWARDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_IDS_FIELD_NUMBER: _ClassVar[int]
    round_id: str
    level: str
    jurisdiction: str
    name: str
    forwarded_by: str
    decided_by: str
    source: str
    status: str
    members: _containers.RepeatedCompositeFieldContainer[Member]
    dossier_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, round_id: _Optional[str] = ..., level: _Optional[str] = ..., jurisdiction: _Optional[str] = ..., name: _Optional[str] = ..., forwarded_by: _Optional[str] = ..., decided_by: _Optional[str] = ..., source: _Optional[str] = ..., status: _Optional[str] = ..., members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., dossier_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class DeclareConflictRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "member_id", "reason")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    member_id: str
    reason: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., member_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RecordAdvisoryRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "kind", "on", "summary")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    kind: str
    on: str
    summary: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., kind: _Optional[str] = ..., on: _Optional[str] = ..., summary: _Optional[str] = ...) -> None: ...

class SubmitSheetRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "choices", "knockouts", "scored_on")
    class ChoicesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    CHOICES_FIELD_NUMBER: _ClassVar[int]
    KNOCKOUTS_FIELD_NUMBER: _ClassVar[int]
    SCORED_ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    choices: _containers.ScalarMap[str, str]
    knockouts: _containers.RepeatedScalarFieldContainer[str]
    scored_on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., choices: _Optional[_Mapping[str, str]] = ..., knockouts: _Optional[_Iterable[str]] = ..., scored_on: _Optional[str] = ...) -> None: ...

class SubmitSheetReply(_message.Message):
    __slots__ = ("dossier_id", "member_id", "total", "submitted")
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    member_id: str
    total: str
    submitted: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, dossier_id: _Optional[str] = ..., member_id: _Optional[str] = ..., total: _Optional[str] = ..., submitted: _Optional[_Iterable[str]] = ...) -> None: ...

class GetSheetsRequest(_message.Message):
    __slots__ = ("actor", "dossier_id")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ...) -> None: ...

class SheetTotal(_message.Message):
    __slots__ = ("member_id", "total", "part_a", "part_b", "part_c")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    PART_A_FIELD_NUMBER: _ClassVar[int]
    PART_B_FIELD_NUMBER: _ClassVar[int]
    PART_C_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    total: str
    part_a: str
    part_b: str
    part_c: str
    def __init__(self, member_id: _Optional[str] = ..., total: _Optional[str] = ..., part_a: _Optional[str] = ..., part_b: _Optional[str] = ..., part_c: _Optional[str] = ...) -> None: ...

class SheetsView(_message.Message):
    __slots__ = ("submitted", "conflicted", "mode", "sheets", "mean", "spread")
    SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    CONFLICTED_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    SHEETS_FIELD_NUMBER: _ClassVar[int]
    MEAN_FIELD_NUMBER: _ClassVar[int]
    SPREAD_FIELD_NUMBER: _ClassVar[int]
    submitted: _containers.RepeatedScalarFieldContainer[str]
    conflicted: _containers.RepeatedScalarFieldContainer[str]
    mode: str
    sheets: _containers.RepeatedCompositeFieldContainer[SheetTotal]
    mean: str
    spread: str
    def __init__(self, submitted: _Optional[_Iterable[str]] = ..., conflicted: _Optional[_Iterable[str]] = ..., mode: _Optional[str] = ..., sheets: _Optional[_Iterable[_Union[SheetTotal, _Mapping]]] = ..., mean: _Optional[str] = ..., spread: _Optional[str] = ...) -> None: ...

class RequestRescoreRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "members", "reason")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    members: _containers.RepeatedScalarFieldContainer[str]
    reason: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., members: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ...) -> None: ...

class ConveneMeetingRequest(_message.Message):
    __slots__ = ("actor", "dossier_id")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ...) -> None: ...

class AdoptResultRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "adopted_on", "knockouts")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_ON_FIELD_NUMBER: _ClassVar[int]
    KNOCKOUTS_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    adopted_on: str
    knockouts: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., adopted_on: _Optional[str] = ..., knockouts: _Optional[_Iterable[str]] = ...) -> None: ...

class ApproveAndForwardRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., on: _Optional[str] = ...) -> None: ...

class RecordHigherLevelResultRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "result", "score", "star", "decision_no", "decided_on", "signer", "reason")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    SIGNER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    result: str
    score: str
    star: int
    decision_no: str
    decided_on: str
    signer: str
    reason: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., result: _Optional[str] = ..., score: _Optional[str] = ..., star: _Optional[int] = ..., decision_no: _Optional[str] = ..., decided_on: _Optional[str] = ..., signer: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ReevaluateRequest(_message.Message):
    __slots__ = ("actor", "dossier_id")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ...) -> None: ...

class IssueDecisionRequest(_message.Message):
    __slots__ = ("actor", "decision_no", "decided_on", "signer", "dossier_ids")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    SIGNER_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_IDS_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    decision_no: str
    decided_on: str
    signer: str
    dossier_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., decision_no: _Optional[str] = ..., decided_on: _Optional[str] = ..., signer: _Optional[str] = ..., dossier_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class DecisionItem(_message.Message):
    __slots__ = ("dossier_id", "product_id", "star", "certificate_no")
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    product_id: str
    star: int
    certificate_no: str
    def __init__(self, dossier_id: _Optional[str] = ..., product_id: _Optional[str] = ..., star: _Optional[int] = ..., certificate_no: _Optional[str] = ...) -> None: ...

class DecisionView(_message.Message):
    __slots__ = ("decision_no", "decided_on", "signer", "authority", "legal_basis", "items")
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    SIGNER_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    decision_no: str
    decided_on: str
    signer: str
    authority: str
    legal_basis: str
    items: _containers.RepeatedCompositeFieldContainer[DecisionItem]
    def __init__(self, decision_no: _Optional[str] = ..., decided_on: _Optional[str] = ..., signer: _Optional[str] = ..., authority: _Optional[str] = ..., legal_basis: _Optional[str] = ..., items: _Optional[_Iterable[_Union[DecisionItem, _Mapping]]] = ...) -> None: ...

class GetCertificatesRequest(_message.Message):
    __slots__ = ("product_id",)
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    def __init__(self, product_id: _Optional[str] = ...) -> None: ...

class GetDecisionDocumentRequest(_message.Message):
    __slots__ = ("dossier_id",)
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    def __init__(self, dossier_id: _Optional[str] = ...) -> None: ...

class GetCertificateDocumentRequest(_message.Message):
    __slots__ = ("product_id", "certificate_no")
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    certificate_no: str
    def __init__(self, product_id: _Optional[str] = ..., certificate_no: _Optional[str] = ...) -> None: ...

class Document(_message.Message):
    __slots__ = ("file_name", "media_type", "content")
    FILE_NAME_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    file_name: str
    media_type: str
    content: bytes
    def __init__(self, file_name: _Optional[str] = ..., media_type: _Optional[str] = ..., content: _Optional[bytes] = ...) -> None: ...

class Certificate(_message.Message):
    __slots__ = ("certificate_no", "dossier_id", "decision_no", "star", "issuer", "rule_set_id", "issued_on", "valid_to", "status", "notice_by", "window_opens", "window_closes", "grace_until", "revocation", "reevaluation")
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_ID_FIELD_NUMBER: _ClassVar[int]
    ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NOTICE_BY_FIELD_NUMBER: _ClassVar[int]
    WINDOW_OPENS_FIELD_NUMBER: _ClassVar[int]
    WINDOW_CLOSES_FIELD_NUMBER: _ClassVar[int]
    GRACE_UNTIL_FIELD_NUMBER: _ClassVar[int]
    REVOCATION_FIELD_NUMBER: _ClassVar[int]
    REEVALUATION_FIELD_NUMBER: _ClassVar[int]
    certificate_no: str
    dossier_id: str
    decision_no: str
    star: int
    issuer: str
    rule_set_id: str
    issued_on: str
    valid_to: str
    status: str
    notice_by: str
    window_opens: str
    window_closes: str
    grace_until: str
    revocation: str
    reevaluation: str
    def __init__(self, certificate_no: _Optional[str] = ..., dossier_id: _Optional[str] = ..., decision_no: _Optional[str] = ..., star: _Optional[int] = ..., issuer: _Optional[str] = ..., rule_set_id: _Optional[str] = ..., issued_on: _Optional[str] = ..., valid_to: _Optional[str] = ..., status: _Optional[str] = ..., notice_by: _Optional[str] = ..., window_opens: _Optional[str] = ..., window_closes: _Optional[str] = ..., grace_until: _Optional[str] = ..., revocation: _Optional[str] = ..., reevaluation: _Optional[str] = ...) -> None: ...

class CertificatesView(_message.Message):
    __slots__ = ("product_id", "current", "certificates")
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATES_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    current: str
    certificates: _containers.RepeatedCompositeFieldContainer[Certificate]
    def __init__(self, product_id: _Optional[str] = ..., current: _Optional[str] = ..., certificates: _Optional[_Iterable[_Union[Certificate, _Mapping]]] = ...) -> None: ...

class OpenRevocationRequest(_message.Message):
    __slots__ = ("actor", "product_id", "ground", "reference", "concluded_on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    GROUND_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    CONCLUDED_ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    product_id: str
    ground: str
    reference: str
    concluded_on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., product_id: _Optional[str] = ..., ground: _Optional[str] = ..., reference: _Optional[str] = ..., concluded_on: _Optional[str] = ...) -> None: ...

class DecideRevocationRequest(_message.Message):
    __slots__ = ("actor", "product_id", "decision_no", "decided_on", "signer")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    SIGNER_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    product_id: str
    decision_no: str
    decided_on: str
    signer: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., product_id: _Optional[str] = ..., decision_no: _Optional[str] = ..., decided_on: _Optional[str] = ..., signer: _Optional[str] = ...) -> None: ...

class GetEvaluationRequest(_message.Message):
    __slots__ = ("dossier_id",)
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    def __init__(self, dossier_id: _Optional[str] = ...) -> None: ...

class EvaluationView(_message.Message):
    __slots__ = ("dossier_id", "product_id", "product_name", "product_set", "status", "score", "star", "outcome", "decision_no", "rule_set_id", "explanation", "round_id", "level", "mode", "forwarded_to", "certificate_no", "returned_options", "kind", "higher", "advisory")
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SET_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_ID_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    ROUND_ID_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    FORWARDED_TO_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    RETURNED_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    HIGHER_FIELD_NUMBER: _ClassVar[int]
    ADVISORY_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    product_id: str
    product_name: str
    product_set: int
    status: str
    score: str
    star: int
    outcome: str
    decision_no: str
    rule_set_id: str
    explanation: str
    round_id: str
    level: str
    mode: str
    forwarded_to: str
    certificate_no: str
    returned_options: _containers.RepeatedScalarFieldContainer[str]
    kind: str
    higher: HigherAnswer
    advisory: _containers.RepeatedCompositeFieldContainer[AdvisoryRecord]
    def __init__(self, dossier_id: _Optional[str] = ..., product_id: _Optional[str] = ..., product_name: _Optional[str] = ..., product_set: _Optional[int] = ..., status: _Optional[str] = ..., score: _Optional[str] = ..., star: _Optional[int] = ..., outcome: _Optional[str] = ..., decision_no: _Optional[str] = ..., rule_set_id: _Optional[str] = ..., explanation: _Optional[str] = ..., round_id: _Optional[str] = ..., level: _Optional[str] = ..., mode: _Optional[str] = ..., forwarded_to: _Optional[str] = ..., certificate_no: _Optional[str] = ..., returned_options: _Optional[_Iterable[str]] = ..., kind: _Optional[str] = ..., higher: _Optional[_Union[HigherAnswer, _Mapping]] = ..., advisory: _Optional[_Iterable[_Union[AdvisoryRecord, _Mapping]]] = ...) -> None: ...

class AdvisoryRecord(_message.Message):
    __slots__ = ("kind", "on", "summary")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    kind: str
    on: str
    summary: str
    def __init__(self, kind: _Optional[str] = ..., on: _Optional[str] = ..., summary: _Optional[str] = ...) -> None: ...

class HigherAnswer(_message.Message):
    __slots__ = ("level", "result", "score", "star", "reason", "answered_by", "answered_on")
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_BY_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_ON_FIELD_NUMBER: _ClassVar[int]
    level: str
    result: str
    score: str
    star: int
    reason: str
    answered_by: str
    answered_on: str
    def __init__(self, level: _Optional[str] = ..., result: _Optional[str] = ..., score: _Optional[str] = ..., star: _Optional[int] = ..., reason: _Optional[str] = ..., answered_by: _Optional[str] = ..., answered_on: _Optional[str] = ...) -> None: ...

class EarlierRecognition(_message.Message):
    __slots__ = ("line", "product_id", "product_name", "star", "score", "decision_no", "decided_on", "authority", "certificate_no", "valid_to", "commune", "province", "district", "legacy_commune", "legacy_province")
    LINE_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    LEGACY_COMMUNE_FIELD_NUMBER: _ClassVar[int]
    LEGACY_PROVINCE_FIELD_NUMBER: _ClassVar[int]
    line: int
    product_id: str
    product_name: str
    star: int
    score: str
    decision_no: str
    decided_on: str
    authority: str
    certificate_no: str
    valid_to: str
    commune: str
    province: str
    district: str
    legacy_commune: str
    legacy_province: str
    def __init__(self, line: _Optional[int] = ..., product_id: _Optional[str] = ..., product_name: _Optional[str] = ..., star: _Optional[int] = ..., score: _Optional[str] = ..., decision_no: _Optional[str] = ..., decided_on: _Optional[str] = ..., authority: _Optional[str] = ..., certificate_no: _Optional[str] = ..., valid_to: _Optional[str] = ..., commune: _Optional[str] = ..., province: _Optional[str] = ..., district: _Optional[str] = ..., legacy_commune: _Optional[str] = ..., legacy_province: _Optional[str] = ...) -> None: ...

class RecordEarlierRecognitionsRequest(_message.Message):
    __slots__ = ("actor", "rows", "dry_run", "valid_rows_only", "source_sha256", "source_name")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    VALID_ROWS_ONLY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_SHA256_FIELD_NUMBER: _ClassVar[int]
    SOURCE_NAME_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    rows: _containers.RepeatedCompositeFieldContainer[EarlierRecognition]
    dry_run: bool
    valid_rows_only: bool
    source_sha256: str
    source_name: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., rows: _Optional[_Iterable[_Union[EarlierRecognition, _Mapping]]] = ..., dry_run: _Optional[bool] = ..., valid_rows_only: _Optional[bool] = ..., source_sha256: _Optional[str] = ..., source_name: _Optional[str] = ...) -> None: ...

class RecordEarlierRecognitionsReply(_message.Message):
    __slots__ = ("recorded", "unchanged", "problems")
    RECORDED_FIELD_NUMBER: _ClassVar[int]
    UNCHANGED_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    recorded: int
    unchanged: int
    problems: _containers.RepeatedCompositeFieldContainer[_common_pb2.RowProblem]
    def __init__(self, recorded: _Optional[int] = ..., unchanged: _Optional[int] = ..., problems: _Optional[_Iterable[_Union[_common_pb2.RowProblem, _Mapping]]] = ...) -> None: ...
