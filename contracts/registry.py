"""Which events travel on which topic, and how to read them back."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter

from contracts import topics
from contracts.evaluation import EVALUATION_EVENTS, PROVINCE_FORWARDED_EVENTS
from contracts.inspection import INSPECTION_EVENTS
from contracts.promotion import PROMOTION_EVENTS
from contracts.province import PROVINCE_RESULTS
from contracts.registration import REGISTRATION_EVENTS

TOPIC_EVENTS: dict[str, TypeAdapter[Any]] = {
    topics.REGISTRATION_EVENTS: REGISTRATION_EVENTS,
    topics.EVALUATION_EVENTS: EVALUATION_EVENTS,
    topics.PROVINCE_FORWARDED: PROVINCE_FORWARDED_EVENTS,
    topics.PROVINCE_RESULTS: PROVINCE_RESULTS,
    topics.INSPECTION_EVENTS: INSPECTION_EVENTS,
    topics.PROMOTION_EVENTS: PROMOTION_EVENTS,
}


def parse(topic: str, value: bytes) -> Any:
    """The integration event in `value`; ValueError (pydantic's ValidationError for a payload)
    for an unknown topic, a payload that is not JSON or not an event of the topic.

    JSON numbers with a fraction are read as exact decimals, never through binary floating
    point: a score sent as 69.999999999999999 is refused (more than two decimals) instead of
    becoming 70 and crossing a star boundary; NaN and Infinity are refused."""
    try:
        adapter = TOPIC_EVENTS[topic]
    except KeyError as error:
        raise ValueError(f"no contract for topic {topic}") from error
    try:
        data = json.loads(value, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError:
        return adapter.validate_json(value)  # raises pydantic's "Invalid JSON" error
    return adapter.validate_python(data)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an event may carry")
