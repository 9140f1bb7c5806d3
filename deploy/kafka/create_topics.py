"""Create the topics of ``topics.yaml`` that the broker does not have yet.

Idempotent: existing topics are left alone (a differing partition count is
reported, not changed: that is a migration). Exit 1 on any broker error.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import for_code

from runtime.kafka_auth import client_security

TOPIC_ALREADY_EXISTS = 36


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    replication_factor: int
    configs: dict[str, str]


def load_specs(path: Path) -> list[TopicSpec]:
    """Read the topic file, applying ``defaults`` to every topic."""
    doc: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    defaults = doc.get("defaults", {})
    specs: list[TopicSpec] = []
    seen: set[str] = set()
    for entry in doc.get("topics", []):
        name = entry["name"]
        if name in seen:
            raise ValueError(f"{path}: topic {name} defined twice")
        seen.add(name)
        if not entry.get("owner") or not entry.get("purpose"):
            raise ValueError(f"{path}: topic {name} needs an owner and a purpose")
        configs = {**defaults.get("configs", {}), **entry.get("configs", {})}
        specs.append(
            TopicSpec(
                name=name,
                partitions=int(entry.get("partitions", defaults.get("partitions", 1))),
                replication_factor=int(
                    entry.get("replication_factor", defaults.get("replication_factor", 1))
                ),
                configs={key: str(value) for key, value in configs.items()},
            )
        )
    return specs


async def ensure_topics(bootstrap: str, specs: list[TopicSpec]) -> int:
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap,
        request_timeout_ms=30000,
        **client_security(os.environ.get("OCOP_KAFKA_CLIENT_CONFIG")),
    )
    await admin.start()
    try:
        existing = {t["topic"]: t for t in await admin.describe_topics([s.name for s in specs])}
        missing: list[TopicSpec] = []
        for spec in specs:
            meta = existing.get(spec.name)
            if meta is None or meta["error_code"] != 0:
                missing.append(spec)
                continue
            have = len(meta["partitions"])
            note = (
                ""
                if have == spec.partitions
                else f" (has {have} partitions, file says {spec.partitions}: left as is)"
            )
            print(f"[kafka] topic {spec.name} exists{note}")
        if not missing:
            return 0
        response = await admin.create_topics(
            [
                NewTopic(s.name, s.partitions, s.replication_factor, topic_configs=s.configs)
                for s in missing
            ]
        )
        failures = 0
        by_name = {s.name: s for s in missing}
        for topic, code, *rest in response.topic_errors:
            spec = by_name[topic]
            if code == 0:
                print(
                    f"[kafka] topic {topic} created ({spec.partitions} partitions, {spec.configs})"
                )
            elif code == TOPIC_ALREADY_EXISTS:
                print(f"[kafka] topic {topic} exists (created concurrently)")
            else:
                failures += 1
                message = rest[0] if rest else ""
                print(
                    f"[kafka] topic {topic}: {for_code(code).__name__}: {message}",
                    file=sys.stderr,
                )
        return 1 if failures else 0
    finally:
        await admin.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--bootstrap", default=os.environ.get("OCOP_KAFKA_BOOTSTRAP", "127.0.0.1:19092")
    )
    parser.add_argument("--file", type=Path, default=Path(__file__).with_name("topics.yaml"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    specs = load_specs(args.file)
    return asyncio.run(ensure_topics(args.bootstrap, specs))


if __name__ == "__main__":
    sys.exit(main())
