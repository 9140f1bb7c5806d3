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

class RegisterProducerRequest(_message.Message):
    __slots__ = ("actor", "name", "kind", "is_sme", "business_registration_no", "commune_code", "legal_representative", "legal_rep_gender", "legal_rep_ethnicity", "legal_rep_disability", "address", "legacy_commune_code", "account")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    IS_SME_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_REGISTRATION_NO_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REPRESENTATIVE_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REP_GENDER_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REP_ETHNICITY_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REP_DISABILITY_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    LEGACY_COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    name: str
    kind: str
    is_sme: bool
    business_registration_no: str
    commune_code: str
    legal_representative: str
    legal_rep_gender: str
    legal_rep_ethnicity: str
    legal_rep_disability: bool
    address: str
    legacy_commune_code: str
    account: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., is_sme: _Optional[bool] = ..., business_registration_no: _Optional[str] = ..., commune_code: _Optional[str] = ..., legal_representative: _Optional[str] = ..., legal_rep_gender: _Optional[str] = ..., legal_rep_ethnicity: _Optional[str] = ..., legal_rep_disability: _Optional[bool] = ..., address: _Optional[str] = ..., legacy_commune_code: _Optional[str] = ..., account: _Optional[str] = ...) -> None: ...

class RegisterProducerReply(_message.Message):
    __slots__ = ("producer_id",)
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    producer_id: str
    def __init__(self, producer_id: _Optional[str] = ...) -> None: ...

class RegisterIdeaRequest(_message.Message):
    __slots__ = ("actor", "producer_id", "name", "product_set", "description", "submitted_on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SET_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    producer_id: str
    name: str
    product_set: int
    description: str
    submitted_on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., producer_id: _Optional[str] = ..., name: _Optional[str] = ..., product_set: _Optional[int] = ..., description: _Optional[str] = ..., submitted_on: _Optional[str] = ...) -> None: ...

class AdvanceIdeaRequest(_message.Message):
    __slots__ = ("actor", "idea_id", "action", "on", "reason", "text")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    IDEA_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    idea_id: str
    action: str
    on: str
    reason: str
    text: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., idea_id: _Optional[str] = ..., action: _Optional[str] = ..., on: _Optional[str] = ..., reason: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class IdeaView(_message.Message):
    __slots__ = ("idea_id", "producer_id", "name", "product_set", "status", "reason", "product_id")
    IDEA_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SET_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    idea_id: str
    producer_id: str
    name: str
    product_set: int
    status: str
    reason: str
    product_id: str
    def __init__(self, idea_id: _Optional[str] = ..., producer_id: _Optional[str] = ..., name: _Optional[str] = ..., product_set: _Optional[int] = ..., status: _Optional[str] = ..., reason: _Optional[str] = ..., product_id: _Optional[str] = ...) -> None: ...

class ListIdeasRequest(_message.Message):
    __slots__ = ("producer_id", "query", "page_size", "page_token")
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    producer_id: str
    query: str
    page_size: int
    page_token: str
    def __init__(self, producer_id: _Optional[str] = ..., query: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class IdeaList(_message.Message):
    __slots__ = ("ideas", "next_page_token", "total")
    IDEAS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    ideas: _containers.RepeatedCompositeFieldContainer[IdeaView]
    next_page_token: str
    total: int
    def __init__(self, ideas: _Optional[_Iterable[_Union[IdeaView, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...

class RegisterProductRequest(_message.Message):
    __slots__ = ("actor", "producer_id", "name", "product_set", "idea_id", "legacy_code")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SET_FIELD_NUMBER: _ClassVar[int]
    IDEA_ID_FIELD_NUMBER: _ClassVar[int]
    LEGACY_CODE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    producer_id: str
    name: str
    product_set: int
    idea_id: str
    legacy_code: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., producer_id: _Optional[str] = ..., name: _Optional[str] = ..., product_set: _Optional[int] = ..., idea_id: _Optional[str] = ..., legacy_code: _Optional[str] = ...) -> None: ...

class RegisterProductReply(_message.Message):
    __slots__ = ("product_id",)
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    def __init__(self, product_id: _Optional[str] = ...) -> None: ...

class SubmitDossierRequest(_message.Message):
    __slots__ = ("actor", "product_id", "kind", "received_on", "contact_phone", "contact_email", "changes_summary", "declared_samples")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    CONTACT_PHONE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    CHANGES_SUMMARY_FIELD_NUMBER: _ClassVar[int]
    DECLARED_SAMPLES_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    product_id: str
    kind: str
    received_on: str
    contact_phone: str
    contact_email: str
    changes_summary: str
    declared_samples: int
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., product_id: _Optional[str] = ..., kind: _Optional[str] = ..., received_on: _Optional[str] = ..., contact_phone: _Optional[str] = ..., contact_email: _Optional[str] = ..., changes_summary: _Optional[str] = ..., declared_samples: _Optional[int] = ...) -> None: ...

class SubmitDossierReply(_message.Message):
    __slots__ = ("dossier_id",)
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    def __init__(self, dossier_id: _Optional[str] = ...) -> None: ...

class SelfScore(_message.Message):
    __slots__ = ("criterion", "option", "evidence")
    CRITERION_FIELD_NUMBER: _ClassVar[int]
    OPTION_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    criterion: str
    option: str
    evidence: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, criterion: _Optional[str] = ..., option: _Optional[str] = ..., evidence: _Optional[_Iterable[str]] = ...) -> None: ...

class RecordSelfAssessmentRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "scores")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    scores: _containers.RepeatedCompositeFieldContainer[SelfScore]
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., scores: _Optional[_Iterable[_Union[SelfScore, _Mapping]]] = ...) -> None: ...

