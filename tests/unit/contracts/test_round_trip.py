"""Every published event survives JSON and `registry.parse`; anything else is refused."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import pytest
from pydantic import ValidationError

from contracts import registry
from contracts.envelope import IntegrationEvent
from contracts.generate import ROOT, SCHEMAS_DIR, event_models, event_type_of, schema_version_of
from tests.unit.contracts.examples import EXAMPLES, PRODUCER_NAME, PRODUCER_REGISTERED, example_of

CASES = [
    pytest.param(topic, model, id=f"{topic}:{event_type_of(model)}")
    for topic, adapter in registry.TOPIC_EVENTS.items()
    for model in event_models(adapter)
]


def example(model: type[IntegrationEvent]) -> IntegrationEvent:
    event = example_of(model)
    if event is None:
        pytest.fail(f"no example of {model.__name__} in tests/unit/contracts/examples.py")
    return event


def as_dict(event: IntegrationEvent) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(event.model_dump_json())
    return document


def test_every_event_model_has_an_example() -> None:
    models = {
        model for _, adapter in registry.TOPIC_EVENTS.items() for model in event_models(adapter)
    }
    missing = sorted(m.__name__ for m in models if example_of(m) is None)
    assert not missing, f"add an example to tests/unit/contracts/examples.py for {missing}"


@pytest.mark.parametrize(("topic", "model"), CASES)
def test_event_round_trips_through_the_registry(topic: str, model: type[IntegrationEvent]) -> None:
    event = example(model)
    value = event.model_dump_json().encode("utf-8")

    parsed = registry.parse(topic, value)

    assert type(parsed) is model
    assert parsed == event
    assert parsed.model_dump_json().encode("utf-8") == value


@pytest.mark.parametrize(("topic", "model"), CASES)
def test_example_fits_the_committed_schema(topic: str, model: type[IntegrationEvent]) -> None:
    """A light structural check of the committed JSON Schema against a real payload."""
    path = SCHEMAS_DIR / topic / f"{event_type_of(model)}.v{schema_version_of(model)}.json"
    schema = json.loads((ROOT / path).read_text(encoding="utf-8"))
    payload = as_dict(example(model))

    assert schema["additionalProperties"] is False
    assert set(schema["required"]) <= set(payload)
    assert set(payload) <= set(schema["properties"])
    assert schema["properties"]["event_type"]["const"] == payload["event_type"]


@pytest.mark.parametrize(("topic", "model"), CASES)
def test_extra_fields_are_refused(topic: str, model: type[IntegrationEvent]) -> None:
    payload = as_dict(example(model))
    payload["member_scores"] = [80, 65]

    with pytest.raises(ValidationError) as refused:
        registry.parse(topic, json.dumps(payload).encode())

    assert [e["type"] for e in refused.value.errors()] == ["extra_forbidden"]


def test_extra_fields_in_the_actor_are_refused() -> None:
    payload = as_dict(PRODUCER_REGISTERED)
    payload["actor"]["password"] = "bí mật"

    with pytest.raises(ValidationError) as refused:
        registry.parse("ocop.registration.events.v1", json.dumps(payload).encode())

    assert [e["type"] for e in refused.value.errors()] == ["extra_forbidden"]


def assert_refused_on_event_type(error: ValidationError, union_error: str) -> None:
    """A union topic refuses by its tag. A single-event topic (the province's) refuses by
    the event's own fields: a wrong `event_type`, or the fields another event lacks."""
    errors = error.errors()
    if [e["type"] for e in errors] == [union_error]:
        return
    locations = [e["loc"] for e in errors]
    assert ("event_type",) in locations or ("dossier_id",) in locations, errors


@pytest.mark.parametrize("topic", sorted(registry.TOPIC_EVENTS))
def test_unknown_event_type_is_refused(topic: str) -> None:
    payload = as_dict(PRODUCER_REGISTERED)
    payload["event_type"] = "ProductDeleted"

    with pytest.raises(ValidationError) as refused:
        registry.parse(topic, json.dumps(payload).encode())

    assert_refused_on_event_type(refused.value, "union_tag_invalid")


@pytest.mark.parametrize("topic", sorted(registry.TOPIC_EVENTS))
def test_missing_event_type_is_refused(topic: str) -> None:
    payload = as_dict(PRODUCER_REGISTERED)
    del payload["event_type"]

    with pytest.raises(ValidationError) as refused:
        registry.parse(topic, json.dumps(payload).encode())

    assert_refused_on_event_type(refused.value, "union_tag_not_found")


def test_an_event_on_another_topic_is_refused() -> None:
    value = PRODUCER_REGISTERED.model_dump_json().encode()

    with pytest.raises(ValidationError):
        registry.parse("ocop.evaluation.events.v1", value)


def test_an_unknown_topic_is_refused() -> None:
    with pytest.raises(ValueError, match=re.escape("no contract for topic ocop.unknown.events.v1")):
        registry.parse("ocop.unknown.events.v1", PRODUCER_REGISTERED.model_dump_json().encode())


def test_vietnamese_text_travels_as_utf8() -> None:
    assert unicodedata.is_normalized("NFC", PRODUCER_NAME)
    value = PRODUCER_REGISTERED.model_dump_json().encode("utf-8")

    # Raw UTF-8 on the wire, not \u escapes, and nothing re-normalised.
    assert PRODUCER_NAME.encode("utf-8") in value
    assert b"\\u" not in value
    parsed = registry.parse("ocop.registration.events.v1", value)
    assert parsed.name == PRODUCER_NAME
    assert parsed.name.encode("utf-8") == PRODUCER_NAME.encode("utf-8")


def test_escaped_vietnamese_text_reads_the_same() -> None:
    escaped = json.dumps(as_dict(PRODUCER_REGISTERED), ensure_ascii=True).encode("ascii")

    assert registry.parse("ocop.registration.events.v1", escaped) == PRODUCER_REGISTERED


def test_every_example_keeps_its_vietnamese_text() -> None:
    for event in EXAMPLES:
        value = event.model_dump_json().encode("utf-8")
        text = value.decode("utf-8")
        for field, content in event.model_dump(mode="json").items():
            if isinstance(content, str) and not content.isascii():
                assert json.dumps(content, ensure_ascii=False) in text, field
