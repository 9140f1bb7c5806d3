"""Events of the promotion service on `ocop.promotion.events.v1`.

The year's promotion plan (PromotionPlanAdopted, PromotionActivityAdded), producers'
sales channels and value-chain links (SalesChannelJoined/Left, ValueChainLinked/Ended),
fairs (FairHeld, FairParticipationRecorded), showrooms and what they display
(ShowroomOpened/Closed, ProductDisplayed/Withdrawn), outreach (CampaignHeld,
TrainingHeld) and support (SupportGranted, VND integers). ProductWithdrawn says why a
product left a showroom, a fair or a channel listing: `revoked` or `expired` (its OCOP
certificate ended: withdrawn automatically), `by_operator`, `closed` or `left`.
Reporting computes the seed plan's targets from them (shares of producers in modern
channels and value chains, showrooms, fairs, support by source)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from contracts.envelope import IntegrationEvent

WithdrawnFrom = Literal["showroom", "fair", "channel"]


class PlannedActivity(BaseModel):
    """One activity of the plan: kind, lead unit, units working with it, budget line."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    title: str
    kind: str = Field(
        description="fair, showroom, channel, value_chain, campaign, training, support"
    )
    lead_unit: str = Field(description="economy_infrastructure, agriculture, ...")
    with_units: list[str] = Field(default_factory=list)
    budget_line: str = ""
    budget_vnd: int = Field(default=0, ge=0)


class BudgetLine(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    label: str
    amount_vnd: int = Field(ge=0)
    funding_source: str = Field(description="ntp_new_rural, province_budget, ... (FUNDING_SOURCES)")


class PromotionPlanAdopted(IntegrationEvent):
    event_type: Literal["PromotionPlanAdopted"] = "PromotionPlanAdopted"
    jurisdiction: str
    year: int = Field(ge=2018, le=2100)
    title: str
    budget_lines: list[BudgetLine]
    activities: list[PlannedActivity]


class PromotionActivityAdded(IntegrationEvent):
    event_type: Literal["PromotionActivityAdded"] = "PromotionActivityAdded"
    jurisdiction: str
    year: int
    activity: PlannedActivity


class PromotionActivityCompleted(IntegrationEvent):
    event_type: Literal["PromotionActivityCompleted"] = "PromotionActivityCompleted"
    jurisdiction: str
    year: int
    code: str


class SalesChannelJoined(IntegrationEvent):
    """A producer sells through a channel from `since` (until `until`, inclusive)."""

    event_type: Literal["SalesChannelJoined"] = "SalesChannelJoined"
    producer_id: UUID
    channel_id: UUID
    channel_type: str = Field(description="supermarket, convenience_store, ecommerce, ...")
    modern: bool
    partner: str
    since: date
    until: date | None = None
    product_ids: list[UUID] = Field(default_factory=list)


class SalesChannelLeft(IntegrationEvent):
    event_type: Literal["SalesChannelLeft"] = "SalesChannelLeft"
    producer_id: UUID
    channel_id: UUID
    channel_type: str
    left_on: date = Field(description="Last day in the channel")


class ValueChainLinked(IntegrationEvent):
    event_type: Literal["ValueChainLinked"] = "ValueChainLinked"
    producer_id: UUID
    link_id: UUID
    raw_material_area: str
    area: str = Field(description="Exact decimal, in area_unit")
    area_unit: str = Field(description="ha or m2")
    partner_kind: str
    partner: str
    contract_no: str
    since: date
    until: date | None = None


class ValueChainEnded(IntegrationEvent):
    event_type: Literal["ValueChainEnded"] = "ValueChainEnded"
    producer_id: UUID
    link_id: UUID
    ended_on: date


class FairHeld(IntegrationEvent):
    """A fair or exhibition (recorded before or after it is held)."""

    event_type: Literal["FairHeld"] = "FairHeld"
    name: str
    place: Literal["inside", "outside"] = Field(description="Inside or outside the province")
    location: str
    starts_on: date
    ends_on: date
    organiser: str
    jurisdiction: str = Field(description="Unit of the office that recorded it")
    activity_code: str = ""


class FairParticipationRecorded(IntegrationEvent):
    """A certified product takes part in a fair; results (optional) once reported."""

    event_type: Literal["FairParticipationRecorded"] = "FairParticipationRecorded"
    fair_id: UUID
    product_id: UUID
    producer_id: UUID | None = None
    certificate_no: str
    contracts: int = Field(default=0, ge=0)
    sales_vnd: int = Field(default=0, ge=0)


class ShowroomOpened(IntegrationEvent):
    event_type: Literal["ShowroomOpened"] = "ShowroomOpened"
    name: str
    address: str = ""
    commune_code: str
    province_code: str
    district_code: str = ""
    operator: str
    opened_on: date


class ShowroomClosed(IntegrationEvent):
    event_type: Literal["ShowroomClosed"] = "ShowroomClosed"
    closed_on: date


class ProductDisplayed(IntegrationEvent):
    event_type: Literal["ProductDisplayed"] = "ProductDisplayed"
    product_id: UUID
    producer_id: UUID | None = None
    certificate_no: str
    since: date


class ProductWithdrawn(IntegrationEvent):
    """A product left a showroom, a fair or a channel listing, and why."""

    event_type: Literal["ProductWithdrawn"] = "ProductWithdrawn"
    product_id: UUID
    withdrawn_from: WithdrawnFrom
    place_id: UUID = Field(description="The showroom, fair or channel")
    reason: Literal["revoked", "expired", "by_operator", "closed", "left"]
    certificate_no: str = Field(default="", description="The certificate that ended, if any")
    withdrawn_on: date


class CampaignHeld(IntegrationEvent):
    event_type: Literal["CampaignHeld"] = "CampaignHeld"
    title: str
    channel: str = Field(description="radio, television, newspaper, website, social_media, ...")
    audience: str
    held_on: date
    jurisdiction: str
    activity_code: str = ""


class TrainingHeld(IntegrationEvent):
    event_type: Literal["TrainingHeld"] = "TrainingHeld"
    topic: str
    organiser: str
    starts_on: date
    ends_on: date
    participants: dict[str, int] = Field(description="Count per role: official, producer")
    jurisdiction: str
    activity_code: str = ""


class SupportGranted(IntegrationEvent):
    event_type: Literal["SupportGranted"] = "SupportGranted"
    producer_id: UUID
    kind: str = Field(
        description="training, consulting, design, trade_fair, certification, equipment"
    )
    amount_vnd: int = Field(gt=0)
    funding_source: str = Field(
        description="ntp_new_rural, province_budget, district_budget, commune_budget, "
        "producer_own, other_lawful"
    )
    granted_on: date
    jurisdiction: str
    plan_id: UUID | None = None
    budget_line: str = ""
    activity_code: str = ""


PromotionEvent = Annotated[
    PromotionPlanAdopted
    | PromotionActivityAdded
    | PromotionActivityCompleted
    | SalesChannelJoined
    | SalesChannelLeft
    | ValueChainLinked
    | ValueChainEnded
    | FairHeld
    | FairParticipationRecorded
    | ShowroomOpened
    | ShowroomClosed
    | ProductDisplayed
    | ProductWithdrawn
    | CampaignHeld
    | TrainingHeld
    | SupportGranted,
    Field(discriminator="event_type"),
]
PROMOTION_EVENTS: TypeAdapter[PromotionEvent] = TypeAdapter(PromotionEvent)