class DocumentChunk(_message.Message):
    __slots__ = ("actor", "dossier_id", "name", "category", "media_type", "data")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    name: str
    category: str
    media_type: str
    data: bytes
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., name: _Optional[str] = ..., category: _Optional[str] = ..., media_type: _Optional[str] = ..., data: _Optional[bytes] = ...) -> None: ...

class DocumentReply(_message.Message):
    __slots__ = ("sha256", "size", "media_type")
    SHA256_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    sha256: str
    size: int
    media_type: str
    def __init__(self, sha256: _Optional[str] = ..., size: _Optional[int] = ..., media_type: _Optional[str] = ...) -> None: ...

class ReceiveAtCommuneRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "paper_copy", "samples", "received_on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    PAPER_COPY_FIELD_NUMBER: _ClassVar[int]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    paper_copy: bool
    samples: int
    received_on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., paper_copy: _Optional[bool] = ..., samples: _Optional[int] = ..., received_on: _Optional[str] = ...) -> None: ...

class ReturnDossierRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "reason", "returned_on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RETURNED_ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    reason: str
    returned_on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., reason: _Optional[str] = ..., returned_on: _Optional[str] = ...) -> None: ...

class ResubmitDossierRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "received_on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    received_on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., received_on: _Optional[str] = ...) -> None: ...

class AssessDossierRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "report_no", "assessed_on", "local_raw_material", "local_labour", "idea_origin", "local_identity", "officer")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    REPORT_NO_FIELD_NUMBER: _ClassVar[int]
    ASSESSED_ON_FIELD_NUMBER: _ClassVar[int]
    LOCAL_RAW_MATERIAL_FIELD_NUMBER: _ClassVar[int]
    LOCAL_LABOUR_FIELD_NUMBER: _ClassVar[int]
    IDEA_ORIGIN_FIELD_NUMBER: _ClassVar[int]
    LOCAL_IDENTITY_FIELD_NUMBER: _ClassVar[int]
    OFFICER_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    report_no: str
    assessed_on: str
    local_raw_material: bool
    local_labour: bool
    idea_origin: bool
    local_identity: bool
    officer: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., report_no: _Optional[str] = ..., assessed_on: _Optional[str] = ..., local_raw_material: _Optional[bool] = ..., local_labour: _Optional[bool] = ..., idea_origin: _Optional[bool] = ..., local_identity: _Optional[bool] = ..., officer: _Optional[str] = ...) -> None: ...

class AssessDossierReply(_message.Message):
    __slots__ = ("criteria_not_met", "status")
    CRITERIA_NOT_MET_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    criteria_not_met: _containers.RepeatedScalarFieldContainer[str]
    status: str
    def __init__(self, criteria_not_met: _Optional[_Iterable[str]] = ..., status: _Optional[str] = ...) -> None: ...

class ForwardDossierRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "forwarded_on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    FORWARDED_ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    forwarded_on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., forwarded_on: _Optional[str] = ...) -> None: ...

class ForwardDossierReply(_message.Message):
    __slots__ = ("forwarded_to",)
    FORWARDED_TO_FIELD_NUMBER: _ClassVar[int]
    forwarded_to: str
    def __init__(self, forwarded_to: _Optional[str] = ...) -> None: ...

class GetDossierRequest(_message.Message):
    __slots__ = ("dossier_id",)
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    def __init__(self, dossier_id: _Optional[str] = ...) -> None: ...

