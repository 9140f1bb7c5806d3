"""Generates the published artefacts of the contract from the code that defines it.

    .venv/bin/python -m contracts.generate            # JSON Schemas + AsyncAPI document
    .venv/bin/python -m contracts.generate --proto    # ... and the gRPC stubs
    .venv/bin/python -m contracts.generate --check    # exit 1 if anything committed is stale

Artefacts (all committed, none edited by hand):

* `contracts/schemas/<topic>.json`: JSON Schema of the topic's discriminated union;
* `contracts/schemas/<topic>/<EventType>.v<schema_version>.json`: one per event model;
* `contracts/asyncapi.json`: the AsyncAPI 3.0.0 document FastStream generates for a
  broker that declares every topic's publisher (the owner) and subscribers (consumers);
* `contracts/rpc/*_pb2.py`, `*_pb2_grpc.py`, `*_pb2.pyi`: grpcio-tools stubs, import-sorted.

Topics and their event unions come from `contracts.registry.TOPIC_EVENTS`; who publishes
and who consumes each topic comes from `CHANNELS` below. `--check` renders everything into
a temporary directory and compares it with the tree, which it never writes to.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import types
import typing
import warnings
from collections.abc import Callable, Collection, Coroutine, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI
from pydantic import TypeAdapter
from pydantic.json_schema import JsonSchemaMode

from contracts import topics
from contracts.envelope import IntegrationEvent
from contracts.registry import TOPIC_EVENTS

ROOT: Final = Path(__file__).resolve().parent.parent
SCHEMAS_DIR: Final = Path("contracts/schemas")
ASYNCAPI_FILE: Final = Path("contracts/asyncapi.json")
RPC_DIR: Final = Path("contracts/rpc")
STUB_PATTERNS: Final = ("*_pb2.py", "*_pb2_grpc.py", "*_pb2.pyi")

# Validation mode: the schema states what consumers accept (`registry.parse` validates
# JSON against these very models) and keeps every constraint; it is also the mode
# FastStream uses for asyncapi.json, so the two artefacts agree. See contracts/README.md.
JSON_SCHEMA_MODE: Final[JsonSchemaMode] = "validation"
JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

ASYNCAPI_SCHEMA_VERSION: Final = "3.0.0"
ASYNCAPI_TITLE: Final = "OCOP integration events"
# Version of the published contract as a whole; bump it with any change to the artefacts.
CONTRACT_VERSION: Final = "1.1.0"
# The development broker (runtime.settings default); the document never connects to it.
KAFKA_SERVER: Final = "127.0.0.1:19092"

Area = Literal["schemas", "asyncapi", "stubs"]
ALL_AREAS: Final[frozenset[Area]] = frozenset({"schemas", "asyncapi", "stubs"})


@dataclass(frozen=True)
class Channel:
    """One topic: its only publisher (the owner) and the services that consume it.

    Each consumer reads in its own consumer group, named after the consumer."""

    topic: str
    owner: str
    consumers: tuple[str, ...]
    description: str


CHANNELS: Final[tuple[Channel, ...]] = (
    Channel(
        topic=topics.REGISTRATION_EVENTS,
        owner="registration",
        consumers=("evaluation", "reporting"),
        description=(
            "Registration facts: producers and products registered, dossiers submitted "
            "at the commune, and the commune assessment (form 03) that forwards a dossier "
            "to the evaluating level. Keyed by aggregate id."
        ),
    ),
    Channel(
        topic=topics.EVALUATION_EVENTS,
        owner="evaluation",
        consumers=("reporting",),
        description=(
            "Evaluation facts: the council's adopted result and outcome, recognition "
            "decisions with their certificates, forwarding and returns from the next "
            "level, certificate expiry notices, re-evaluation windows, expiry, "
            "replacement and revocation. Member score sheets never leave evaluation. "
            "Keyed by aggregate id."
        ),
    ),
    Channel(
        topic=topics.PROVINCE_FORWARDED,
        owner="evaluation",
        consumers=("province",),
        description=(
            "Dossiers forwarded to the province (ForwardedToProvince): the only topic "
            "the province's account may read. Keyed by aggregate id."
        ),
    ),
    Channel(
        topic=topics.PROVINCE_RESULTS,
        owner="province",
        consumers=("evaluation",),
        description=(
            "The next level's answers to forwarded dossiers: recognised (its decision "
            "number and star) or returned to the lower level. Keyed by answer id."
        ),
    ),
    Channel(
        topic=topics.INSPECTION_EVENTS,
        owner="inspection",
        consumers=("evaluation",),
        description=(
            "Inspection results; InspectionFailed opens a revocation case in evaluation. "
            "Keyed by inspection id."
        ),
    ),
)

# Topic names declared in contracts/topics.py that carry no events yet. A topic leaves
# this set in the change that adds its events to TOPIC_EVENTS and its entry to CHANNELS.
RESERVED_TOPICS: Final[frozenset[str]] = frozenset({topics.PROMOTION_EVENTS})


class ContractError(Exception):
    """The contract's code and the generator's tables disagree."""


# -- the event models behind each topic --------------------------------------------------


def union_of(adapter: TypeAdapter[Any]) -> Any:
    """The type a topic's TypeAdapter was built from (its discriminated union).

    pydantic keeps it in the private `_type`; a test checks it still rebuilds the adapter."""
    return adapter._type


def event_models(adapter: TypeAdapter[Any]) -> tuple[type[IntegrationEvent], ...]:
    """The event models of a topic's union, in declaration order."""
    union = union_of(adapter)
    if typing.get_origin(union) is Annotated:
        union = typing.get_args(union)[0]
    members = (
        typing.get_args(union)
        if typing.get_origin(union) in (typing.Union, types.UnionType)
        else (union,)
    )
    models: list[type[IntegrationEvent]] = []
    for member in members:
        if not (isinstance(member, type) and issubclass(member, IntegrationEvent)):
            raise ContractError(f"{member!r} is not an IntegrationEvent")
        models.append(member)
    return tuple(models)


