from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar
from typing import Optional as _Optional
from typing import Union as _Union

from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message

from contracts.rpc import common_pb2 as _common_pb2

DESCRIPTOR: _descriptor.FileDescriptor

class RecordCouncilScoreRequest(_message.Message):
    __slots__ = ("actor", "dossier_id", "score", "scored_on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SCORED_ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    dossier_id: str
    score: str
    scored_on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., dossier_id: _Optional[str] = ..., score: _Optional[str] = ..., scored_on: _Optional[str] = ...) -> None: ...

class RecordCouncilScoreReply(_message.Message):
    __slots__ = ("outcome", "star", "explanation", "decision_no")
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    DECISION_NO_FIELD_NUMBER: _ClassVar[int]
    outcome: str
    star: int
    explanation: str
    decision_no: str
    def __init__(self, outcome: _Optional[str] = ..., star: _Optional[int] = ..., explanation: _Optional[str] = ..., decision_no: _Optional[str] = ...) -> None: ...

class GetEvaluationRequest(_message.Message):
    __slots__ = ("dossier_id",)
    DOSSIER_ID_FIELD_NUMBER: _ClassVar[int]
    dossier_id: str
    def __init__(self, dossier_id: _Optional[str] = ...) -> None: ...

class EvaluationView(_message.Message):
    __slots__ = ("dossier_id", "product_id", "product_name", "product_set", "status", "score", "star", "outcome", "decision_no", "rule_set_id")
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
    def __init__(self, dossier_id: _Optional[str] = ..., product_id: _Optional[str] = ..., product_name: _Optional[str] = ..., product_set: _Optional[int] = ..., status: _Optional[str] = ..., score: _Optional[str] = ..., star: _Optional[int] = ..., outcome: _Optional[str] = ..., decision_no: _Optional[str] = ..., rule_set_id: _Optional[str] = ...) -> None: ...
