"""Who publishes and who consumes each topic (from the catalogue `contracts.topics`): the
table behind the AsyncAPI document, checked against the events of `TOPIC_EVENTS`."""

from __future__ import annotations

from typing import Final

from contracts import topics
from contracts.generate.events import ContractError, event_models, event_type_of
from contracts.registry import TOPIC_EVENTS

# The catalogue's topics that carry events (contracts/topics.py is the one list).
Channel = topics.Topic
CHANNELS: Final[tuple[Channel, ...]] = tuple(t for t in topics.CATALOGUE if not t.reserved)

# Topics of the catalogue that carry no events yet (`reserved=True`). A topic leaves this
# set in the change that adds its events to TOPIC_EVENTS.
RESERVED_TOPICS: Final[frozenset[str]] = frozenset(t.name for t in topics.CATALOGUE if t.reserved)


def validate_tables() -> None:
    """CHANNELS, RESERVED_TOPICS and TOPIC_EVENTS must describe the same topics."""
    channel_topics = [c.name for c in CHANNELS]
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