def event_type_of(model: type[IntegrationEvent]) -> str:
    """The discriminator value of `model` (the default of its `event_type` literal)."""
    default = model.model_fields["event_type"].default
    if not isinstance(default, str) or not default:
        raise ContractError(f"{model.__name__}.event_type needs a Literal default")
    return default


def schema_version_of(model: type[IntegrationEvent]) -> int:
    default = model.model_fields["schema_version"].default
    if not isinstance(default, int) or isinstance(default, bool) or default < 1:
        raise ContractError(f"{model.__name__}.schema_version needs a default >= 1")
    return default


def validate_tables() -> None:
    """CHANNELS, RESERVED_TOPICS and TOPIC_EVENTS must describe the same topics."""
    channel_topics = [c.topic for c in CHANNELS]
    problems: list[str] = []
    if len(set(channel_topics)) != len(channel_topics):
        problems.append("a topic appears twice in CHANNELS")
    if missing := sorted(set(TOPIC_EVENTS) - set(channel_topics)):
        problems.append(f"no CHANNELS entry (owner, consumers) for {missing}")
    if unknown := sorted(set(channel_topics) - set(TOPIC_EVENTS)):
        problems.append(f"CHANNELS lists topics without events in TOPIC_EVENTS: {unknown}")
    if both := sorted(RESERVED_TOPICS & set(TOPIC_EVENTS)):
        problems.append(f"reserved topics now carry events, drop them from RESERVED: {both}")
    for topic, adapter in TOPIC_EVENTS.items():
        seen = [event_type_of(model) for model in event_models(adapter)]
        if len(set(seen)) != len(seen):
            problems.append(f"{topic}: an event_type appears twice in its union")
    if problems:
        raise ContractError("; ".join(problems))


# -- rendering ----------------------------------------------------------------------------


