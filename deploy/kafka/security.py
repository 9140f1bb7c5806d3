"""SASL/SCRAM principals and ACLs for a broker run with KAFKA_SECURITY=sasl_ssl.

Usage (kafka.sh calls it): security.py principals|scram-args|acl-args|admin-properties
  --state DIR --tls DIR

principals        write DIR/scram/<principal>.json (0600, random password) when missing:
                  `admin` (the broker's super user) and one per service and the province
scram-args        the StorageTool `--add-scram` arguments that create them at format time
acl-args          one AclCommand argument line per grant, from contracts/topics.py: a
                  topic's owner writes it, each consumer reads it in its own group, a
                  consuming service writes and reads its dead-letter topic (replay group
                  `<service>-dlq-replay`, system/replay.py). The province reads only
                  ocop.evaluation.province-forwarded.v1 and writes only
                  ocop.province.results.v1 (its dead letters stay its own).
admin-properties  DIR/admin.properties for Kafka's command-line tools

`create_acls` grants the same rights for topics and groups under a topic prefix, through
the admin principal (the distributed end-to-end tests run each under a prefix of its own).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shlex
from pathlib import Path
from typing import NamedTuple

from contracts.topics import CATALOGUE, dead_letter_topics
from runtime.topology import running

SERVICES: tuple[str, ...] = tuple(
    entry.name for entry in running() if {"stream", "relay"} & set(entry.kinds)
)
"""One principal per service of runtime.topology that talks to Kafka (stream or relay)."""
EXTERNAL: tuple[str, ...] = tuple(entry.name for entry in running() if entry.stand_in)
"""Stand-ins for another organisation's system (the province): no dead-letter rights."""


def principals(state: Path, tls: Path) -> list[Path]:
    directory = state / "scram"
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    paths = []
    for name in ("admin", *SERVICES):
        path = directory / f"{name}.json"
        if not path.exists():
            body = {
                "username": name,
                "password": secrets.token_urlsafe(24),
                "cafile": str(tls / "ca.pem"),
            }
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                json.dump(body, out)
        paths.append(path)
    return paths


def credentials(state: Path, name: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((state / "scram" / f"{name}.json").read_text())
    return data


class Grant(NamedTuple):
    """`--producer` or `--consumer` rights of `principal` on `topic` (a consumer's in its
    `group`)."""

    kind: str
    principal: str
    topic: str
    group: str = ""


def grants(prefix: str = "") -> list[Grant]:
    """Every grant of the deployment, its topics and groups under `prefix` (the topic
    prefix of a deployment sharing a broker, `OCOP_TOPIC_PREFIX`; groups are prefixed the
    same way by runtime.kafka.consumer_group and system/replay.py)."""
    found: list[Grant] = []
    for topic in CATALOGUE:
        found.append(Grant("--producer", topic.owner, prefix + topic.name))
        found += [Grant("--consumer", c, prefix + topic.name, prefix + c) for c in topic.consumers]
    for dead in dead_letter_topics():
        if dead.owner not in EXTERNAL:
            found.append(Grant("--producer", dead.owner, prefix + dead.name))
            replay = f"{prefix}{dead.owner}-dlq-replay"
            found.append(Grant("--consumer", dead.owner, prefix + dead.name, replay))
    return found


def grant(kind: str, principal: str, topic: str, group: str = "") -> list[str]:
    """One AclCommand line: `--producer` or `--consumer` rights of `principal` on `topic`."""
    line = [kind, "--allow-principal", f"User:{principal}", "--topic", topic]
    return [*line, "--group", group] if group else line


def acl_lines() -> list[list[str]]:
    return [grant(*g) for g in grants()]


# Kafka protocol codes (CreateAcls, KIP-140): resource types, pattern, operations, permission.
TOPIC, GROUP, LITERAL, ALLOW = 2, 3, 3, 3
READ, WRITE, CREATE, DESCRIBE = 3, 4, 5, 8
EXPANDED = {
    "--producer": ((TOPIC, WRITE), (TOPIC, DESCRIBE), (TOPIC, CREATE)),
    "--consumer": ((TOPIC, READ), (TOPIC, DESCRIBE), (GROUP, READ)),
}
"""What AclCommand's `--producer` and `--consumer` conveniences stand for."""


async def create_acls(bootstrap: str, admin_file: Path, prefix: str) -> int:
    """The deployment's ACLs for topics and groups under `prefix`, created through the
    admin principal in one connection (AclCommand starts a JVM per line: a test run's
    own prefix would take minutes); returns how many were created. RuntimeError names a
    refused one."""
    from aiokafka.admin import AIOKafkaAdminClient
    from aiokafka.protocol.admin import CreateAclsRequest

    from runtime.kafka_auth import client_security

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **client_security(admin_file))
    await admin.start()
    try:
        requests = [
            CreateAclsRequest(
                kind,
                g.group if kind == GROUP else g.topic,
                LITERAL,
                f"User:{g.principal}",
                "*",
                operation,
                ALLOW,
            )
            for g in grants(prefix)
            for kind, operation in EXPANDED[g.kind]
        ]
        node = admin._client.get_random_node()  # the protocol request, as AclCommand sends
        replies = await asyncio.gather(*(admin._client.send(node, r) for r in requests))
    finally:
        await admin.close()
    for reply in replies:
        for code, message in reply.creation_responses:
            if code:
                raise RuntimeError(f"CreateAcls refused ({code}): {message}")
    return len(requests)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "command", choices=("principals", "scram-args", "acl-args", "admin-properties")
    )
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--tls", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "principals":
        for path in principals(args.state, args.tls):
            print(path)
    elif args.command == "scram-args":
        for name in ("admin", *SERVICES):
            password = credentials(args.state, name)["password"]
            print(f"--add-scram\nSCRAM-SHA-256=[name={name},password={password}]")
    elif args.command == "acl-args":
        for line in acl_lines():
            print(shlex.join(line))
    else:
        admin = credentials(args.state, "admin")
        path = args.state / "admin.properties"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-256\n"
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                f'username="admin" password="{admin["password"]}";\n'
                f"ssl.truststore.type=PEM\nssl.truststore.location={args.tls / 'ca.pem'}\n"
            )
        print(path)


if __name__ == "__main__":
    main()
