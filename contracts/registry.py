"""Which events travel on which topic, and how to read them back."""

from __future__ import annotations

import json
import re
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


# A JSON number with a fraction or an exponent, or NaN/Infinity, where a value starts (after
# `:`, `,` or `[`) and ending where a value ends: what pydantic's own JSON parser would read
# through binary floating point. Text inside strings may match too (then `parse` only takes
# the slower exact path); a number outside a string cannot escape it.
_INEXACT = re.compile(
    rb"[:,\[]\s*-?(?:NaN|Infinity|\d+(?:\.\d*(?:[eE][+-]?\d+)?|[eE][+-]?\d+)\s*[,}\]])"
)


def parse(topic: str, value: bytes) -> Any:
    """The integration event in `value`; ValueError (pydantic's ValidationError for a payload)
    for an unknown topic, a payload that is not JSON or not an event of the topic.

    JSON numbers with a fraction are read as exact decimals, never through binary floating
    point: a score sent as 69.999999999999999 is refused (more than two decimals) instead of
    becoming 70 and crossing a star boundary; NaN and Infinity are refused.

    A payload without such a number (what the relays publish: decimals travel as strings) is
    parsed and validated by pydantic in one pass over the bytes (`validate_json`, in Rust,
    about twice as fast per event); any other payload, and any that pass refuses, goes the
    exact way (`json.loads` with decimals, then `validate_python`), whose answer stands."""
    try:
        adapter = TOPIC_EVENTS[topic]
    except KeyError as error:
        raise ValueError(f"no contract for topic {topic}") from error
    if not _INEXACT.search(value):
        try:
            return adapter.validate_json(value)
        except ValueError:
            pass  # the exact way says what is wrong
    try:
        data = json.loads(value, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError:
        return adapter.validate_json(value)  # raises pydantic's "Invalid JSON" error
    return adapter.validate_python(data)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an event may carry")