class DocumentView(_message.Message):
    __slots__ = ("sha256", "size", "media_type", "name", "category")
    SHA256_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    sha256: str
    size: int
    media_type: str
    name: str
    category: str
    def __init__(self, sha256: _Optional[str] = ..., size: _Optional[int] = ..., media_type: _Optional[str] = ..., name: _Optional[str] = ..., category: _Optional[str] = ...) -> None: ...

class Change(_message.Message):
    __slots__ = ("criterion", "before", "after")
    CRITERION_FIELD_NUMBER: _ClassVar[int]
    BEFORE_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    criterion: str
    before: str
    after: str
    def __init__(self, criterion: _Optional[str] = ..., before: _Optional[str] = ..., after: _Optional[str] = ...) -> None: ...

class DossierView(_message.Message):
    __slots__ = ("dossier_id", "product_id", "producer_id", "kind", "status", "received_on", "assessed_on", "report_no", "forwarded_to", "rule_set_id", "product_code", "check_deadline", "overdue", "self_assessed", "criteria_on_sheet", "documents", "paper_copy_received_on", "samples", "missing", "returns", "changes", "forwarded_on", "product_set")
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    ASSESSED_ON_FIELD_NUMBER: _ClassVar[int]
    REPORT_NO_FIELD_NUMBER: _ClassVar[int]
    FORWARDED_TO_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_CODE_FIELD_NUMBER: _ClassVar[int]
    CHECK_DEADLINE_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    SELF_ASSESSED_FIELD_NUMBER: _ClassVar[int]
    CRITERIA_ON_SHEET_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    PAPER_COPY_RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    MISSING_FIELD_NUMBER: _ClassVar[int]
    RETURNS_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    FORWARDED_ON_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SET_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    product_id: str
    producer_id: str
    kind: str
    status: str
    received_on: str
    assessed_on: str
    report_no: str
    forwarded_to: str
    rule_set_id: str
    product_code: str
    check_deadline: str
    overdue: bool
    self_assessed: int
    criteria_on_sheet: int
    documents: _containers.RepeatedCompositeFieldContainer[DocumentView]
    paper_copy_received_on: str
    samples: int
    missing: _containers.RepeatedScalarFieldContainer[str]
    returns: _containers.RepeatedScalarFieldContainer[str]
    changes: _containers.RepeatedCompositeFieldContainer[Change]
    forwarded_on: str
    product_set: int
    def __init__(self, dossier_id: _Optional[str] = ..., product_id: _Optional[str] = ..., producer_id: _Optional[str] = ..., kind: _Optional[str] = ..., status: _Optional[str] = ..., received_on: _Optional[str] = ..., assessed_on: _Optional[str] = ..., report_no: _Optional[str] = ..., forwarded_to: _Optional[str] = ..., rule_set_id: _Optional[str] = ..., product_code: _Optional[str] = ..., check_deadline: _Optional[str] = ..., overdue: _Optional[bool] = ..., self_assessed: _Optional[int] = ..., criteria_on_sheet: _Optional[int] = ..., documents: _Optional[_Iterable[_Union[DocumentView, _Mapping]]] = ..., paper_copy_received_on: _Optional[str] = ..., samples: _Optional[int] = ..., missing: _Optional[_Iterable[str]] = ..., returns: _Optional[_Iterable[str]] = ..., changes: _Optional[_Iterable[_Union[Change, _Mapping]]] = ..., forwarded_on: _Optional[str] = ..., product_set: _Optional[int] = ...) -> None: ...

