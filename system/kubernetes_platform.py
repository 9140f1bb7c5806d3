"""Kafka and PostgreSQL in the Kubernetes manifests (`system.kubernetes`): Strimzi
`KafkaTopic`s and a `KafkaUser` per service with the ACLs the topic catalogue implies,
a CloudNativePG `Cluster`, a `Database` per service and a daily `ScheduledBackup`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from contracts.topics import CATALOGUE, Topic, dead_letter_topics
from system.compose import setting_value
from system.kubernetes_workloads import KAFKA_CLUSTER, PART_OF, PG_CLUSTER, deployed

EXTERNAL: Final = ("province",)  # another organisation's system: no dead-letter rights


def kafka_topic(topic: Topic) -> dict[str, Any]:
    return {
        "apiVersion": "kafka.strimzi.io/v1",
        "kind": "KafkaTopic",
        "metadata": {
            "name": topic.name.replace(".", "-"),
            "labels": {"strimzi.io/cluster": KAFKA_CLUSTER, **PART_OF},
        },
        "spec": {
            "topicName": topic.name,
            "partitions": topic.partitions,
            "replicas": 1,
            "config": {"retention.ms": topic.retention_ms, "min.insync.replicas": 1},
        },
    }


def _acl(topic: str, operations: list[str], group: str = "") -> Iterator[dict[str, Any]]:
    yield {
        "resource": {"type": "topic", "name": topic, "patternType": "literal"},
        "operations": operations,
    }
    if group:
        yield {
            "resource": {"type": "group", "name": group, "patternType": "literal"},
            "operations": ["Read"],
        }


def kafka_user(service: str) -> dict[str, Any]:
    """The service's principal (SCRAM-SHA-512) with the ACLs the catalogue implies. In the
    cluster the consumer group is the service's name (no topic prefix)."""
    acls: list[dict[str, Any]] = []
    for topic in CATALOGUE:
        if topic.owner == service:
            acls += _acl(topic.name, ["Write", "Describe"])
        if service in topic.consumers:
            acls += _acl(topic.name, ["Read", "Describe"], service)
    if service not in EXTERNAL:
        for dead in dead_letter_topics():
            if dead.owner == service:
                acls += _acl(dead.name, ["Write", "Read", "Describe"], f"{service}-replay")
    return {
        "apiVersion": "kafka.strimzi.io/v1",
        "kind": "KafkaUser",
        "metadata": {
            "name": f"ocop-{service}",
            "labels": {"strimzi.io/cluster": KAFKA_CLUSTER, **PART_OF},
        },
        "spec": {
            "authentication": {"type": "scram-sha-512"},
            "authorization": {"type": "simple", "acls": acls},
        },
    }


def postgres() -> list[dict[str, Any]]:
    services = sorted({p.service for p in deployed()})
    prefix = setting_value("pg_db_prefix")
    owner = setting_value("pg_user")
    cluster = {
        "apiVersion": "postgresql.cnpg.io/v1",
        "kind": "Cluster",
        "metadata": {"name": PG_CLUSTER, "labels": PART_OF},
        "spec": {
            "instances": 1,
            "storage": {"size": "20Gi"},
            "bootstrap": {"initdb": {"database": f"{prefix}{services[0]}", "owner": owner}},
            "backup": {
                "retentionPolicy": "30d",
                "barmanObjectStore": {
                    "destinationPath": "s3://ocop-backups/postgres",
                    "s3Credentials": {
                        "accessKeyId": {"name": "ocop-backup-s3", "key": "ACCESS_KEY_ID"},
                        "secretAccessKey": {"name": "ocop-backup-s3", "key": "SECRET_ACCESS_KEY"},
                    },
                },
            },
        },
    }
    databases = [
        {
            "apiVersion": "postgresql.cnpg.io/v1",
            "kind": "Database",
            "metadata": {"name": f"ocop-{s}", "labels": PART_OF},
            "spec": {"name": f"{prefix}{s}", "owner": owner, "cluster": {"name": PG_CLUSTER}},
        }
        for s in services
    ]
    backup = {
        "apiVersion": "postgresql.cnpg.io/v1",
        "kind": "ScheduledBackup",
        "metadata": {"name": f"{PG_CLUSTER}-daily", "labels": PART_OF},
        "spec": {"schedule": "0 0 19 * * *", "cluster": {"name": PG_CLUSTER}},  # 02:00 ICT
    }
    return [cluster, *databases, backup]
