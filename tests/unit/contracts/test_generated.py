"""The committed artefacts (JSON Schemas, AsyncAPI document, gRPC stubs) are exactly what
`python -m contracts.generate` makes from the code, and the comparison really can fail."""

from __future__ import annotations

import json
import shutil
from collections.abc import Collection
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from contracts import generate
from contracts.generate import (
    ASYNCAPI_FILE,
    RPC_DIR,
    SCHEMAS_DIR,
    Area,
    ContractError,
    channels,
    drift,
    main,
    render,
)
from contracts.generate.topic_file import TOPIC_FILE
from contracts.registry import TOPIC_EVENTS

REGENERATE = ".venv/bin/python -m contracts.generate --proto"


def assert_current(root: Path, areas: Collection[Area]) -> None:
    problems = drift(root, areas)
    assert not problems, (
        "committed contract artefacts drift from the code:\n  "
        + "\n  ".join(problems)
        + f"\nregenerate with: {REGENERATE}"
    )


# -- the committed tree ---------------------------------------------------------------


def test_schemas_match_models() -> None:
    assert_current(generate.ROOT, {"schemas"})


def test_asyncapi_matches() -> None:
    assert_current(generate.ROOT, {"asyncapi"})


def test_proto_stubs_are_current() -> None:
    assert_current(generate.ROOT, {"stubs"})


def test_topic_file_is_current() -> None:
    assert_current(generate.ROOT, {"topics"})


def test_generation_is_deterministic() -> None:
    assert render(generate.ROOT, {"schemas", "asyncapi"}) == render(
        generate.ROOT, {"schemas", "asyncapi"}
    )


def test_union_of_rebuilds_each_topic_adapter() -> None:
    for topic, adapter in TOPIC_EVENTS.items():
        rebuilt = TypeAdapter(generate.union_of(adapter)).json_schema()
        assert rebuilt == adapter.json_schema(), topic


def test_asyncapi_declares_every_publisher_and_consumer() -> None:
    document = json.loads((generate.ROOT / ASYNCAPI_FILE).read_text(encoding="utf-8"))
    declared = {
        (document["channels"][op["channel"]["$ref"].rsplit("/", 1)[1]]["address"], op["action"])
        for op in document["operations"].values()
    }
    operations = set(document["operations"])

    assert document["asyncapi"] == "3.0.0"
    for channel in generate.CHANNELS:
        assert (channel.name, "send") in declared
        assert generate.publisher_title(channel) in operations
        for consumer in channel.consumers:
            assert generate.subscriber_title(channel, consumer) in operations
    assert sum(1 + len(c.consumers) for c in generate.CHANNELS) == len(operations)