class ListDossiersRequest(_message.Message):
    __slots__ = ("commune_code", "overdue_only", "query", "page_size", "page_token")
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_ONLY_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    commune_code: str
    overdue_only: bool
    query: str
    page_size: int
    page_token: str
    def __init__(self, commune_code: _Optional[str] = ..., overdue_only: _Optional[bool] = ..., query: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class DossierList(_message.Message):
    __slots__ = ("dossiers", "overdue", "next_page_token", "total")
    DOSSIERS_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    dossiers: _containers.RepeatedCompositeFieldContainer[DossierView]
    overdue: int
    next_page_token: str
    total: int
    def __init__(self, dossiers: _Optional[_Iterable[_Union[DossierView, _Mapping]]] = ..., overdue: _Optional[int] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...

class GetProducerRequest(_message.Message):
    __slots__ = ("producer_id",)
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    producer_id: str
    def __init__(self, producer_id: _Optional[str] = ...) -> None: ...

class ProducerView(_message.Message):
    __slots__ = ("producer_id", "name", "kind", "is_sme", "business_registration_no", "commune_code", "province_code", "legacy_commune_code", "legacy_district_code", "legacy_province_code", "legacy_valid_to", "legal_rep_qualifies_3_2", "legal_representative", "legal_rep_gender", "legal_rep_ethnicity", "legal_rep_disability", "address", "personal_data_erased", "account")
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    IS_SME_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_REGISTRATION_NO_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_CODE_FIELD_NUMBER: _ClassVar[int]
    LEGACY_COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    LEGACY_DISTRICT_CODE_FIELD_NUMBER: _ClassVar[int]
    LEGACY_PROVINCE_CODE_FIELD_NUMBER: _ClassVar[int]
    LEGACY_VALID_TO_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REP_QUALIFIES_3_2_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REPRESENTATIVE_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REP_GENDER_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REP_ETHNICITY_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REP_DISABILITY_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    PERSONAL_DATA_ERASED_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    producer_id: str
    name: str
    kind: str
    is_sme: bool
    business_registration_no: str
    commune_code: str
    province_code: str
    legacy_commune_code: str
    legacy_district_code: str
    legacy_province_code: str
    legacy_valid_to: str
    legal_rep_qualifies_3_2: bool
    legal_representative: str
    legal_rep_gender: str
    legal_rep_ethnicity: str
    legal_rep_disability: bool
    address: str
    personal_data_erased: bool
    account: str
    def __init__(self, producer_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., is_sme: _Optional[bool] = ..., business_registration_no: _Optional[str] = ..., commune_code: _Optional[str] = ..., province_code: _Optional[str] = ..., legacy_commune_code: _Optional[str] = ..., legacy_district_code: _Optional[str] = ..., legacy_province_code: _Optional[str] = ..., legacy_valid_to: _Optional[str] = ..., legal_rep_qualifies_3_2: _Optional[bool] = ..., legal_representative: _Optional[str] = ..., legal_rep_gender: _Optional[str] = ..., legal_rep_ethnicity: _Optional[str] = ..., legal_rep_disability: _Optional[bool] = ..., address: _Optional[str] = ..., personal_data_erased: _Optional[bool] = ..., account: _Optional[str] = ...) -> None: ...

class ErasePersonalDataRequest(_message.Message):
    __slots__ = ("actor", "producer_id", "reference")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    producer_id: str
    reference: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., producer_id: _Optional[str] = ..., reference: _Optional[str] = ...) -> None: ...

class GetProductRequest(_message.Message):
    __slots__ = ("product_id",)
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    def __init__(self, product_id: _Optional[str] = ...) -> None: ...

class ProductCode(_message.Message):
    __slots__ = ("code", "format", "assigned_on")
    CODE_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_ON_FIELD_NUMBER: _ClassVar[int]
    code: str
    format: str
    assigned_on: str
    def __init__(self, code: _Optional[str] = ..., format: _Optional[str] = ..., assigned_on: _Optional[str] = ...) -> None: ...

class ProductView(_message.Message):
    __slots__ = ("product_id", "producer_id", "name", "product_set", "commune_code", "province_code", "legacy_commune_code", "legacy_district_code", "codes", "dossier_ids", "idea_id")
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SET_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_CODE_FIELD_NUMBER: _ClassVar[int]
    LEGACY_COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    LEGACY_DISTRICT_CODE_FIELD_NUMBER: _ClassVar[int]
    CODES_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_IDS_FIELD_NUMBER: _ClassVar[int]
    IDEA_ID_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    producer_id: str
    name: str
    product_set: int
    commune_code: str
    province_code: str
    legacy_commune_code: str
    legacy_district_code: str
    codes: _containers.RepeatedCompositeFieldContainer[ProductCode]
    dossier_ids: _containers.RepeatedScalarFieldContainer[str]
    idea_id: str
    def __init__(self, product_id: _Optional[str] = ..., producer_id: _Optional[str] = ..., name: _Optional[str] = ..., product_set: _Optional[int] = ..., commune_code: _Optional[str] = ..., province_code: _Optional[str] = ..., legacy_commune_code: _Optional[str] = ..., legacy_district_code: _Optional[str] = ..., codes: _Optional[_Iterable[_Union[ProductCode, _Mapping]]] = ..., dossier_ids: _Optional[_Iterable[str]] = ..., idea_id: _Optional[str] = ...) -> None: ...

class PortfolioRow(_message.Message):
    __slots__ = ("line", "producer_name", "producer_kind", "business_registration_no", "commune_code", "legacy_commune_code", "legal_representative", "address", "product_name", "product_set", "product_code")
    LINE_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_KIND_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_REGISTRATION_NO_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    LEGACY_COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REPRESENTATIVE_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SET_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_CODE_FIELD_NUMBER: _ClassVar[int]
    line: int
    producer_name: str
    producer_kind: str
    business_registration_no: str
    commune_code: str
    legacy_commune_code: str
    legal_representative: str
    address: str
    product_name: str
    product_set: int
    product_code: str
    def __init__(self, line: _Optional[int] = ..., producer_name: _Optional[str] = ..., producer_kind: _Optional[str] = ..., business_registration_no: _Optional[str] = ..., commune_code: _Optional[str] = ..., legacy_commune_code: _Optional[str] = ..., legal_representative: _Optional[str] = ..., address: _Optional[str] = ..., product_name: _Optional[str] = ..., product_set: _Optional[int] = ..., product_code: _Optional[str] = ...) -> None: ...

class ImportPortfolioRequest(_message.Message):
    __slots__ = ("actor", "rows", "dry_run", "valid_rows_only", "source_sha256")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    VALID_ROWS_ONLY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_SHA256_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    rows: _containers.RepeatedCompositeFieldContainer[PortfolioRow]
    dry_run: bool
    valid_rows_only: bool
    source_sha256: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., rows: _Optional[_Iterable[_Union[PortfolioRow, _Mapping]]] = ..., dry_run: _Optional[bool] = ..., valid_rows_only: _Optional[bool] = ..., source_sha256: _Optional[str] = ...) -> None: ...

