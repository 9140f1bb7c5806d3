"""Every topic the code publishes to or reads from is defined in deploy/kafka/topics.yaml,
which says what the catalogue (contracts/topics.py) says and nothing else."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import yaml

from contracts import topics
from contracts.generate import event_models, event_type_of
from contracts.registry import TOPIC_EVENTS
from tests.conftest import DEAD_LETTER_TOPICS, EVENT_TOPICS

ROOT = Path(__file__).resolve().parents[2]
TOPICS_FILE = ROOT / "deploy" / "kafka" / "topics.yaml"


def test_the_deployment_defines_every_topic() -> None:
    defined = {t["name"] for t in yaml.safe_load(TOPICS_FILE.read_text())["topics"]}
    used = {
        topics.REGISTRATION_EVENTS,
        topics.EVALUATION_EVENTS,
        topics.PROVINCE_FORWARDED,
        topics.PROVINCE_RESULTS,
        topics.PROMOTION_EVENTS,
        topics.INSPECTION_EVENTS,
        *EVENT_TOPICS,
        *DEAD_LETTER_TOPICS,
    }
    assert used - defined == set()
    assert defined == {t.name for t in topics.every_topic()}


def test_the_topic_creator_reads_the_catalogue_settings() -> None:
    spec_of = importlib.util.spec_from_file_location(
        "create_topics", TOPICS_FILE.with_name("create_topics.py")
    )
    assert spec_of is not None and spec_of.loader is not None
    create_topics = importlib.util.module_from_spec(spec_of)
    sys.modules["create_topics"] = create_topics  # dataclasses look their module up
    try:
        spec_of.loader.exec_module(create_topics)
    finally:
        del sys.modules["create_topics"]
    specs = {s.name: s for s in create_topics.load_specs(TOPICS_FILE)}
    for topic in topics.every_topic():
        spec = specs[topic.name]
        assert spec.partitions == topic.partitions, topic.name
        assert spec.configs["retention.ms"] == str(topic.retention_ms), topic.name
    assert specs[topics.dead_letter_topic("reporting")].partitions == 1


def test_every_consumer_has_a_dead_letter_topic() -> None:
    dead = {t.name for t in topics.dead_letter_topics()}
    for topic in topics.CATALOGUE:
        for consumer in topic.consumers:
            assert topics.dead_letter_topic(consumer) in dead
            assert topic.name in topics.subscriptions(consumer)


def test_the_topic_file_names_only_events_that_are_published() -> None:
    published = {
        event_type_of(model) for adapter in TOPIC_EVENTS.values() for model in event_models(adapter)
    }
    # Event names in the file's prose: CamelCase words of two parts or more.
    named = set(re.findall(r"\b(?:[A-Z][a-z]+){2,}\b", TOPICS_FILE.read_text()))
    assert "DossierForwarded" not in named
    assert named - published == set(), named - published
