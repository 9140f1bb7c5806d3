"""Who publishes and who consumes each topic: the table behind the AsyncAPI document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from contracts import topics
from contracts.generate.events import ContractError, event_models, event_type_of
from contracts.registry import TOPIC_EVENTS


@dataclass(frozen=True)
class Channel:
    """One topic: its only publisher (the owner) and the services that consume it.

    Each consumer reads in its own consumer group, named after the consumer."""

    topic: str
    owner: str
    consumers: tuple[str, ...]
    description: str


CHANNELS: Final[tuple[Channel, ...]] = (
    Channel(
        topic=topics.REGISTRATION_EVENTS,
        owner="registration",
        consumers=("evaluation", "reporting"),
        description=(
            "Registration facts: producers and products registered, dossiers submitted "
            "at the commune, and the commune assessment (form 03) that forwards a dossier "
            "to the evaluating level. Keyed by aggregate id."
        ),
    ),
    Channel(
        topic=topics.EVALUATION_EVENTS,
        owner="evaluation",
        consumers=("reporting",),
        description=(
            "Evaluation facts: the council's adopted result and outcome, recognition "
            "decisions with their certificates, forwarding and returns from the next "
            "level, certificate expiry notices, re-evaluation windows, expiry, "
            "replacement and revocation. Member score sheets never leave evaluation. "
            "Keyed by aggregate id."
        ),
    ),
    Channel(
        topic=topics.PROVINCE_FORWARDED,
        owner="evaluation",
        consumers=("province",),
        description=(
            "Dossiers forwarded to the province (ForwardedToProvince): the only topic "
            "the province's account may read. Keyed by aggregate id."
        ),
    ),
    Channel(
        topic=topics.PROVINCE_RESULTS,
        owner="province",
        consumers=("evaluation",),
        description=(
            "The next level's answers to forwarded dossiers: recognised (its decision "
            "number and star) or returned to the lower level. Keyed by answer id."
        ),
    ),
    Channel(
        topic=topics.INSPECTION_EVENTS,
        owner="inspection",
        consumers=("evaluation",),
        description=(
            "Inspection results; InspectionFailed opens a revocation case in evaluation. "
            "Keyed by inspection id."
        ),
    ),
)

# Topic names declared in contracts/topics.py that carry no events yet. A topic leaves
# this set in the change that adds its events to TOPIC_EVENTS and its entry to CHANNELS.
RESERVED_TOPICS: Final[frozenset[str]] = frozenset({topics.PROMOTION_EVENTS})


def validate_tables() -> None:
    """CHANNELS, RESERVED_TOPICS and TOPIC_EVENTS must describe the same topics."""
    channel_topics = [c.topic for c in CHANNELS]
    problems: list[str] = []
    if len(set(channel_topics)) != len(channel_topics):
        problems.append("a topic appears twice in CHANNELS")
    if missing := sorted(set(TOPIC_EVENTS) - set(channel_topics)):
        problems.append(f"no CHANNELS entry (owner, consumers) for {missing}")
    if unknown := sorted(set(channel_topics) - set(TOPIC_EVENTS)):
        problems.append(f"CHANNELS lists topics without events in TOPIC_EVENTS: {unknown}")
    if both := sorted(RESERVED_TOPICS & set(TOPIC_EVENTS)):
        problems.append(f"reserved topics now carry events, drop them from RESERVED: {both}")
    for topic, adapter in TOPIC_EVENTS.items():
        seen = [event_type_of(model) for model in event_models(adapter)]
        if len(set(seen)) != len(seen):
            problems.append(f"{topic}: an event_type appears twice in its union")
    if problems:
        raise ContractError("; ".join(problems))
