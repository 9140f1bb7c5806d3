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

class BudgetLine(_message.Message):
    __slots__ = ("code", "label", "amount_vnd", "funding_source")
    CODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_VND_FIELD_NUMBER: _ClassVar[int]
    FUNDING_SOURCE_FIELD_NUMBER: _ClassVar[int]
    code: str
    label: str
    amount_vnd: int
    funding_source: str
    def __init__(self, code: _Optional[str] = ..., label: _Optional[str] = ..., amount_vnd: _Optional[int] = ..., funding_source: _Optional[str] = ...) -> None: ...

class Activity(_message.Message):
    __slots__ = ("code", "title", "kind", "lead_unit", "with_units", "budget_line", "budget_vnd", "status", "records")
    CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LEAD_UNIT_FIELD_NUMBER: _ClassVar[int]
    WITH_UNITS_FIELD_NUMBER: _ClassVar[int]
    BUDGET_LINE_FIELD_NUMBER: _ClassVar[int]
    BUDGET_VND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    code: str
    title: str
    kind: str
    lead_unit: str
    with_units: _containers.RepeatedScalarFieldContainer[str]
    budget_line: str
    budget_vnd: int
    status: str
    records: int
    def __init__(self, code: _Optional[str] = ..., title: _Optional[str] = ..., kind: _Optional[str] = ..., lead_unit: _Optional[str] = ..., with_units: _Optional[_Iterable[str]] = ..., budget_line: _Optional[str] = ..., budget_vnd: _Optional[int] = ..., status: _Optional[str] = ..., records: _Optional[int] = ...) -> None: ...

class AdoptPlanRequest(_message.Message):
    __slots__ = ("actor", "year", "title", "budget_lines", "activities")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BUDGET_LINES_FIELD_NUMBER: _ClassVar[int]
    ACTIVITIES_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    year: int
    title: str
    budget_lines: _containers.RepeatedCompositeFieldContainer[BudgetLine]
    activities: _containers.RepeatedCompositeFieldContainer[Activity]
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., year: _Optional[int] = ..., title: _Optional[str] = ..., budget_lines: _Optional[_Iterable[_Union[BudgetLine, _Mapping]]] = ..., activities: _Optional[_Iterable[_Union[Activity, _Mapping]]] = ...) -> None: ...

class AddActivityRequest(_message.Message):
    __slots__ = ("actor", "year", "activity")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    year: int
    activity: Activity
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., year: _Optional[int] = ..., activity: _Optional[_Union[Activity, _Mapping]] = ...) -> None: ...

class CompleteActivityRequest(_message.Message):
    __slots__ = ("actor", "year", "code")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    year: int
    code: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., year: _Optional[int] = ..., code: _Optional[str] = ...) -> None: ...

class GetPlanRequest(_message.Message):
    __slots__ = ("jurisdiction", "year")
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    jurisdiction: str
    year: int
    def __init__(self, jurisdiction: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class BudgetUse(_message.Message):
    __slots__ = ("code", "label", "amount_vnd", "funding_source", "granted_vnd")
    CODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_VND_FIELD_NUMBER: _ClassVar[int]
    FUNDING_SOURCE_FIELD_NUMBER: _ClassVar[int]
    GRANTED_VND_FIELD_NUMBER: _ClassVar[int]
    code: str
    label: str
    amount_vnd: int
    funding_source: str
    granted_vnd: int
    def __init__(self, code: _Optional[str] = ..., label: _Optional[str] = ..., amount_vnd: _Optional[int] = ..., funding_source: _Optional[str] = ..., granted_vnd: _Optional[int] = ...) -> None: ...

class PlanView(_message.Message):
    __slots__ = ("plan_id", "jurisdiction", "year", "title", "budget_lines", "activities")
    PLAN_ID_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BUDGET_LINES_FIELD_NUMBER: _ClassVar[int]
    ACTIVITIES_FIELD_NUMBER: _ClassVar[int]
    plan_id: str
    jurisdiction: str
    year: int
    title: str
    budget_lines: _containers.RepeatedCompositeFieldContainer[BudgetUse]
    activities: _containers.RepeatedCompositeFieldContainer[Activity]
    def __init__(self, plan_id: _Optional[str] = ..., jurisdiction: _Optional[str] = ..., year: _Optional[int] = ..., title: _Optional[str] = ..., budget_lines: _Optional[_Iterable[_Union[BudgetUse, _Mapping]]] = ..., activities: _Optional[_Iterable[_Union[Activity, _Mapping]]] = ...) -> None: ...

class OpenShowroomRequest(_message.Message):
    __slots__ = ("actor", "name", "address", "commune_code", "province_code", "district_code", "operator", "opened_on", "activity_code")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_CODE_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_CODE_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_FIELD_NUMBER: _ClassVar[int]
    OPENED_ON_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_CODE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    name: str
    address: str
    commune_code: str
    province_code: str
    district_code: str
    operator: str
    opened_on: str
    activity_code: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., commune_code: _Optional[str] = ..., province_code: _Optional[str] = ..., district_code: _Optional[str] = ..., operator: _Optional[str] = ..., opened_on: _Optional[str] = ..., activity_code: _Optional[str] = ...) -> None: ...

