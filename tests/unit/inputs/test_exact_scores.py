"""Issue 9, kind 7: scores never pass through binary floating point. Every topic's payload
is read by `contracts.registry.parse`, which reads JSON fractions as exact decimals."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from pydantic import ValidationError

from contracts import registry, topics
from contracts.registry import parse
from tests.unit.contracts.examples.evaluation import HIGHER_LEVEL_RECOGNIZED


def payload(score: str) -> bytes:
    """The example event with `score` spliced in as raw JSON text (a number or a string)."""
    data = json.loads(HIGHER_LEVEL_RECOGNIZED.model_dump_json())
    data["score"] = "__SCORE__"
    return json.dumps(data).replace('"__SCORE__"', score).encode()


def test_a_json_number_just_below_seventy_is_refused_not_rounded_to_seventy() -> None:
    """The issue's example: 69.999999999999999 became Decimal('70') and crossed 4 stars."""
    with pytest.raises(ValidationError):
        parse(topics.PROVINCE_RESULTS, payload("69.999999999999999"))


@pytest.mark.parametrize(
    "score", ['"69.999999999999999"', "70.001", '"70.001"', "1e400", "-0.01", "100.01"]
)
def test_scores_with_more_than_two_decimals_or_out_of_range_are_refused(score: str) -> None:
    with pytest.raises(ValidationError):
        parse(topics.PROVINCE_RESULTS, payload(score))


@pytest.mark.parametrize(
    ("score", "exact"),
    [("69.99", "69.99"), ('"69.99"', "69.99"), ("70", "70"), ('"70.5"', "70.5"), ("0.1", "0.1")],
)
def test_scores_with_two_decimals_are_read_exactly(score: str, exact: str) -> None:
    event = parse(topics.PROVINCE_RESULTS, payload(score))
    assert event.score == Decimal(exact)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant: str) -> None:
    with pytest.raises(ValueError):
        parse(topics.PROVINCE_RESULTS, payload(constant))


@pytest.mark.parametrize(
    "spliced",
    [
        "69.999999999999999",
        " 69.999999999999999 ",
        "\n\t-69.999999999999999\n",
        "6999999999999999.9e-14",
        "7E1",
        "1e400",
        "NaN",
        " -Infinity",
    ],
)
def test_every_inexact_number_takes_the_exact_way(spliced: str) -> None:
    """`parse` validates most payloads straight from the bytes (`validate_json`), which reads
    JSON fractions through binary floating point: a payload holding a number with a fraction
    or an exponent (or NaN/Infinity) anywhere a value can stand must never take that way."""
    assert registry._INEXACT.search(payload(spliced))
    listed = payload('"69.99"').replace(b'"rule_set_id": "R3"', f'"x": [{spliced}]'.encode())
    assert registry._INEXACT.search(listed)


def test_the_fast_way_gives_what_the_exact_way_gives() -> None:
    """A payload as the relays publish it (decimals as strings, times with a fraction of a
    second) takes the fast way, and its event is the one the exact way reads."""
    event = HIGHER_LEVEL_RECOGNIZED.model_copy(
        update={"occurred_at": datetime(2026, 9, 25, 3, 0, 0, 123456, tzinfo=UTC)}
    )
    value = event.model_dump_json().encode()
    assert b'"91.40"' in value and b"00.123456Z" in value
    assert not registry._INEXACT.search(value)
    adapter = registry.TOPIC_EVENTS[topics.PROVINCE_RESULTS]
    exact = adapter.validate_python(json.loads(value, parse_float=Decimal))
    assert parse(topics.PROVINCE_RESULTS, value) == exact == event
