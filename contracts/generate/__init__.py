"""Generates the published artefacts of the contract from the code that defines it.

    .venv/bin/python -m contracts.generate            # JSON Schemas, AsyncAPI, topics.yaml
    .venv/bin/python -m contracts.generate --proto    # ... and the gRPC stubs
    .venv/bin/python -m contracts.generate --check    # exit 1 if anything committed is stale

Artefacts (all committed, none edited by hand), one module each:

* `schemas`: `contracts/schemas/<topic>.json` (the topic's discriminated union) and
  `contracts/schemas/<topic>/<EventType>.v<schema_version>.json` (one per event model);
* `asyncapi`: `contracts/asyncapi.json`, the AsyncAPI 3.0.0 document FastStream generates
  for a broker that declares every topic's publisher (the owner) and consumers;
* `stubs`: `contracts/rpc/*_pb2.py`, `*_pb2_grpc.py`, `*_pb2.pyi` (grpcio-tools, import-sorted);
* `topic_file`: `deploy/kafka/topics.yaml`, the topics a broker needs.

Topics and their event unions come from `contracts.registry.TOPIC_EVENTS` (read by
`events`); who publishes and who consumes each topic comes from the catalogue
`contracts.topics.CATALOGUE` (`channels.CHANNELS`: its topics that carry events).
`tree` writes the artefacts and compares them with the committed tree (`--check`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from contracts.generate.asyncapi import ASYNCAPI_FILE, publisher_title, subscriber_title
from contracts.generate.channels import CHANNELS, RESERVED_TOPICS, Channel, validate_tables
from contracts.generate.events import (
    ContractError,
    event_models,
    event_type_of,
    schema_version_of,
    union_of,
)
from contracts.generate.schemas import SCHEMAS_DIR
from contracts.generate.stubs import RPC_DIR
from contracts.generate.tree import ALL_AREAS, Area, drift, render, write

__all__ = [
    "ALL_AREAS",
    "ASYNCAPI_FILE",
    "CHANNELS",
    "RESERVED_TOPICS",
    "ROOT",
    "RPC_DIR",
    "SCHEMAS_DIR",
    "Area",
    "Channel",
    "ContractError",
    "drift",
    "event_models",
    "event_type_of",
    "main",
    "publisher_title",
    "render",
    "schema_version_of",
    "subscriber_title",
    "union_of",
    "validate_tables",
]

ROOT: Final = Path(__file__).resolve().parent.parent.parent
REGENERATE: Final = ".venv/bin/python -m contracts.generate --proto"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m contracts.generate",
        description="Generate the contract's JSON Schemas, AsyncAPI document and gRPC stubs.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="regenerate everything (schemas, AsyncAPI, stubs, topics.yaml) into a temporary "
        "directory; exit 1 listing every committed file that differs, is missing or is extra",
    )
    parser.add_argument(
        "--proto", action="store_true", help="also regenerate the gRPC stubs in place"
    )
    return parser


def check(root: Path) -> int:
    """0 when the committed artefacts under `root` are current, else 1 with the list."""
    problems = drift(root)
    if not problems:
        print("contract artefacts are up to date")
        return 0
    print("contract artefacts are out of date:", file=sys.stderr)
    for line in problems:
        print(f"  {line}", file=sys.stderr)
    print(f"regenerate with: {REGENERATE}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Exit codes: 0 done (or current), 1 stale artefacts (--check), 2 contract error."""
    args = _parser().parse_args(argv)
    try:
        if args.check:
            return check(ROOT)
        areas: set[Area] = {"schemas", "asyncapi", "topics"}
        if args.proto:
            areas.add("stubs")
        changes = write(ROOT, render(ROOT, areas), areas)
    except ContractError as error:
        print(f"contract error: {error}", file=sys.stderr)
        return 2
    for line in changes:
        print(line)
    print(f"{len(changes)} file(s) changed" if changes else "contract artefacts unchanged")
    return 0
