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

class TeamMember(_message.Message):
    __slots__ = ("role", "name")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    role: str
    name: str
    def __init__(self, role: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class GeneratePlanRequest(_message.Message):
    __slots__ = ("actor", "on", "lead_agency", "team")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    LEAD_AGENCY_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    on: str
    lead_agency: str
    team: _containers.RepeatedCompositeFieldContainer[TeamMember]
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., on: _Optional[str] = ..., lead_agency: _Optional[str] = ..., team: _Optional[_Iterable[_Union[TeamMember, _Mapping]]] = ...) -> None: ...

class AddToPlanRequest(_message.Message):
    __slots__ = ("actor", "plan_id", "product_id")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    plan_id: str
    product_id: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., plan_id: _Optional[str] = ..., product_id: _Optional[str] = ...) -> None: ...

class ScheduleInspectionRequest(_message.Message):
    __slots__ = ("actor", "plan_id", "product_id", "planned_on", "lead_agency", "team")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PLANNED_ON_FIELD_NUMBER: _ClassVar[int]
    LEAD_AGENCY_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    plan_id: str
    product_id: str
    planned_on: str
    lead_agency: str
    team: _containers.RepeatedCompositeFieldContainer[TeamMember]
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., plan_id: _Optional[str] = ..., product_id: _Optional[str] = ..., planned_on: _Optional[str] = ..., lead_agency: _Optional[str] = ..., team: _Optional[_Iterable[_Union[TeamMember, _Mapping]]] = ...) -> None: ...

class OpenAdHocRequest(_message.Message):
    __slots__ = ("actor", "product_id", "trigger", "note", "planned_on", "lead_agency", "team")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PLANNED_ON_FIELD_NUMBER: _ClassVar[int]
    LEAD_AGENCY_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    product_id: str
    trigger: str
    note: str
    planned_on: str
    lead_agency: str
    team: _containers.RepeatedCompositeFieldContainer[TeamMember]
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., product_id: _Optional[str] = ..., trigger: _Optional[str] = ..., note: _Optional[str] = ..., planned_on: _Optional[str] = ..., lead_agency: _Optional[str] = ..., team: _Optional[_Iterable[_Union[TeamMember, _Mapping]]] = ...) -> None: ...

class Finding(_message.Message):
    __slots__ = ("item", "compliant", "note")
    ITEM_FIELD_NUMBER: _ClassVar[int]
    COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    item: str
    compliant: bool
    note: str
    def __init__(self, item: _Optional[str] = ..., compliant: _Optional[bool] = ..., note: _Optional[str] = ...) -> None: ...

class EvidenceUpload(_message.Message):
    __slots__ = ("name", "media_type", "data")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    name: str
    media_type: str
    data: bytes
    def __init__(self, name: _Optional[str] = ..., media_type: _Optional[str] = ..., data: _Optional[bytes] = ...) -> None: ...

class RecordVisitRequest(_message.Message):
    __slots__ = ("actor", "inspection_id", "visited_on", "team", "findings", "outcome", "conclusion_no", "concluded_on", "summary", "ground", "deadline", "follow_up_on", "evidence", "others_compliant")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    VISITED_ON_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    CONCLUSION_NO_FIELD_NUMBER: _ClassVar[int]
    CONCLUDED_ON_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    GROUND_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UP_ON_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    OTHERS_COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    inspection_id: str
    visited_on: str
    team: _containers.RepeatedCompositeFieldContainer[TeamMember]
    findings: _containers.RepeatedCompositeFieldContainer[Finding]
    outcome: str
    conclusion_no: str
    concluded_on: str
    summary: str
    ground: str
    deadline: str
    follow_up_on: str
    evidence: _containers.RepeatedCompositeFieldContainer[EvidenceUpload]
    others_compliant: bool
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., inspection_id: _Optional[str] = ..., visited_on: _Optional[str] = ..., team: _Optional[_Iterable[_Union[TeamMember, _Mapping]]] = ..., findings: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., outcome: _Optional[str] = ..., conclusion_no: _Optional[str] = ..., concluded_on: _Optional[str] = ..., summary: _Optional[str] = ..., ground: _Optional[str] = ..., deadline: _Optional[str] = ..., follow_up_on: _Optional[str] = ..., evidence: _Optional[_Iterable[_Union[EvidenceUpload, _Mapping]]] = ..., others_compliant: _Optional[bool] = ...) -> None: ...

