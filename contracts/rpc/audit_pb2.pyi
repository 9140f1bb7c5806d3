from collections.abc import Iterable as _Iterable
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar
from typing import Optional as _Optional
from typing import Union as _Union

from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from google.protobuf.internal import containers as _containers

from contracts.rpc import reporting_pb2 as _reporting_pb2

DESCRIPTOR: _descriptor.FileDescriptor

class GetTrailRequest(_message.Message):
    __slots__ = ("kind", "id")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    kind: str
    id: str
    def __init__(self, kind: _Optional[str] = ..., id: _Optional[str] = ...) -> None: ...

class TrailEntry(_message.Message):
    __slots__ = ("when", "service", "event_type", "what", "actor_id", "actor_role", "actor_jurisdiction", "rule_set_id", "legal_basis", "decision_no", "event_id", "correlation_id", "causation_id", "caused_by", "aggregate_id", "aggregate_version", "occurred_at", "topic")
    WHEN_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    WHAT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ROLE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_ID_FIELD_NUMBER: _ClassVar[int]
    LEGAL_BASIS_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    CAUSATION_ID_FIELD_NUMBER: _ClassVar[int]
    CAUSED_BY_FIELD_NUMBER: _ClassVar[int]
    AGGREGATE_ID_FIELD_NUMBER: _ClassVar[int]
    AGGREGATE_VERSION_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    when: str
    service: str
    event_type: str
    what: str
    actor_id: str
    actor_role: str
    actor_jurisdiction: str
    rule_set_id: str
    legal_basis: str
    decision_no: str
    event_id: str
    correlation_id: str
    causation_id: str
    caused_by: str
    aggregate_id: str
    aggregate_version: int
    occurred_at: str
    topic: str
    def __init__(self, when: _Optional[str] = ..., service: _Optional[str] = ..., event_type: _Optional[str] = ..., what: _Optional[str] = ..., actor_id: _Optional[str] = ..., actor_role: _Optional[str] = ..., actor_jurisdiction: _Optional[str] = ..., rule_set_id: _Optional[str] = ..., legal_basis: _Optional[str] = ..., decision_no: _Optional[str] = ..., event_id: _Optional[str] = ..., correlation_id: _Optional[str] = ..., causation_id: _Optional[str] = ..., caused_by: _Optional[str] = ..., aggregate_id: _Optional[str] = ..., aggregate_version: _Optional[int] = ..., occurred_at: _Optional[str] = ..., topic: _Optional[str] = ...) -> None: ...

class Trail(_message.Message):
    __slots__ = ("kind", "id", "entries")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    kind: str
    id: str
    entries: _containers.RepeatedCompositeFieldContainer[TrailEntry]
    def __init__(self, kind: _Optional[str] = ..., id: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[TrailEntry, _Mapping]]] = ...) -> None: ...

class GetProductAsOfRequest(_message.Message):
    __slots__ = ("product_id", "as_of")
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    as_of: str
    def __init__(self, product_id: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class CertificateStanding(_message.Message):
    __slots__ = ("certificate_no", "star", "decision_no", "valid_from", "valid_to", "standing", "ended_by")
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    STANDING_FIELD_NUMBER: _ClassVar[int]
    ENDED_BY_FIELD_NUMBER: _ClassVar[int]
    certificate_no: str
    star: int
    decision_no: str
    valid_from: str
    valid_to: str
    standing: str
    ended_by: str
    def __init__(self, certificate_no: _Optional[str] = ..., star: _Optional[int] = ..., decision_no: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., standing: _Optional[str] = ..., ended_by: _Optional[str] = ...) -> None: ...

class ProductAsOf(_message.Message):
    __slots__ = ("as_of", "product", "certificates")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATES_FIELD_NUMBER: _ClassVar[int]
    as_of: str
    product: _reporting_pb2.ProductStatus
    certificates: _containers.RepeatedCompositeFieldContainer[CertificateStanding]
    def __init__(self, as_of: _Optional[str] = ..., product: _Optional[_Union[_reporting_pb2.ProductStatus, _Mapping]] = ..., certificates: _Optional[_Iterable[_Union[CertificateStanding, _Mapping]]] = ...) -> None: ...

class ListProductsAsOfRequest(_message.Message):
    __slots__ = ("as_of", "status", "query", "page_size", "page_token")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    as_of: str
    status: str
    query: str
    page_size: int
    page_token: str
    def __init__(self, as_of: _Optional[str] = ..., status: _Optional[str] = ..., query: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ProductOnDate(_message.Message):
    __slots__ = ("product", "valid_certificate")
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    VALID_CERTIFICATE_FIELD_NUMBER: _ClassVar[int]
    product: _reporting_pb2.ProductStatus
    valid_certificate: str
    def __init__(self, product: _Optional[_Union[_reporting_pb2.ProductStatus, _Mapping]] = ..., valid_certificate: _Optional[str] = ...) -> None: ...

class ListProductsAsOfReply(_message.Message):
    __slots__ = ("as_of", "products", "next_page_token", "total")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    PRODUCTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    as_of: str
    products: _containers.RepeatedCompositeFieldContainer[ProductOnDate]
    next_page_token: str
    total: int
    def __init__(self, as_of: _Optional[str] = ..., products: _Optional[_Iterable[_Union[ProductOnDate, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...
