"""The promotion application: the event store, the events it consumes and its command
groups.

It is an `EventSourcedProjection`: registration's ProducerRegistered and
ProductRegistered and evaluation's Recognized, CertificateExpired, CertificateSuperseded
and Revoked arrive through `process_event(event, tracking)`, and what they change
(including the automatic withdrawals) is stored with the tracking record in one
transaction (exactly-once effect). Commands live in their groups — `plans` (the year's
plan), `venues` (showrooms, fairs), `channels` (sales channels, value chains), `outreach`
(campaigns, training, support) — and reads in `queries`; each command takes the actor's
`CommandContext` and raises `CommandRejected` (nothing changed) when it refuses."""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.persistence import Tracking

from contracts.evaluation import CertificateExpired, CertificateSuperseded, Recognized, Revoked
from contracts.registration import ProducerRegistered, ProductRegistered
from runtime.clock import Clock
from services.promotion.application import intake
from services.promotion.application.channel_commands import ChannelCommands
from services.promotion.application.core import PromotionStore
from services.promotion.application.outreach_commands import OutreachCommands
from services.promotion.application.plan_commands import PlanCommands
from services.promotion.application.queries import Queries
from services.promotion.application.venue_commands import VenueCommands


class PromotionApp(PromotionStore):
    """Trade promotion of certified products, sales channels, value chains, outreach."""

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        clock: Clock,
        local_policies: tuple[str, ...] = (),
    ) -> None:
        super().__init__(env, clock=clock, local_policies=local_policies)
        self.plans = PlanCommands(self)
        self.venues = VenueCommands(self)
        self.channels = ChannelCommands(self)
        self.outreach = OutreachCommands(self)
        self.queries = Queries(self)

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Apply a published event from another service with its tracking, atomically."""
        super().process_event(domain_event, tracking)

    @singledispatchmethod
    def policy(self, domain_event: Any, processing_event: ProcessingEvent[UUID]) -> None:
        """Events promotion does not act on are tracked and otherwise ignored."""

    @policy.register
    def _(self, event: ProducerRegistered, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.producer_registered(self, event))

    @policy.register
    def _(self, event: ProductRegistered, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.product_registered(self, event))

    @policy.register
    def _(self, event: Recognized, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.recognised(self, event))

    @policy.register
    def _(self, event: CertificateExpired, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.expired(self, event))

    @policy.register
    def _(self, event: CertificateSuperseded, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.superseded(self, event))

    @policy.register
    def _(self, event: Revoked, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.revoked(self, event))
