from collections.abc import Iterable as _Iterable
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar
from typing import Optional as _Optional
from typing import Union as _Union

from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from google.protobuf.internal import containers as _containers

DESCRIPTOR: _descriptor.FileDescriptor

class GetProductRequest(_message.Message):
    __slots__ = ("product_id",)
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    def __init__(self, product_id: _Optional[str] = ...) -> None: ...

class ListProductsRequest(_message.Message):
    __slots__ = ("status", "query", "page_size", "page_token")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    status: str
    query: str
    page_size: int
    page_token: str
    def __init__(self, status: _Optional[str] = ..., query: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ProductStatus(_message.Message):
    __slots__ = ("product_id", "producer_id", "name", "product_set", "commune_code", "status", "star", "score", "decision_no", "updated_at", "current_star", "current_certificate_no", "current_decision_no", "current_valid_from", "current_valid_to", "open_dossier_id", "open_dossier_kind", "open_dossier_status", "higher_level", "higher_outcome", "higher_score", "higher_star", "higher_reason", "higher_answered_on", "higher_answered_by", "certificate_no", "valid_until", "certificate_status")
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SET_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    CURRENT_STAR_FIELD_NUMBER: _ClassVar[int]
    CURRENT_CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    CURRENT_DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VALID_TO_FIELD_NUMBER: _ClassVar[int]
    OPEN_DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    OPEN_DOSSIER_KIND_FIELD_NUMBER: _ClassVar[int]
    OPEN_DOSSIER_STATUS_FIELD_NUMBER: _ClassVar[int]
    HIGHER_LEVEL_FIELD_NUMBER: _ClassVar[int]
    HIGHER_OUTCOME_FIELD_NUMBER: _ClassVar[int]
    HIGHER_SCORE_FIELD_NUMBER: _ClassVar[int]
    HIGHER_STAR_FIELD_NUMBER: _ClassVar[int]
    HIGHER_REASON_FIELD_NUMBER: _ClassVar[int]
    HIGHER_ANSWERED_ON_FIELD_NUMBER: _ClassVar[int]
    HIGHER_ANSWERED_BY_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_STATUS_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    producer_id: str
    name: str
    product_set: int
    commune_code: str
    status: str
    star: int
    score: str
    decision_no: str
    updated_at: str
    current_star: int
    current_certificate_no: str
    current_decision_no: str
    current_valid_from: str
    current_valid_to: str
    open_dossier_id: str
    open_dossier_kind: str
    open_dossier_status: str
    higher_level: str
    higher_outcome: str
    higher_score: str
    higher_star: int
    higher_reason: str
    higher_answered_on: str
    higher_answered_by: str
    certificate_no: str
    valid_until: str
    certificate_status: str
    def __init__(self, product_id: _Optional[str] = ..., producer_id: _Optional[str] = ..., name: _Optional[str] = ..., product_set: _Optional[int] = ..., commune_code: _Optional[str] = ..., status: _Optional[str] = ..., star: _Optional[int] = ..., score: _Optional[str] = ..., decision_no: _Optional[str] = ..., updated_at: _Optional[str] = ..., current_star: _Optional[int] = ..., current_certificate_no: _Optional[str] = ..., current_decision_no: _Optional[str] = ..., current_valid_from: _Optional[str] = ..., current_valid_to: _Optional[str] = ..., open_dossier_id: _Optional[str] = ..., open_dossier_kind: _Optional[str] = ..., open_dossier_status: _Optional[str] = ..., higher_level: _Optional[str] = ..., higher_outcome: _Optional[str] = ..., higher_score: _Optional[str] = ..., higher_star: _Optional[int] = ..., higher_reason: _Optional[str] = ..., higher_answered_on: _Optional[str] = ..., higher_answered_by: _Optional[str] = ..., certificate_no: _Optional[str] = ..., valid_until: _Optional[str] = ..., certificate_status: _Optional[str] = ...) -> None: ...

class ListProductsReply(_message.Message):
    __slots__ = ("products", "next_page_token", "total")
    PRODUCTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    products: _containers.RepeatedCompositeFieldContainer[ProductStatus]
    next_page_token: str
    total: int
    def __init__(self, products: _Optional[_Iterable[_Union[ProductStatus, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...

class GetKpisRequest(_message.Message):
    __slots__ = ("period", "jurisdiction", "starts", "ends", "as_of")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    STARTS_FIELD_NUMBER: _ClassVar[int]
    ENDS_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    period: str
    jurisdiction: str
    starts: str
    ends: str
    as_of: str
    def __init__(self, period: _Optional[str] = ..., jurisdiction: _Optional[str] = ..., starts: _Optional[str] = ..., ends: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class KpiLine(_message.Message):
    __slots__ = ("code", "label_vi", "label_en", "unit", "group", "has_data", "value", "numerator", "denominator", "has_target", "minimum", "stretch", "status", "target_source", "definition")
    CODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_VI_FIELD_NUMBER: _ClassVar[int]
    LABEL_EN_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    HAS_DATA_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    NUMERATOR_FIELD_NUMBER: _ClassVar[int]
    DENOMINATOR_FIELD_NUMBER: _ClassVar[int]
    HAS_TARGET_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_FIELD_NUMBER: _ClassVar[int]
    STRETCH_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TARGET_SOURCE_FIELD_NUMBER: _ClassVar[int]
    DEFINITION_FIELD_NUMBER: _ClassVar[int]
    code: str
    label_vi: str
    label_en: str
    unit: str
    group: str
    has_data: bool
    value: str
    numerator: int
    denominator: int
    has_target: bool
    minimum: str
    stretch: str
    status: str
    target_source: str
    definition: str
    def __init__(self, code: _Optional[str] = ..., label_vi: _Optional[str] = ..., label_en: _Optional[str] = ..., unit: _Optional[str] = ..., group: _Optional[str] = ..., has_data: _Optional[bool] = ..., value: _Optional[str] = ..., numerator: _Optional[int] = ..., denominator: _Optional[int] = ..., has_target: _Optional[bool] = ..., minimum: _Optional[str] = ..., stretch: _Optional[str] = ..., status: _Optional[str] = ..., target_source: _Optional[str] = ..., definition: _Optional[str] = ...) -> None: ...

class KpiReport(_message.Message):
    __slots__ = ("jurisdiction", "period", "starts", "ends", "kpis", "missing_sources", "report_code", "due")
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    STARTS_FIELD_NUMBER: _ClassVar[int]
    ENDS_FIELD_NUMBER: _ClassVar[int]
    KPIS_FIELD_NUMBER: _ClassVar[int]
    MISSING_SOURCES_FIELD_NUMBER: _ClassVar[int]
    REPORT_CODE_FIELD_NUMBER: _ClassVar[int]
    DUE_FIELD_NUMBER: _ClassVar[int]
    jurisdiction: str
    period: str
    starts: str
    ends: str
    kpis: _containers.RepeatedCompositeFieldContainer[KpiLine]
    missing_sources: _containers.RepeatedScalarFieldContainer[str]
    report_code: str
    due: str
    def __init__(self, jurisdiction: _Optional[str] = ..., period: _Optional[str] = ..., starts: _Optional[str] = ..., ends: _Optional[str] = ..., kpis: _Optional[_Iterable[_Union[KpiLine, _Mapping]]] = ..., missing_sources: _Optional[_Iterable[str]] = ..., report_code: _Optional[str] = ..., due: _Optional[str] = ...) -> None: ...

class GetReportRequest(_message.Message):
    __slots__ = ("period", "jurisdiction", "starts", "ends", "issuer", "number", "signer")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    STARTS_FIELD_NUMBER: _ClassVar[int]
    ENDS_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    SIGNER_FIELD_NUMBER: _ClassVar[int]
    period: str
    jurisdiction: str
    starts: str
    ends: str
    issuer: str
    number: str
    signer: str
    def __init__(self, period: _Optional[str] = ..., jurisdiction: _Optional[str] = ..., starts: _Optional[str] = ..., ends: _Optional[str] = ..., issuer: _Optional[str] = ..., number: _Optional[str] = ..., signer: _Optional[str] = ...) -> None: ...

class ReportFiles(_message.Message):
    __slots__ = ("docx", "xlsx", "docx_name", "xlsx_name", "report_code", "due")
    DOCX_FIELD_NUMBER: _ClassVar[int]
    XLSX_FIELD_NUMBER: _ClassVar[int]
    DOCX_NAME_FIELD_NUMBER: _ClassVar[int]
    XLSX_NAME_FIELD_NUMBER: _ClassVar[int]
    REPORT_CODE_FIELD_NUMBER: _ClassVar[int]
    DUE_FIELD_NUMBER: _ClassVar[int]
    docx: bytes
    xlsx: bytes
    docx_name: str
    xlsx_name: str
    report_code: str
    due: str
    def __init__(self, docx: _Optional[bytes] = ..., xlsx: _Optional[bytes] = ..., docx_name: _Optional[str] = ..., xlsx_name: _Optional[str] = ..., report_code: _Optional[str] = ..., due: _Optional[str] = ...) -> None: ...

class GetPublicProductRequest(_message.Message):
    __slots__ = ("product_code",)
    PRODUCT_CODE_FIELD_NUMBER: _ClassVar[int]
    product_code: str
    def __init__(self, product_code: _Optional[str] = ...) -> None: ...

class PublicProduct(_message.Message):
    __slots__ = ("product_code", "name", "producer_name", "product_set", "commune_code", "status", "star", "certificate_no", "decision_no", "decided_on", "valid_from", "valid_to", "ended_on", "revocation_no")
    PRODUCT_CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SET_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    ENDED_ON_FIELD_NUMBER: _ClassVar[int]
    REVOCATION_NO_FIELD_NUMBER: _ClassVar[int]
    product_code: str
    name: str
    producer_name: str
    product_set: int
    commune_code: str
    status: str
    star: int
    certificate_no: str
    decision_no: str
    decided_on: str
    valid_from: str
    valid_to: str
    ended_on: str
    revocation_no: str
    def __init__(self, product_code: _Optional[str] = ..., name: _Optional[str] = ..., producer_name: _Optional[str] = ..., product_set: _Optional[int] = ..., commune_code: _Optional[str] = ..., status: _Optional[str] = ..., star: _Optional[int] = ..., certificate_no: _Optional[str] = ..., decision_no: _Optional[str] = ..., decided_on: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., ended_on: _Optional[str] = ..., revocation_no: _Optional[str] = ...) -> None: ...
