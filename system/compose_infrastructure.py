"""The servers the compose file runs beside the processes (`system.compose`): Kafka
(KRaft), PostgreSQL with a database per service, a one-shot topic creation and
Prometheus; and the value each setting takes inside the compose network."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from runtime.settings import Settings
from system.image import DOCKERFILE, IMAGE, METRICS_PORT, UID

PROMETHEUS_FILE: Final = Path("deploy/compose/prometheus.yml")
POSTGRES_INIT: Final = Path("deploy/compose/postgres-init.sql")

KAFKA_IMAGE: Final = "apache/kafka:4.1.0"
POSTGRES_IMAGE: Final = "postgres:16"
PROMETHEUS_IMAGE: Final = "prom/prometheus:v3.5.0"

# Values that differ from the settings' defaults inside the compose network.
COMPOSE_VALUES: Final[dict[str, str]] = {
    "store": "postgres",
    "delivery": "kafka",
    "data_dir": "/data",
    "kafka_bootstrap": "kafka:9092",
    "pg_host": "postgres",
    "grpc_host": "0.0.0.0",  # bind every interface of the container (gRPC and /metrics)
    "metrics_port": str(METRICS_PORT),
}


def setting_value(name: str) -> str:
    """The value a process gets for setting `name` in compose."""
    if name in COMPOSE_VALUES:
        return COMPOSE_VALUES[name]
    default = Settings.model_fields[name].default
    return "" if default is None else str(default)


def kafka() -> dict[str, Any]:
    """Kafka in KRaft mode, one broker that is its own controller."""
    return {
        "image": KAFKA_IMAGE,
        "environment": {
            "KAFKA_NODE_ID": "1",
            "KAFKA_PROCESS_ROLES": "broker,controller",
            "KAFKA_LISTENERS": "PLAINTEXT://:9092,CONTROLLER://:9093",
            "KAFKA_ADVERTISED_LISTENERS": "PLAINTEXT://kafka:9092",
            "KAFKA_CONTROLLER_LISTENER_NAMES": "CONTROLLER",
            "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "KAFKA_CONTROLLER_QUORUM_VOTERS": "1@kafka:9093",
            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR": "1",
            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR": "1",
            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR": "1",
            "KAFKA_AUTO_CREATE_TOPICS_ENABLE": "false",
            "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS": "0",
        },
        "volumes": ["kafka-data:/var/lib/kafka/data"],
        "healthcheck": {
            "test": [
                "CMD-SHELL",
                "/opt/kafka/bin/kafka-broker-api-versions.sh "
                "--bootstrap-server localhost:9092 > /dev/null",
            ],
            "interval": "10s",
            "timeout": "10s",
            "retries": 10,
        },
    }


def postgres() -> dict[str, Any]:
    """PostgreSQL with a database per service (the init script)."""
    return {
        "image": POSTGRES_IMAGE,
        "environment": {
            "POSTGRES_USER": setting_value("pg_user"),
            "POSTGRES_PASSWORD": setting_value("pg_password"),
        },
        "volumes": [
            "pg-data:/var/lib/postgresql/data",
            f"./{POSTGRES_INIT.name}:/docker-entrypoint-initdb.d/ocop.sql:ro",
        ],
        "healthcheck": {
            "test": ["CMD-SHELL", f"pg_isready -U {setting_value('pg_user')}"],
            "interval": "5s",
            "timeout": "5s",
            "retries": 10,
        },
    }


def topics() -> dict[str, Any]:
    """A one-shot creation of the topics of `deploy/kafka/topics.yaml`."""
    return {
        "image": IMAGE,
        "build": {"context": "../..", "dockerfile": DOCKERFILE.as_posix()},
        "command": [
            "python",
            "deploy/kafka/create_topics.py",
            "--bootstrap",
            COMPOSE_VALUES["kafka_bootstrap"],
            "--file",
            "deploy/kafka/topics.yaml",
        ],
        "user": str(UID),
        "read_only": True,
        "depends_on": {"kafka": {"condition": "service_healthy"}},
    }


def prometheus() -> dict[str, Any]:
    """Prometheus scraping every process."""
    return {
        "image": PROMETHEUS_IMAGE,
        "volumes": [f"./{PROMETHEUS_FILE.name}:/etc/prometheus/prometheus.yml:ro"],
        "ports": ["9090:9090"],
    }


def infrastructure() -> dict[str, Any]:
    """The servers compose runs beside the processes, by compose service name."""
    servers = (kafka, postgres, topics, prometheus)
    return {server.__name__: server() for server in servers}