# -- proof that each comparison fails on drift, on a copy of the tree ------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the committed artefacts and the .proto files they come from."""
    shutil.copytree(generate.ROOT / SCHEMAS_DIR, tmp_path / SCHEMAS_DIR)
    shutil.copy2(generate.ROOT / ASYNCAPI_FILE, tmp_path / ASYNCAPI_FILE)
    (tmp_path / TOPIC_FILE).parent.mkdir(parents=True)
    shutil.copy2(generate.ROOT / TOPIC_FILE, tmp_path / TOPIC_FILE)
    shutil.copytree(
        generate.ROOT / RPC_DIR,
        tmp_path / RPC_DIR,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return tmp_path


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_copy_starts_current(tree: Path) -> None:
    assert drift(tree) == []


def test_schema_drift_is_detected(tree: Path) -> None:
    scored = SCHEMAS_DIR / "ocop.evaluation.events.v1" / "Scored.v1.json"
    recognized = SCHEMAS_DIR / "ocop.evaluation.events.v1" / "Recognized.v1.json"
    stale = SCHEMAS_DIR / "ocop.evaluation.events.v1" / "Scored.v0.json"
    edit(tree / scored, '"maximum": 5', '"maximum": 6')
    (tree / recognized).unlink()
    (tree / stale).write_text("{}\n", encoding="utf-8")

    assert drift(tree, {"schemas"}) == [
        f"missing: {recognized.as_posix()}",
        f"extra: {stale.as_posix()}",
        f"differs: {scored.as_posix()}",
    ]


def test_formatting_drift_is_detected(tree: Path) -> None:
    union = SCHEMAS_DIR / "ocop.registration.events.v1.json"
    text = (tree / union).read_text(encoding="utf-8")
    (tree / union).write_text(text.rstrip("\n"), encoding="utf-8")

    assert drift(tree, {"schemas"}) == [f"differs: {union.as_posix()}"]


def test_asyncapi_drift_is_detected(tree: Path) -> None:
    edit(tree / ASYNCAPI_FILE, "group 'reporting'", "group 'reports'")

    assert drift(tree, {"asyncapi"}) == [f"differs: {ASYNCAPI_FILE.as_posix()}"]

    (tree / ASYNCAPI_FILE).unlink()
    assert drift(tree, {"asyncapi"}) == [f"missing: {ASYNCAPI_FILE.as_posix()}"]


def test_topic_file_drift_is_detected(tree: Path) -> None:
    edit(tree / TOPIC_FILE, "name: ocop.promotion.events.v1", "name: ocop.promotion.events.v2")

    assert drift(tree, {"topics"}) == [f"differs: {TOPIC_FILE.as_posix()}"]

    (tree / TOPIC_FILE).unlink()
    assert drift(tree, {"topics"}) == [f"missing: {TOPIC_FILE.as_posix()}"]


def test_stub_drift_is_detected(tree: Path) -> None:
    edited = RPC_DIR / "reporting_pb2.py"
    deleted = RPC_DIR / "common_pb2.pyi"
    stale = RPC_DIR / "obsolete_pb2_grpc.py"
    edit(tree / edited, "# @@protoc_insertion_point(module_scope)", "# edited by hand")
    (tree / deleted).unlink()
    (tree / stale).write_text("# left over\n", encoding="utf-8")

    assert drift(tree, {"stubs"}) == [
        f"missing: {deleted.as_posix()}",
        f"extra: {stale.as_posix()}",
        f"differs: {edited.as_posix()}",
    ]


def test_stubs_follow_the_proto_files(tree: Path) -> None:
    edit(
        tree / RPC_DIR / "reporting.proto",
        "string status = 1;",
        "string status = 1;\n  int32 limit = 99;",
    )

    assert drift(tree, {"stubs"}) == [
        f"differs: {(RPC_DIR / name).as_posix()}"
        for name in ("reporting_pb2.py", "reporting_pb2.pyi")
    ]


# -- the command line -----------------------------------------------------------------


def test_check_reports_drift_and_writes_nothing(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(generate, "ROOT", tree)
    edit(tree / ASYNCAPI_FILE, "OCOP integration events", "OCOP events")
    (tree / RPC_DIR / "common_pb2.py").unlink()
    before = snapshot(tree)

    assert main(["--check"]) == 1

    assert snapshot(tree) == before
    err = capsys.readouterr().err
    assert f"differs: {ASYNCAPI_FILE.as_posix()}" in err
    assert f"missing: {(RPC_DIR / 'common_pb2.py').as_posix()}" in err


def test_check_passes_on_a_current_tree(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(generate, "ROOT", tree)

    assert main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_generate_repairs_the_tree(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(generate, "ROOT", tree)
    shutil.rmtree(tree / SCHEMAS_DIR / "ocop.registration.events.v1")
    (tree / SCHEMAS_DIR / "ocop.old.events.v1").mkdir()
    (tree / SCHEMAS_DIR / "ocop.old.events.v1" / "Gone.v1.json").write_text("{}\n")
    edit(tree / ASYNCAPI_FILE, "OCOP integration events", "OCOP events")
    (tree / RPC_DIR / "common_pb2.py").unlink()

    assert main([]) == 0
    assert drift(tree) == [f"missing: {(RPC_DIR / 'common_pb2.py').as_posix()}"]
    assert not (tree / SCHEMAS_DIR / "ocop.old.events.v1").exists()

    assert main(["--proto"]) == 0
    assert drift(tree) == []
    assert "deleted: contracts/schemas/ocop.old.events.v1/Gone.v1.json" in capsys.readouterr().out


def test_the_tables_must_cover_every_topic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(channels, "CHANNELS", channels.CHANNELS[1:])

    with pytest.raises(ContractError, match="no CHANNELS entry"):
        render(generate.ROOT, {"schemas"})
    assert main([]) == 2
