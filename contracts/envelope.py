"""The envelope every integration event carries: identity, causality, actor and schema version."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

ActorRole = Literal[
    "producer",
    "commune_officer",
    "commune_committee",
    "district_officer",
    "finance_office",
    "economy_office",
    "culture_office",
    "health_office",
    "health_centre",
    "outreach_centre",
    "province_officer",
    "council_member",
    "council_secretary",
    "authority",
    "ministry",
    "auditor",
    "ops",
    "system",
]
"""One role per agency of the plan; a signed-in user's role comes from their token's
realm roles (deploy/keycloak/realm-ocop.json, docs/operators/access.md)."""


class Actor(BaseModel):
    """Who did it: an official, a council member, a producer or the system itself."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=200, description="User or system account id")
    role: ActorRole
    jurisdiction: str = Field(
        default="",
        max_length=50,
        description="Administrative unit code the actor acts for (commune, district or province)",
    )


class IntegrationEvent(BaseModel):
    """Base of every published event.

    Fields are flat: the envelope fields below, then the event's own fields.
    `event_type` is the discriminator of each topic's union; `schema_version`
    changes only with a breaking change, which also gets a new topic version.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: UUID = Field(description="Unique id of this event (the domain event's id)")
    event_type: str
    schema_version: int = Field(default=1, ge=1)
    aggregate_id: UUID = Field(description="The aggregate the event belongs to; the Kafka key")
    aggregate_version: int = Field(ge=1)
    occurred_at: datetime = Field(description="When the fact was recorded (UTC)")
    actor: Actor
    correlation_id: UUID = Field(description="Id shared by every event of one business flow")
    causation_id: UUID | None = Field(
        default=None, description="Id of the event or command that caused this one"
    )
    rule_set_id: str | None = Field(
        default=None, description="Rule set the fact was decided under, where one applies"
    )
