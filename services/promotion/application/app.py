"""The promotion application: the event store, the events it consumes and its command
groups.

It is an `EventSourcedProjection`: registration's ProducerRegistered and
ProductRegistered and evaluation's Recognized, CertificateExpired, CertificateSuperseded
and Revoked arrive through `process_event(event, tracking)`, are handled by the functions
the class's `consumes` table names, and what they change
(including the automatic withdrawals) is stored with the tracking record in one
transaction (exactly-once effect). Commands live in their groups — `plans` (the year's
plan), `venues` (showrooms, fairs), `channels` (sales channels, value chains), `outreach`
(campaigns, training, support) — and reads in `queries`; each command takes the actor's
`CommandContext` and raises `CommandRejected` (nothing changed) when it refuses."""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar

from contracts.evaluation import CERTIFICATE_ENDINGS, Recognized
from contracts.registration import ProducerRegistered, ProductRegistered
from runtime.projection import Consumes
from services.promotion.application import intake
from services.promotion.application.channel_commands import ChannelCommands
from services.promotion.application.core import PromotionStore
from services.promotion.application.outreach_commands import OutreachCommands
from services.promotion.application.plan_commands import PlanCommands
from services.promotion.application.queries import Queries
from services.promotion.application.venue_commands import VenueCommands


class PromotionApp(PromotionStore):
    """Trade promotion of certified products, sales channels, value chains, outreach."""

    consumes: ClassVar[Consumes] = {
        ProducerRegistered: intake.producer_registered,
        ProductRegistered: intake.product_registered,
        Recognized: intake.recognised,
        **dict.fromkeys(CERTIFICATE_ENDINGS, intake.ended),
    }

    @cached_property
    def plans(self) -> PlanCommands:
        return PlanCommands(self)

    @cached_property
    def venues(self) -> VenueCommands:
        return VenueCommands(self)

    @cached_property
    def channels(self) -> ChannelCommands:
        return ChannelCommands(self)

    @cached_property
    def outreach(self) -> OutreachCommands:
        return OutreachCommands(self)

    @cached_property
    def queries(self) -> Queries:
        return Queries(self)
