"""Which events travel on which topic, and how to read them back."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from contracts import topics
from contracts.evaluation import EVALUATION_EVENTS, PROVINCE_FORWARDED_EVENTS
from contracts.inspection import INSPECTION_EVENTS
from contracts.province import PROVINCE_RESULTS
from contracts.registration import REGISTRATION_EVENTS

TOPIC_EVENTS: dict[str, TypeAdapter[Any]] = {
    topics.REGISTRATION_EVENTS: REGISTRATION_EVENTS,
    topics.EVALUATION_EVENTS: EVALUATION_EVENTS,
    topics.PROVINCE_FORWARDED: PROVINCE_FORWARDED_EVENTS,
    topics.PROVINCE_RESULTS: PROVINCE_RESULTS,
    topics.INSPECTION_EVENTS: INSPECTION_EVENTS,
}


def parse(topic: str, value: bytes) -> Any:
    """The integration event in `value`; ValueError for an unknown topic or event type."""
    try:
        adapter = TOPIC_EVENTS[topic]
    except KeyError as error:
        raise ValueError(f"no contract for topic {topic}") from error
    return adapter.validate_json(value)