class GetPlanRequest(_message.Message):
    __slots__ = ("plan_id", "level", "jurisdiction", "on")
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    plan_id: str
    level: str
    jurisdiction: str
    on: str
    def __init__(self, plan_id: _Optional[str] = ..., level: _Optional[str] = ..., jurisdiction: _Optional[str] = ..., on: _Optional[str] = ...) -> None: ...

class GetInspectionRequest(_message.Message):
    __slots__ = ("inspection_id",)
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    inspection_id: str
    def __init__(self, inspection_id: _Optional[str] = ...) -> None: ...

class ProductHistoryRequest(_message.Message):
    __slots__ = ("product_id", "page_size", "page_token")
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    page_size: int
    page_token: str
    def __init__(self, product_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRequest(_message.Message):
    __slots__ = ("jurisdiction", "query", "page_size", "page_token")
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    jurisdiction: str
    query: str
    page_size: int
    page_token: str
    def __init__(self, jurisdiction: _Optional[str] = ..., query: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class PlanEntry(_message.Message):
    __slots__ = ("product_id", "product_name", "commune_code", "certificate_no", "star", "rule_set_id", "status", "planned_on", "lead_agency", "team", "inspection_id", "outcome", "reason")
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PLANNED_ON_FIELD_NUMBER: _ClassVar[int]
    LEAD_AGENCY_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    product_name: str
    commune_code: str
    certificate_no: str
    star: int
    rule_set_id: str
    status: str
    planned_on: str
    lead_agency: str
    team: _containers.RepeatedCompositeFieldContainer[TeamMember]
    inspection_id: str
    outcome: str
    reason: str
    def __init__(self, product_id: _Optional[str] = ..., product_name: _Optional[str] = ..., commune_code: _Optional[str] = ..., certificate_no: _Optional[str] = ..., star: _Optional[int] = ..., rule_set_id: _Optional[str] = ..., status: _Optional[str] = ..., planned_on: _Optional[str] = ..., lead_agency: _Optional[str] = ..., team: _Optional[_Iterable[_Union[TeamMember, _Mapping]]] = ..., inspection_id: _Optional[str] = ..., outcome: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PlanView(_message.Message):
    __slots__ = ("plan_id", "level", "jurisdiction", "period", "period_label", "starts_on", "ends_on", "cadence_source", "lead_agency", "entries", "inspected", "due", "period_label_en")
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PERIOD_LABEL_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    CADENCE_SOURCE_FIELD_NUMBER: _ClassVar[int]
    LEAD_AGENCY_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    INSPECTED_FIELD_NUMBER: _ClassVar[int]
    DUE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_LABEL_EN_FIELD_NUMBER: _ClassVar[int]
    plan_id: str
    level: str
    jurisdiction: str
    period: str
    period_label: str
    starts_on: str
    ends_on: str
    cadence_source: str
    lead_agency: str
    entries: _containers.RepeatedCompositeFieldContainer[PlanEntry]
    inspected: int
    due: int
    period_label_en: str
    def __init__(self, plan_id: _Optional[str] = ..., level: _Optional[str] = ..., jurisdiction: _Optional[str] = ..., period: _Optional[str] = ..., period_label: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., cadence_source: _Optional[str] = ..., lead_agency: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[PlanEntry, _Mapping]]] = ..., inspected: _Optional[int] = ..., due: _Optional[int] = ..., period_label_en: _Optional[str] = ...) -> None: ...

class EvidenceRef(_message.Message):
    __slots__ = ("sha256", "name", "media_type", "size")
    SHA256_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    sha256: str
    name: str
    media_type: str
    size: int
    def __init__(self, sha256: _Optional[str] = ..., name: _Optional[str] = ..., media_type: _Optional[str] = ..., size: _Optional[int] = ...) -> None: ...

class Visit(_message.Message):
    __slots__ = ("visited_on", "team", "findings", "evidence", "follow_up")
    VISITED_ON_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UP_FIELD_NUMBER: _ClassVar[int]
    visited_on: str
    team: _containers.RepeatedCompositeFieldContainer[TeamMember]
    findings: _containers.RepeatedCompositeFieldContainer[Finding]
    evidence: _containers.RepeatedCompositeFieldContainer[EvidenceRef]
    follow_up: bool
    def __init__(self, visited_on: _Optional[str] = ..., team: _Optional[_Iterable[_Union[TeamMember, _Mapping]]] = ..., findings: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., evidence: _Optional[_Iterable[_Union[EvidenceRef, _Mapping]]] = ..., follow_up: _Optional[bool] = ...) -> None: ...

class InspectionView(_message.Message):
    __slots__ = ("inspection_id", "product_id", "product_name", "certificate_no", "star", "rule_set_id", "kind", "trigger", "note", "plan_id", "planned_on", "lead_agency", "team", "status", "visits", "conclusion_no", "concluded_on", "summary", "ground", "authority", "deadline", "follow_up_on", "overdue_on", "completed_on")
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    RULE_SET_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    PLANNED_ON_FIELD_NUMBER: _ClassVar[int]
    LEAD_AGENCY_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VISITS_FIELD_NUMBER: _ClassVar[int]
    CONCLUSION_NO_FIELD_NUMBER: _ClassVar[int]
    CONCLUDED_ON_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    GROUND_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UP_ON_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_ON_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_ON_FIELD_NUMBER: _ClassVar[int]
    inspection_id: str
    product_id: str
    product_name: str
    certificate_no: str
    star: int
    rule_set_id: str
    kind: str
    trigger: str
    note: str
    plan_id: str
    planned_on: str
    lead_agency: str
    team: _containers.RepeatedCompositeFieldContainer[TeamMember]
    status: str
    visits: _containers.RepeatedCompositeFieldContainer[Visit]
    conclusion_no: str
    concluded_on: str
    summary: str
    ground: str
    authority: str
    deadline: str
    follow_up_on: str
    overdue_on: str
    completed_on: str
    def __init__(self, inspection_id: _Optional[str] = ..., product_id: _Optional[str] = ..., product_name: _Optional[str] = ..., certificate_no: _Optional[str] = ..., star: _Optional[int] = ..., rule_set_id: _Optional[str] = ..., kind: _Optional[str] = ..., trigger: _Optional[str] = ..., note: _Optional[str] = ..., plan_id: _Optional[str] = ..., planned_on: _Optional[str] = ..., lead_agency: _Optional[str] = ..., team: _Optional[_Iterable[_Union[TeamMember, _Mapping]]] = ..., status: _Optional[str] = ..., visits: _Optional[_Iterable[_Union[Visit, _Mapping]]] = ..., conclusion_no: _Optional[str] = ..., concluded_on: _Optional[str] = ..., summary: _Optional[str] = ..., ground: _Optional[str] = ..., authority: _Optional[str] = ..., deadline: _Optional[str] = ..., follow_up_on: _Optional[str] = ..., overdue_on: _Optional[str] = ..., completed_on: _Optional[str] = ...) -> None: ...

class InspectionList(_message.Message):
    __slots__ = ("inspections", "certificate_status", "certificate_no", "next_page_token", "total")
    INSPECTIONS_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_STATUS_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    inspections: _containers.RepeatedCompositeFieldContainer[InspectionView]
    certificate_status: str
    certificate_no: str
    next_page_token: str
    total: int
    def __init__(self, inspections: _Optional[_Iterable[_Union[InspectionView, _Mapping]]] = ..., certificate_status: _Optional[str] = ..., certificate_no: _Optional[str] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...

class OverdueEntry(_message.Message):
    __slots__ = ("plan_id", "period", "product_id", "product_name", "planned_on", "status", "inspection_id")
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    PLANNED_ON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    plan_id: str
    period: str
    product_id: str
    product_name: str
    planned_on: str
    status: str
    inspection_id: str
    def __init__(self, plan_id: _Optional[str] = ..., period: _Optional[str] = ..., product_id: _Optional[str] = ..., product_name: _Optional[str] = ..., planned_on: _Optional[str] = ..., status: _Optional[str] = ..., inspection_id: _Optional[str] = ...) -> None: ...

class OverdueList(_message.Message):
    __slots__ = ("entries", "next_page_token", "total")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[OverdueEntry]
    next_page_token: str
    total: int
    def __init__(self, entries: _Optional[_Iterable[_Union[OverdueEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...