def dump_json(document: Any) -> str:
    """Stable text: two-space indent, sorted keys, UTF-8 kept as is, trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_schemas() -> dict[Path, str]:
    """One JSON Schema per topic union and one per event model."""
    validate_tables()
    files: dict[Path, str] = {}
    for topic, adapter in sorted(TOPIC_EVENTS.items()):
        union_schema = adapter.json_schema(mode=JSON_SCHEMA_MODE)
        union_schema = {"$schema": JSON_SCHEMA_DIALECT, "title": topic, **union_schema}
        files[SCHEMAS_DIR / f"{topic}.json"] = dump_json(union_schema)
        for model in event_models(adapter):
            name = f"{event_type_of(model)}.v{schema_version_of(model)}.json"
            schema = model.model_json_schema(mode=JSON_SCHEMA_MODE)
            files[SCHEMAS_DIR / topic / name] = dump_json(
                {"$schema": JSON_SCHEMA_DIALECT, **schema}
            )
    return files


def _contract_handler(payload: Any, name: str) -> Callable[..., Coroutine[Any, Any, None]]:
    """A subscriber whose only job is to carry the payload type into the document."""

    async def handle(event: Any) -> None:
        """Never runs: the broker is never connected."""

    handle.__annotations__ = {"event": payload, "return": None}
    handle.__name__ = handle.__qualname__ = name
    return handle


def publisher_title(channel: Channel) -> str:
    return f"{channel.topic}:{channel.owner}:publish"


def subscriber_title(channel: Channel, consumer: str) -> str:
    return f"{channel.topic}:{consumer}:subscribe"


def build_broker() -> KafkaBroker:
    """A broker declaring every channel; it describes the contract and never connects."""
    validate_tables()
    broker = KafkaBroker(
        KAFKA_SERVER,
        description="Kafka (KRaft). Only a topic's owner publishes on it.",
    )
    for channel in CHANNELS:
        payload = union_of(TOPIC_EVENTS[channel.topic])
        broker.publisher(
            channel.topic,
            schema=payload,
            title=publisher_title(channel),
            description=f"Published by {channel.owner}. {channel.description}",
        )
        for consumer in channel.consumers:
            subscriber = broker.subscriber(
                channel.topic,
                group_id=consumer,
                title=subscriber_title(channel, consumer),
                description=(
                    f"Consumed by {consumer} in consumer group '{consumer}' "
                    f"(published by {channel.owner})."
                ),
            )
            subscriber(_contract_handler(payload, f"{consumer}_consumes"))
    return broker


def render_asyncapi() -> dict[Path, str]:
    """The AsyncAPI document FastStream generates for `build_broker()`."""
    with warnings.catch_warnings():
        # FastStream warns, then silently drops, on clashing channel or schema names.
        warnings.simplefilter("error", RuntimeWarning)
        specification = AsyncAPI(
            build_broker(),
            title=ASYNCAPI_TITLE,
            version=CONTRACT_VERSION,
            description=(
                "Integration events of Vietnam's OCOP programme (One Commune One Product). "
                "Payloads are JSON; see contracts/README.md for the envelope and the "
                "versioning policy."
            ),
            schema_version=ASYNCAPI_SCHEMA_VERSION,
        ).to_specification()
        document = specification.to_jsonable()
    return {ASYNCAPI_FILE: dump_json(document)}


def _run(command: Sequence[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ContractError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )


def render_stubs(root: Path) -> dict[Path, str]:
    """The gRPC stubs of `root`'s .proto files: protoc (grpcio-tools), then ruff's isort.

    Sorting the imports (contracts is first-party) makes the stubs a fixed point of
    `ruff check --fix`, so linting the tree cannot make them drift."""
    protos = sorted(p.relative_to(root).as_posix() for p in (root / RPC_DIR).glob("*.proto"))
    if not protos:
        return {}
    with tempfile.TemporaryDirectory(prefix="ocop-stubs-") as tmp:
        out = Path(tmp)
        _run(
            [
                sys.executable,
                "-m",
                "grpc_tools.protoc",
                "-I",
                ".",
                f"--python_out={out}",
                f"--grpc_python_out={out}",
                f"--pyi_out={out}",
                *protos,
            ],
            cwd=root,
        )
        stubs = sorted(_stub_files(out / RPC_DIR))
        _run(
            [
                sys.executable,
                "-m",
                "ruff",
                "check",
                "--isolated",
                "--no-cache",
                "--quiet",
                "--select",
                "I",
                "--fix",
                "--config",
                "line-length = 100",
                "--config",
                "lint.isort.known-first-party = ['contracts']",
                *(str(s) for s in stubs),
            ],
            cwd=out,
        )
        return {RPC_DIR / s.name: s.read_text(encoding="utf-8") for s in stubs}


def render(root: Path, areas: Collection[Area] = ALL_AREAS) -> dict[Path, str]:
    """Every artefact of `areas`, as repo-relative path -> text."""
    files: dict[Path, str] = {}
    if "schemas" in areas:
        files.update(render_schemas())
    if "asyncapi" in areas:
        files.update(render_asyncapi())
    if "stubs" in areas:
        files.update(render_stubs(root))
    return files


# -- comparing and writing ----------------------------------------------------------------


def _stub_files(directory: Path) -> Iterable[Path]:
    for pattern in STUB_PATTERNS:
        yield from directory.glob(pattern)


def existing(root: Path, areas: Collection[Area] = ALL_AREAS) -> set[Path]:
    """The generated files of `areas` currently under `root`, repo-relative."""
    found: set[Path] = set()
    if "schemas" in areas and (root / SCHEMAS_DIR).is_dir():
        found |= {p.relative_to(root) for p in (root / SCHEMAS_DIR).rglob("*") if p.is_file()}
    if "asyncapi" in areas and (root / ASYNCAPI_FILE).is_file():
        found.add(ASYNCAPI_FILE)
    if "stubs" in areas:
        found |= {p.relative_to(root) for p in _stub_files(root / RPC_DIR)}
    return found


def write(root: Path, files: dict[Path, str], areas: Collection[Area]) -> list[str]:
    """Write `files` under `root` and delete stale generated files of `areas`.

    Unchanged files are left alone. Returns what changed, one line per file."""
    changes: list[str] = []
    for relative, text in sorted(files.items()):
        target = root / relative
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        changes.append(f"{'updated' if target.exists() else 'created'}: {relative.as_posix()}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for stale in sorted(existing(root, areas) - set(files)):
        (root / stale).unlink()
        changes.append(f"deleted: {stale.as_posix()}")
    schemas = root / SCHEMAS_DIR
    if "schemas" in areas and schemas.is_dir():
        for directory in sorted(schemas.rglob("*"), reverse=True):
            if directory.is_dir() and not any(directory.iterdir()):
                directory.rmdir()
    return changes


def drift(root: Path, areas: Collection[Area] = ALL_AREAS) -> list[str]:
    """Regenerate `areas` into a temporary directory and compare with `root`.

    One line per file that differs from, is missing in, or is extra in `root`."""
    with tempfile.TemporaryDirectory(prefix="ocop-contracts-") as tmp:
        fresh = Path(tmp)
        write(fresh, render(root, areas), areas)
        expected = existing(fresh, areas)
        committed = existing(root, areas)
        problems = [f"missing: {p.as_posix()}" for p in expected - committed]
        problems += [f"extra: {p.as_posix()}" for p in committed - expected]
        problems += [
            f"differs: {p.as_posix()}"
            for p in expected & committed
            if (fresh / p).read_bytes() != (root / p).read_bytes()
        ]
    return sorted(problems, key=lambda line: line.split(": ", 1)[1])


# -- command line -------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m contracts.generate",
        description="Generate the contract's JSON Schemas, AsyncAPI document and gRPC stubs.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="regenerate everything (schemas, AsyncAPI, stubs) into a temporary directory; "
        "exit 1 listing every committed file that differs, is missing or is extra",
    )
    parser.add_argument(
        "--proto", action="store_true", help="also regenerate the gRPC stubs in place"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = drift(ROOT)
            if problems:
                print("contract artefacts are out of date:", file=sys.stderr)
                for line in problems:
                    print(f"  {line}", file=sys.stderr)
                print(
                    "regenerate with: .venv/bin/python -m contracts.generate --proto",
                    file=sys.stderr,
                )
                return 1
            print("contract artefacts are up to date")
            return 0
        areas: set[Area] = {"schemas", "asyncapi"}
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


if __name__ == "__main__":
    sys.exit(main())