class CloseShowroomRequest(_message.Message):
    __slots__ = ("actor", "showroom_id", "closed_on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    SHOWROOM_ID_FIELD_NUMBER: _ClassVar[int]
    CLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    showroom_id: str
    closed_on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., showroom_id: _Optional[str] = ..., closed_on: _Optional[str] = ...) -> None: ...

class DisplayProductRequest(_message.Message):
    __slots__ = ("actor", "showroom_id", "product_id", "since")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    SHOWROOM_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    showroom_id: str
    product_id: str
    since: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., showroom_id: _Optional[str] = ..., product_id: _Optional[str] = ..., since: _Optional[str] = ...) -> None: ...

class TakeDownProductRequest(_message.Message):
    __slots__ = ("actor", "showroom_id", "product_id", "on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    SHOWROOM_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    showroom_id: str
    product_id: str
    on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., showroom_id: _Optional[str] = ..., product_id: _Optional[str] = ..., on: _Optional[str] = ...) -> None: ...

class Display(_message.Message):
    __slots__ = ("product_id", "product_name", "producer_id", "certificate_no", "star", "since", "until", "reason")
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    STAR_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    product_name: str
    producer_id: str
    certificate_no: str
    star: int
    since: str
    until: str
    reason: str
    def __init__(self, product_id: _Optional[str] = ..., product_name: _Optional[str] = ..., producer_id: _Optional[str] = ..., certificate_no: _Optional[str] = ..., star: _Optional[int] = ..., since: _Optional[str] = ..., until: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ShowroomView(_message.Message):
    __slots__ = ("showroom_id", "name", "address", "commune_code", "province_code", "operator", "opened_on", "closed_on", "displayed", "past")
    SHOWROOM_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    PROVINCE_CODE_FIELD_NUMBER: _ClassVar[int]
    OPERATOR_FIELD_NUMBER: _ClassVar[int]
    OPENED_ON_FIELD_NUMBER: _ClassVar[int]
    CLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    DISPLAYED_FIELD_NUMBER: _ClassVar[int]
    PAST_FIELD_NUMBER: _ClassVar[int]
    showroom_id: str
    name: str
    address: str
    commune_code: str
    province_code: str
    operator: str
    opened_on: str
    closed_on: str
    displayed: _containers.RepeatedCompositeFieldContainer[Display]
    past: _containers.RepeatedCompositeFieldContainer[Display]
    def __init__(self, showroom_id: _Optional[str] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., commune_code: _Optional[str] = ..., province_code: _Optional[str] = ..., operator: _Optional[str] = ..., opened_on: _Optional[str] = ..., closed_on: _Optional[str] = ..., displayed: _Optional[_Iterable[_Union[Display, _Mapping]]] = ..., past: _Optional[_Iterable[_Union[Display, _Mapping]]] = ...) -> None: ...

class ListShowroomsRequest(_message.Message):
    __slots__ = ("jurisdiction", "include_closed", "query", "page_size", "page_token")
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_CLOSED_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    jurisdiction: str
    include_closed: bool
    query: str
    page_size: int
    page_token: str
    def __init__(self, jurisdiction: _Optional[str] = ..., include_closed: _Optional[bool] = ..., query: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ShowroomList(_message.Message):
    __slots__ = ("showrooms", "next_page_token", "total")
    SHOWROOMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    showrooms: _containers.RepeatedCompositeFieldContainer[ShowroomView]
    next_page_token: str
    total: int
    def __init__(self, showrooms: _Optional[_Iterable[_Union[ShowroomView, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total: _Optional[int] = ...) -> None: ...

class RecordFairRequest(_message.Message):
    __slots__ = ("actor", "name", "place", "location", "starts_on", "ends_on", "organiser", "activity_code")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PLACE_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    ORGANISER_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_CODE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    name: str
    place: str
    location: str
    starts_on: str
    ends_on: str
    organiser: str
    activity_code: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., name: _Optional[str] = ..., place: _Optional[str] = ..., location: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., organiser: _Optional[str] = ..., activity_code: _Optional[str] = ...) -> None: ...

class RecordParticipationRequest(_message.Message):
    __slots__ = ("actor", "fair_id", "product_id")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    FAIR_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    fair_id: str
    product_id: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., fair_id: _Optional[str] = ..., product_id: _Optional[str] = ...) -> None: ...

class RecordFairResultRequest(_message.Message):
    __slots__ = ("actor", "fair_id", "product_id", "contracts", "sales_vnd", "note")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    FAIR_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    CONTRACTS_FIELD_NUMBER: _ClassVar[int]
    SALES_VND_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    fair_id: str
    product_id: str
    contracts: int
    sales_vnd: int
    note: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., fair_id: _Optional[str] = ..., product_id: _Optional[str] = ..., contracts: _Optional[int] = ..., sales_vnd: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class Participant(_message.Message):
    __slots__ = ("product_id", "product_name", "producer_id", "certificate_no", "contracts", "sales_vnd", "reason", "withdrawn_on")
    PRODUCT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    CONTRACTS_FIELD_NUMBER: _ClassVar[int]
    SALES_VND_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_ON_FIELD_NUMBER: _ClassVar[int]
    product_id: str
    product_name: str
    producer_id: str
    certificate_no: str
    contracts: int
    sales_vnd: int
    reason: str
    withdrawn_on: str
    def __init__(self, product_id: _Optional[str] = ..., product_name: _Optional[str] = ..., producer_id: _Optional[str] = ..., certificate_no: _Optional[str] = ..., contracts: _Optional[int] = ..., sales_vnd: _Optional[int] = ..., reason: _Optional[str] = ..., withdrawn_on: _Optional[str] = ...) -> None: ...

class FairView(_message.Message):
    __slots__ = ("fair_id", "name", "place", "location", "starts_on", "ends_on", "organiser", "participants", "withdrawn")
    FAIR_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PLACE_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    ORGANISER_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    fair_id: str
    name: str
    place: str
    location: str
    starts_on: str
    ends_on: str
    organiser: str
    participants: _containers.RepeatedCompositeFieldContainer[Participant]
    withdrawn: _containers.RepeatedCompositeFieldContainer[Participant]
    def __init__(self, fair_id: _Optional[str] = ..., name: _Optional[str] = ..., place: _Optional[str] = ..., location: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., organiser: _Optional[str] = ..., participants: _Optional[_Iterable[_Union[Participant, _Mapping]]] = ..., withdrawn: _Optional[_Iterable[_Union[Participant, _Mapping]]] = ...) -> None: ...

class JoinChannelRequest(_message.Message):
    __slots__ = ("actor", "producer_id", "channel_type", "partner", "since", "until", "product_ids")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_TYPE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_IDS_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    producer_id: str
    channel_type: str
    partner: str
    since: str
    until: str
    product_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., producer_id: _Optional[str] = ..., channel_type: _Optional[str] = ..., partner: _Optional[str] = ..., since: _Optional[str] = ..., until: _Optional[str] = ..., product_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class LeaveChannelRequest(_message.Message):
    __slots__ = ("actor", "producer_id", "channel_id", "on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    producer_id: str
    channel_id: str
    on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., producer_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., on: _Optional[str] = ...) -> None: ...

class LinkValueChainRequest(_message.Message):
    __slots__ = ("actor", "producer_id", "raw_material_area", "area", "area_unit", "partner_kind", "partner", "contract_no", "since", "until")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    RAW_MATERIAL_AREA_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    AREA_UNIT_FIELD_NUMBER: _ClassVar[int]
    PARTNER_KIND_FIELD_NUMBER: _ClassVar[int]
    PARTNER_FIELD_NUMBER: _ClassVar[int]
    CONTRACT_NO_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    producer_id: str
    raw_material_area: str
    area: str
    area_unit: str
    partner_kind: str
    partner: str
    contract_no: str
    since: str
    until: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., producer_id: _Optional[str] = ..., raw_material_area: _Optional[str] = ..., area: _Optional[str] = ..., area_unit: _Optional[str] = ..., partner_kind: _Optional[str] = ..., partner: _Optional[str] = ..., contract_no: _Optional[str] = ..., since: _Optional[str] = ..., until: _Optional[str] = ...) -> None: ...

class EndValueChainRequest(_message.Message):
    __slots__ = ("actor", "producer_id", "link_id", "on")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    LINK_ID_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    producer_id: str
    link_id: str
    on: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., producer_id: _Optional[str] = ..., link_id: _Optional[str] = ..., on: _Optional[str] = ...) -> None: ...

class Channel(_message.Message):
    __slots__ = ("channel_id", "channel_type", "modern", "partner", "since", "until", "product_ids")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_TYPE_FIELD_NUMBER: _ClassVar[int]
    MODERN_FIELD_NUMBER: _ClassVar[int]
    PARTNER_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_IDS_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    channel_type: str
    modern: bool
    partner: str
    since: str
    until: str
    product_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, channel_id: _Optional[str] = ..., channel_type: _Optional[str] = ..., modern: _Optional[bool] = ..., partner: _Optional[str] = ..., since: _Optional[str] = ..., until: _Optional[str] = ..., product_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ValueChain(_message.Message):
    __slots__ = ("link_id", "raw_material_area", "area", "area_unit", "partner_kind", "partner", "contract_no", "since", "until")
    LINK_ID_FIELD_NUMBER: _ClassVar[int]
    RAW_MATERIAL_AREA_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    AREA_UNIT_FIELD_NUMBER: _ClassVar[int]
    PARTNER_KIND_FIELD_NUMBER: _ClassVar[int]
    PARTNER_FIELD_NUMBER: _ClassVar[int]
    CONTRACT_NO_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    link_id: str
    raw_material_area: str
    area: str
    area_unit: str
    partner_kind: str
    partner: str
    contract_no: str
    since: str
    until: str
    def __init__(self, link_id: _Optional[str] = ..., raw_material_area: _Optional[str] = ..., area: _Optional[str] = ..., area_unit: _Optional[str] = ..., partner_kind: _Optional[str] = ..., partner: _Optional[str] = ..., contract_no: _Optional[str] = ..., since: _Optional[str] = ..., until: _Optional[str] = ...) -> None: ...

class ProducerView(_message.Message):
    __slots__ = ("producer_id", "name", "commune_code", "channels", "value_chains")
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_CODE_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    VALUE_CHAINS_FIELD_NUMBER: _ClassVar[int]
    producer_id: str
    name: str
    commune_code: str
    channels: _containers.RepeatedCompositeFieldContainer[Channel]
    value_chains: _containers.RepeatedCompositeFieldContainer[ValueChain]
    def __init__(self, producer_id: _Optional[str] = ..., name: _Optional[str] = ..., commune_code: _Optional[str] = ..., channels: _Optional[_Iterable[_Union[Channel, _Mapping]]] = ..., value_chains: _Optional[_Iterable[_Union[ValueChain, _Mapping]]] = ...) -> None: ...

class RecordCampaignRequest(_message.Message):
    __slots__ = ("actor", "title", "channel", "audience", "held_on", "activity_code")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    AUDIENCE_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_CODE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    title: str
    channel: str
    audience: str
    held_on: str
    activity_code: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., title: _Optional[str] = ..., channel: _Optional[str] = ..., audience: _Optional[str] = ..., held_on: _Optional[str] = ..., activity_code: _Optional[str] = ...) -> None: ...

