"""Every topic that carries events has a contract, an owner and its consumers."""

from __future__ import annotations

import ast
import re

from contracts import generate, topics
from contracts.generate import CHANNELS, RESERVED_TOPICS, event_models, event_type_of
from contracts.registry import TOPIC_EVENTS

TOPIC_NAME = re.compile(
    r"^ocop\.(?P<owner>[a-z]+)\.(?P<stream>[a-z][a-z-]*)\.v(?P<version>[1-9]\d*)$"
)


def declared_topics() -> dict[str, str]:
    """The topic constants of contracts/topics.py: name -> topic."""
    return {
        name: value
        for name, value in vars(topics).items()
        if name.isupper() and isinstance(value, str)
    }


def topics_used_by_services() -> dict[str, set[str]]:
    """topic -> the service files that name it as `topics.X` or import it from topics."""
    declared = declared_topics()
    used: dict[str, set[str]] = {}
    for path in sorted((generate.ROOT / "services").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "topics"
            ):
                names.add(node.attr)
            elif isinstance(node, ast.ImportFrom) and node.module == "contracts.topics":
                names.update(alias.name for alias in node.names)
        for name in names & set(declared):
            used.setdefault(declared[name], set()).add(str(path.relative_to(generate.ROOT)))
    return used


def test_every_declared_topic_has_events_or_is_reserved() -> None:
    loose = sorted(
        topic
        for topic in declared_topics().values()
        if topic not in TOPIC_EVENTS and topic not in RESERVED_TOPICS
    )
    assert not loose, (
        f"topics with neither events in contracts.registry.TOPIC_EVENTS nor a place in "
        f"contracts.generate.RESERVED_TOPICS: {loose}"
    )


def test_every_topic_a_service_uses_carries_events() -> None:
    without_contract = {
        topic: sorted(files)
        for topic, files in topics_used_by_services().items()
        if topic not in TOPIC_EVENTS
    }
    assert not without_contract, f"services use topics without a contract: {without_contract}"


def test_every_contract_topic_is_declared_in_topics() -> None:
    undeclared = sorted(set(TOPIC_EVENTS) - set(declared_topics().values()))
    assert not undeclared, f"TOPIC_EVENTS has topics missing from contracts/topics.py: {undeclared}"


def test_reserved_topics_are_declared() -> None:
    undeclared = sorted(RESERVED_TOPICS - set(declared_topics().values()))
    assert not undeclared, f"reserved topics missing from contracts/topics.py: {undeclared}"


def test_channels_and_topic_events_agree() -> None:
    generate.validate_tables()
    assert {c.name for c in CHANNELS} == set(TOPIC_EVENTS)


def test_topic_names_follow_the_convention_and_name_their_owner() -> None:
    for topic in declared_topics().values():
        assert TOPIC_NAME.match(topic), topic
    for channel in CHANNELS:
        match = TOPIC_NAME.match(channel.name)
        assert match is not None
        assert match["owner"] == channel.owner, channel.name
        assert channel.owner not in channel.consumers, channel.name


def test_the_province_topic_carries_forwarded_dossiers() -> None:
    carried = {event_type_of(m) for m in event_models(TOPIC_EVENTS[topics.PROVINCE_FORWARDED])}
    assert "ForwardedToProvince" in carried


def test_the_readme_names_every_topic_event_and_consumer() -> None:
    readme = (generate.ROOT / "contracts" / "README.md").read_text(encoding="utf-8")
    expected = {c.name for c in CHANNELS} | RESERVED_TOPICS
    expected |= {c.owner for c in CHANNELS} | {x for c in CHANNELS for x in c.consumers}
    expected |= {
        event_type_of(model) for adapter in TOPIC_EVENTS.values() for model in event_models(adapter)
    }
    missing = sorted(word for word in expected if f"`{word}`" not in readme)
    assert not missing, f"contracts/README.md does not mention {missing}"
