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
    __slots__ = ("product_id", "producer_id", "name", "product_set", "commune_code", "status", "star", "score", "decision_no", "updated_at")
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
    def __init__(self, product_id: _Optional[str] = ..., producer_id: _Optional[str] = ..., name: _Optional[str] = ..., product_set: _Optional[int] = ..., commune_code: _Optional[str] = ..., status: _Optional[str] = ..., star: _Optional[int] = ..., score: _Optional[str] = ..., decision_no: _Optional[str] = ..., updated_at: _Optional[str] = ...) -> None: ...

class ListProductsReply(_message.Message):
    __slots__ = ("products", "next_page_token", "total")
    PRODUCTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    products: _containers.RepeatedCompositeFieldContainer[ProductStatus]
    next_page_token: str
    total: int
    def __init__(self, products: _Optional[_Iterable[_Union[ProductStatus, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...
