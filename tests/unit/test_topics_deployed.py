"""Every topic the code publishes to or reads from is defined in deploy/kafka/topics.yaml."""

from __future__ import annotations

from pathlib import Path

import yaml

from contracts import topics
from tests.conftest import DEAD_LETTER_TOPICS, EVENT_TOPICS

TOPICS_FILE = Path(__file__).resolve().parents[2] / "deploy" / "kafka" / "topics.yaml"


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
