from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar
from typing import Optional as _Optional
from typing import Union as _Union

from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message

from contracts.rpc import common_pb2 as _common_pb2

DESCRIPTOR: _descriptor.FileDescriptor

class RegisterProducerRequest(_message.Message):
    __slots__ = ("actor", "name", "kind", "is_sme", "business_registration_no", "commune_code", "legal_representative")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    IS_SME_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_REGISTRATION_NO_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REPRESENTATIVE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    name: str
    kind: str
    is_sme: bool
    business_registration_no: str
    commune_code: str
    legal_representative: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., is_sme: _Optional[bool] = ..., business_registration_no: _Optional[str] = ..., commune_code: _Optional[str] = ..., legal_representative: _Optional[str] = ...) -> None: ...

class RegisterProducerReply(_message.Message):
    __slots__ = ("producer_id",)
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    producer_id: str
    def __init__(self, producer_id: _Optional[str] = ...) -> None: ...

class RegisterProductRequest(_message.Message):
    __slots__ = ("actor", "producer_id", "name", "product_set")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_SET_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    producer_id: str
    name: str
    product_set: int
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., producer_id: _Optional[str] = ..., name: _Optional[str] = ..., product_set: _Optional[int] = ...) -> None: ...

class RegisterProductReply(_message.Message):
    __slots__ = ("product_id",)
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    def __init__(self, product_id: _Optional[str] = ...) -> None: ...

class SubmitDossierRequest(_message.Message):
    __slots__ = ("actor", "product_id", "kind", "received_on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    product_id: str
    kind: str
    received_on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., product_id: _Optional[str] = ..., kind: _Optional[str] = ..., received_on: _Optional[str] = ...) -> None: ...

class SubmitDossierReply(_message.Message):
    __slots__ = ("dossier_id",)
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    def __init__(self, dossier_id: _Optional[str] = ...) -> None: ...

class AssessDossierRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "report_no", "assessed_on", "local_raw_material", "local_labour", "idea_origin", "local_identity")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    REPORT_NO_FIELD_NUMBER: _ClassVar[int]
    ASSESSED_ON_FIELD_NUMBER: _ClassVar[int]
    LOCAL_RAW_MATERIAL_FIELD_NUMBER: _ClassVar[int]
    LOCAL_LABOUR_FIELD_NUMBER: _ClassVar[int]
    IDEA_ORIGIN_FIELD_NUMBER: _ClassVar[int]
    LOCAL_IDENTITY_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    report_no: str
    assessed_on: str
    local_raw_material: bool
    local_labour: bool
    idea_origin: bool
    local_identity: bool
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., report_no: _Optional[str] = ..., assessed_on: _Optional[str] = ..., local_raw_material: _Optional[bool] = ..., local_labour: _Optional[bool] = ..., idea_origin: _Optional[bool] = ..., local_identity: _Optional[bool] = ...) -> None: ...

class AssessDossierReply(_message.Message):
    __slots__ = ("forwarded_to",)
    FORWARDED_TO_FIELD_NUMBER: _ClassVar[int]
    forwarded_to: str
    def __init__(self, forwarded_to: _Optional[str] = ...) -> None: ...

class GetDossierRequest(_message.Message):
    __slots__ = ("dossier_id",)
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    def __init__(self, dossier_id: _Optional[str] = ...) -> None: ...

class DossierView(_message.Message):
    __slots__ = ("dossier_id", "product_id", "producer_id", "kind", "status", "received_on", "assessed_on", "report_no", "forwarded_to")
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    ASSESSED_ON_FIELD_NUMBER: _ClassVar[int]
    REPORT_NO_FIELD_NUMBER: _ClassVar[int]
    FORWARDED_TO_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    product_id: str
    producer_id: str
    kind: str
    status: str
    received_on: str
    assessed_on: str
    report_no: str
    forwarded_to: str
    def __init__(self, dossier_id: _Optional[str] = ..., product_id: _Optional[str] = ..., producer_id: _Optional[str] = ..., kind: _Optional[str] = ..., status: _Optional[str] = ..., received_on: _Optional[str] = ..., assessed_on: _Optional[str] = ..., report_no: _Optional[str] = ..., forwarded_to: _Optional[str] = ...) -> None: ...