class UnitPath(_message.Message):
    __slots__ = ("commune", "province", "district", "legacy_commune", "legacy_province")
    COMMUNE_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    LEGACY_COMMUNE_FIELD_NUMBER: _ClassVar[int]
    LEGACY_PROVINCE_FIELD_NUMBER: _ClassVar[int]
    commune: str
    province: str
    district: str
    legacy_commune: str
    legacy_province: str
    def __init__(self, commune: _Optional[str] = ..., province: _Optional[str] = ..., district: _Optional[str] = ..., legacy_commune: _Optional[str] = ..., legacy_province: _Optional[str] = ...) -> None: ...

class ImportedProduct(_message.Message):
    __slots__ = ("line", "producer_id", "product_id", "created", "unit")
    LINE_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    line: int
    producer_id: str
    product_id: str
    created: bool
    unit: UnitPath
    def __init__(self, line: _Optional[int] = ..., producer_id: _Optional[str] = ..., product_id: _Optional[str] = ..., created: _Optional[bool] = ..., unit: _Optional[_Union[UnitPath, _Mapping]] = ...) -> None: ...

class ImportPortfolioReply(_message.Message):
    __slots__ = ("products", "problems")
    PRODUCTS_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    products: _containers.RepeatedCompositeFieldContainer[ImportedProduct]
    problems: _containers.RepeatedCompositeFieldContainer[_common_pb2.RowProblem]
    def __init__(self, products: _Optional[_Iterable[_Union[ImportedProduct, _Mapping]]] = ..., problems: _Optional[_Iterable[_Union[_common_pb2.RowProblem, _Mapping]]] = ...) -> None: ...

class GetDossierBundleRequest(_message.Message):
    __slots__ = ("dossier_id", "resume_after")
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    RESUME_AFTER_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    resume_after: int
    def __init__(self, dossier_id: _Optional[str] = ..., resume_after: _Optional[int] = ...) -> None: ...

class GetDocumentRequest(_message.Message):
    __slots__ = ("dossier_id", "document_id")
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    document_id: str
    def __init__(self, dossier_id: _Optional[str] = ..., document_id: _Optional[str] = ...) -> None: ...

class DocumentPart(_message.Message):
    __slots__ = ("document", "offset", "data", "last")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    LAST_FIELD_NUMBER: _ClassVar[int]
    document: DocumentView
    offset: int
    data: bytes
    last: bool
    def __init__(self, document: _Optional[_Union[DocumentView, _Mapping]] = ..., offset: _Optional[int] = ..., data: _Optional[bytes] = ..., last: _Optional[bool] = ...) -> None: ...

class BundlePart(_message.Message):
    __slots__ = ("sequence", "manifest_json", "sha256", "offset", "data", "last")
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    MANIFEST_JSON_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    LAST_FIELD_NUMBER: _ClassVar[int]
    sequence: int
    manifest_json: str
    sha256: str
    offset: int
    data: bytes
    last: bool
    def __init__(self, sequence: _Optional[int] = ..., manifest_json: _Optional[str] = ..., sha256: _Optional[str] = ..., offset: _Optional[int] = ..., data: _Optional[bytes] = ..., last: _Optional[bool] = ...) -> None: ...
