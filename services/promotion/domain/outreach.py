"""Outreach and support (seed plan III.1-III.2 and IV): communication campaigns,
training courses, and support granted to producers with its amount and funding source.
Each is one recorded fact; the plan's activity it belongs to is optional."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, event

Meta = dict[str, Any]


class Campaign(Aggregate):
    """A communication campaign: title, channel (OUTREACH_CHANNELS), audience, date."""

    @event("Held")
    def __init__(
        self,
        title: str,
        channel: str,
        audience: str,
        held_on: date,
        jurisdiction: str,
        activity_code: str,
        meta: Meta,
    ) -> None:
        self.title = title
        self.channel = channel
        self.audience = audience
        self.held_on = held_on
        self.jurisdiction = jurisdiction
        self.activity_code = activity_code


class Training(Aggregate):
    """A training course: topic, organiser, dates, participants by role (TRAINEE_ROLES)."""

    @event("Held")
    def __init__(
        self,
        topic: str,
        organiser: str,
        starts_on: date,
        ends_on: date,
        participants: dict[str, int],
        jurisdiction: str,
        activity_code: str,
        meta: Meta,
    ) -> None:
        self.topic = topic
        self.organiser = organiser
        self.starts_on = starts_on
        self.ends_on = ends_on
        self.participants = dict(participants)
        self.jurisdiction = jurisdiction
        self.activity_code = activity_code


class SupportGrant(Aggregate):
    """Support to one producer: kind (SUPPORT_KINDS), amount in VND (integer), funding
    source (FUNDING_SOURCES), date, and the plan's budget line it is charged to."""

    @event("Granted")
    def __init__(
        self,
        producer_id: str,
        kind: str,
        amount_vnd: int,
        funding_source: str,
        granted_on: date,
        jurisdiction: str,
        plan_id: str,
        budget_line: str,
        activity_code: str,
        note: str,
        meta: Meta,
    ) -> None:
        self.producer_id = producer_id
        self.kind = kind
        self.amount_vnd = amount_vnd
        self.funding_source = funding_source
        self.granted_on = granted_on
        self.jurisdiction = jurisdiction
        self.plan_id = plan_id
        self.budget_line = budget_line
        self.activity_code = activity_code
        self.note = note
