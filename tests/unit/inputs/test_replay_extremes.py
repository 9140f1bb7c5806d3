"""Issue 10 kind 1: reads never fail on a stored value. Every stored event type of every
service (histories.py records all of them; the test fails if one is missing) is rewritten
with its extreme legal values (extremes.py: longest text with every Vietnamese letter, tone
and combining sequence, greatest numbers, the first and the last legal date), then the
embedded system starts on the rewritten files: the aggregates replay, the catalogue is
rebuilt from the sources' stores, the relays deliver every message to every consumer, and
every read of every service answers over gRPC and is shown by the CLI as a table and as
JSON, in Vietnamese and English. Fails on any crash, a dead letter, a reply or output that
is not NFC, or an extreme text cut or altered on its way. The reads, their requests
and the CLI's output are built in replay.py."""

from __future__ import annotations

import asyncio
import json
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import message_factory

from cli.output import emit_table, width
from runtime.settings import Settings
from system.builders import builder
from system.embedded import EmbeddedSystem
from tests.identity import TestIssuer
from tests.unit.inputs.extremes import MARK, Changes, extreme_text, partial_marks, rewrite_store
from tests.unit.inputs.histories import HISTORIES, record_histories
from tests.unit.inputs.raw import json_strings
from tests.unit.inputs.replay import (
    READERS,
    check_shown,
    id_pools,
    read_methods,
    requests_for,
    stored_event_types,
    strings_of,
)


@dataclass
class Replayed:
    system: EmbeddedSystem
    changes: Changes
    pools: dict[str, set[str]]
    ports: dict[str, int]


@pytest.fixture(scope="module", params=["latest", "earliest"])
def replayed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Replayed]:
    folder = Path(tmp_path_factory.mktemp(f"replay-{request.param}"))
    ports = {f"{name}_port": 0 for name in (*HISTORIES, "reporting", "identity")}
    settings = Settings(store="sqlite", data_dir=folder, **ports)  # type: ignore[arg-type]
    record_histories(settings)
    changes = Changes()
    for service in HISTORIES:
        app = builder(service)(settings).app
        rewrite_store(str(folder / f"{service}.sqlite"), app, request.param == "latest", changes)
    pools = id_pools(settings)
    system = EmbeddedSystem(settings)  # replays the catalogue from the rewritten sources
    try:
        asyncio.run(system.deliver())  # every stored event's message to every consumer
        yield Replayed(system, changes, pools, system.start_rpc())
    finally:
        system.close()


def test_every_stored_event_type_is_rewritten(replayed: Replayed) -> None:
    changes = replayed.changes
    missing = stored_event_types() - changes.topics
    assert not missing, (
        f"stored event types no history records: {sorted(missing)}; add the step that "
        "records each to tests/unit/inputs/histories.py (the replay must cover every type)"
    )
    assert changes.counts["text"] > 100 and changes.counts["date"] > 100
    assert changes.counts["number"] > 0
    print(f"\nrewritten: {len(changes.topics)} event types, {changes.counts}")


def test_the_aggregates_and_the_consumers_replay_without_failing(replayed: Replayed) -> None:
    system = replayed.system
    dead = system.settings.data_dir / "dead-letters"
    letters = [p.read_text(encoding="utf-8") for p in dead.glob("*.jsonl")] if dead.exists() else []
    assert not any(letters), letters[:1]
    assert system.reporting.app.list_products()  # the catalogue was rebuilt


def test_every_read_answers_and_shows_the_extreme_values_whole(replayed: Replayed) -> None:
    system, changes, pools = replayed.system, replayed.changes, replayed.pools
    assert system.issuer is not None
    issuer = TestIssuer(system.issuer)
    full = set(changes.texts.values())
    answered: dict[str, int] = {}
    whole_seen = 0
    problems: list[str] = []
    for method in read_methods():
        address = f"127.0.0.1:{replayed.ports[method.service]}"
        name = f"{method.service}.{method.descriptor.name}"
        with grpc.insecure_channel(address) as channel:
            reply_class = message_factory.GetMessageClass(method.descriptor.output_type)
            streamed = method.descriptor.server_streaming  # bundle, document: the first part
            call = (channel.unary_stream if streamed else channel.unary_unary)(
                method.path,
                request_serializer=lambda m: m.SerializeToString(),
                response_deserializer=reply_class.FromString,
            )
            for request in requests_for(method, pools):
                for reader in READERS:
                    try:
                        reply = call(request, metadata=issuer.metadata(*reader), timeout=30)
                        if streamed:
                            reply = next(iter(reply))
                    except grpc.RpcError as error:
                        failure: Any = error
                        code = failure.code()
                        if code in (grpc.StatusCode.UNKNOWN, grpc.StatusCode.INTERNAL):
                            problems.append(f"{name} {code.name}: {failure.details()}")
                        continue
                    answered[name] = answered.get(name, 0) + 1
                    texts = (  # the manifest's strings as they were, not JSON-escaped
                        list(json_strings(json.loads(reply.manifest_json)))
                        if streamed and hasattr(reply, "manifest_json")
                        else list(strings_of(reply))
                    )
                    whole_seen += sum(t in full for t in texts) + sum(
                        any(w in t for w in full) for t in texts
                    )
                    for text in texts:
                        if not unicodedata.is_normalized("NFC", text):
                            problems.append(f"{name}: a reply string is not NFC: {text[:40]!r}")
                        problems += [f"{name}: cut {cut!r}" for cut in partial_marks(text, full)]
                    problems += check_shown(method, reply, full)
                    break
    assert not problems, "\n".join(sorted(set(problems))[:20])
    missing = {f"{m.service}.{m.descriptor.name}" for m in read_methods()} - set(answered)
    assert not missing, f"reads never answered: {sorted(missing)}"
    assert whole_seen > 0 and any(MARK in t for t in full)
    print(f"\nreads answered: {sum(answered.values())} over {len(answered)} methods")


def test_a_table_lines_up_by_displayed_width(capsys: pytest.CaptureFixture[str]) -> None:
    """Combining sequences (ơ̆: two code points, one column) and long free text with
    newlines in a table's cells: every line of the table is as wide as the header."""
    rows: list[Mapping[str, Any]] = [
        {"name": extreme_text(300), "product_set": 13, "status": "recognised"},
        {"name": "Cà phê Đăk Hà", "product_set": 4, "status": "revoked"},
        {"name": extreme_text(5000, multiline=True), "product_set": 26, "status": "x"},
    ]
    emit_table(rows, ["name", "product_set", "status"], as_json=False, lang="vi")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4  # a header and three rows, each on one line
    assert len({width(line) for line in lines}) == 1, [width(line) for line in lines]