class RecordTrainingRequest(_message.Message):
    __slots__ = ("actor", "topic", "organiser", "starts_on", "ends_on", "participants", "activity_code")
    class ParticipantsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    ORGANISER_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_CODE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    topic: str
    organiser: str
    starts_on: str
    ends_on: str
    participants: _containers.ScalarMap[str, int]
    activity_code: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., topic: _Optional[str] = ..., organiser: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., participants: _Optional[_Mapping[str, int]] = ..., activity_code: _Optional[str] = ...) -> None: ...

class GrantSupportRequest(_message.Message):
    __slots__ = ("actor", "producer_id", "kind", "amount_vnd", "funding_source", "granted_on", "budget_line", "activity_code", "note")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_VND_FIELD_NUMBER: _ClassVar[int]
    FUNDING_SOURCE_FIELD_NUMBER: _ClassVar[int]
    GRANTED_ON_FIELD_NUMBER: _ClassVar[int]
    BUDGET_LINE_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_CODE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    actor: _common_pb2.Actor
    producer_id: str
    kind: str
    amount_vnd: int
    funding_source: str
    granted_on: str
    budget_line: str
    activity_code: str
    note: str
    def __init__(self, actor: _Optional[_Union[_common_pb2.Actor, _Mapping]] = ..., producer_id: _Optional[str] = ..., kind: _Optional[str] = ..., amount_vnd: _Optional[int] = ..., funding_source: _Optional[str] = ..., granted_on: _Optional[str] = ..., budget_line: _Optional[str] = ..., activity_code: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class RecordView(_message.Message):
    __slots__ = ("record_id", "kind", "on", "jurisdiction")
    RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    record_id: str
    kind: str
    on: str
    jurisdiction: str
    def __init__(self, record_id: _Optional[str] = ..., kind: _Optional[str] = ..., on: _Optional[str] = ..., jurisdiction: _Optional[str] = ...) -> None: ...

class SharesRequest(_message.Message):
    __slots__ = ("jurisdiction", "on")
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    jurisdiction: str
    on: str
    def __init__(self, jurisdiction: _Optional[str] = ..., on: _Optional[str] = ...) -> None: ...

class Target(_message.Message):
    __slots__ = ("code", "label", "label_en", "minimum", "stretch", "status", "source")
    CODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    LABEL_EN_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_FIELD_NUMBER: _ClassVar[int]
    STRETCH_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    code: str
    label: str
    label_en: str
    minimum: str
    stretch: str
    status: str
    source: str
    def __init__(self, code: _Optional[str] = ..., label: _Optional[str] = ..., label_en: _Optional[str] = ..., minimum: _Optional[str] = ..., stretch: _Optional[str] = ..., status: _Optional[str] = ..., source: _Optional[str] = ...) -> None: ...

class SharesView(_message.Message):
    __slots__ = ("jurisdiction", "on", "ocop_producers", "in_modern_channels", "modern_channel_share", "in_value_chains", "value_chain_share", "targets")
    JURISDICTION_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    OCOP_PRODUCERS_FIELD_NUMBER: _ClassVar[int]
    IN_MODERN_CHANNELS_FIELD_NUMBER: _ClassVar[int]
    MODERN_CHANNEL_SHARE_FIELD_NUMBER: _ClassVar[int]
    IN_VALUE_CHAINS_FIELD_NUMBER: _ClassVar[int]
    VALUE_CHAIN_SHARE_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    jurisdiction: str
    on: str
    ocop_producers: int
    in_modern_channels: int
    modern_channel_share: str
    in_value_chains: int
    value_chain_share: str
    targets: _containers.RepeatedCompositeFieldContainer[Target]
    def __init__(self, jurisdiction: _Optional[str] = ..., on: _Optional[str] = ..., ocop_producers: _Optional[int] = ..., in_modern_channels: _Optional[int] = ..., modern_channel_share: _Optional[str] = ..., in_value_chains: _Optional[int] = ..., value_chain_share: _Optional[str] = ..., targets: _Optional[_Iterable[_Union[Target, _Mapping]]] = ...) -> None: ...

class ProducerHistoryRequest(_message.Message):
    __slots__ = ("producer_id",)
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    producer_id: str
    def __init__(self, producer_id: _Optional[str] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ("on", "kind", "detail", "ref", "reason")
    ON_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    REF_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    on: str
    kind: str
    detail: str
    ref: str
    reason: str
    def __init__(self, on: _Optional[str] = ..., kind: _Optional[str] = ..., detail: _Optional[str] = ..., ref: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class HistoryView(_message.Message):
    __slots__ = ("producer_id", "name", "entries")
    PRODUCER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    producer_id: str
    name: str
    entries: _containers.RepeatedCompositeFieldContainer[HistoryEntry]
    def __init__(self, producer_id: _Optional[str] = ..., name: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[HistoryEntry, _Mapping]]] = ...) -> None: ...
