"""`deploy/kafka/topics.yaml`, rendered from the topic catalogue (`contracts.topics`).

The file is what `deploy/kafka/create_topics.py` (`kafka.sh start|create-topics`) reads;
`python -m contracts.generate` writes it and `--check` fails when it drifts."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import yaml

from contracts.topics import Topic, every_topic

TOPIC_FILE: Final = Path("deploy/kafka/topics.yaml")

HEADER: Final = """\
# Kafka topics of the OCOP system (see DESIGN.md §4).
#
# GENERATED from contracts/topics.py by `python -m contracts.generate`; do not edit:
# change the catalogue there (`make lint` fails while this file is stale).
#
# Naming: ocop.<owner>.<stream>.v<N>. Only the owning service publishes to a
# topic; a breaking contract change gets a new topic version, never an edit in
# place. Event topics keep their data forever (retention.ms -1) so a new
# consumer or a rebuilt projection can replay from offset 0. Dead-letter topics
# (one per consuming service) keep the original key, payload and headers of a
# message its consumers gave up on, plus the error, so it can be replayed.
#
# deploy/kafka/create_topics.py reads this file (kafka.sh start / create-topics):
# missing topics are created with the settings below, existing ones are left
# alone (it only warns when their partition count differs). Changing a topic
# that already exists is a migration, not an edit of the catalogue.
#
# `defaults` apply to every topic; a topic's own `partitions` / `configs`
# override them. `replication_factor` is 1 for the single-node development
# broker; a production cluster sets 3 and min.insync.replicas 2.

"""

DEFAULTS: Final[dict[str, Any]] = {
    "replication_factor": 1,
    "configs": {"min.insync.replicas": "1"},
}


def entry(topic: Topic) -> dict[str, Any]:
    """One topic of the file: create_topics.py needs name, owner, purpose and settings."""
    row: dict[str, Any] = {"name": topic.name, "owner": topic.owner}
    if topic.consumers:
        row["consumers"] = list(topic.consumers)
    row["partitions"] = topic.partitions
    row["configs"] = {"retention.ms": str(topic.retention_ms)}
    row["purpose"] = topic.description
    return row


def render_topic_file() -> dict[Path, str]:
    """The topic file's path (repo-relative) and text."""
    document = {"defaults": DEFAULTS, "topics": [entry(t) for t in every_topic()]}
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=88)
    return {TOPIC_FILE: HEADER + body}
