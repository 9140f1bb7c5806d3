"""The generated files in a tree: render them, write them, and compare them (drift check).

`drift` renders everything into a temporary directory and compares it with the tree,
which it never writes to."""

from __future__ import annotations

import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import Final, Literal

from contracts.generate.asyncapi import ASYNCAPI_FILE, render_asyncapi
from contracts.generate.schemas import SCHEMAS_DIR, render_schemas
from contracts.generate.stubs import RPC_DIR, render_stubs, stub_files
from contracts.generate.topic_file import TOPIC_FILE, render_topic_file

Area = Literal["schemas", "asyncapi", "stubs", "topics"]
ALL_AREAS: Final[frozenset[Area]] = frozenset({"schemas", "asyncapi", "stubs", "topics"})


def render(root: Path, areas: Collection[Area] = ALL_AREAS) -> dict[Path, str]:
    """Every artefact of `areas`, as repo-relative path -> text."""
    files: dict[Path, str] = {}
    if "schemas" in areas:
        files.update(render_schemas())
    if "asyncapi" in areas:
        files.update(render_asyncapi())
    if "stubs" in areas:
        files.update(render_stubs(root))
    if "topics" in areas:
        files.update(render_topic_file())
    return files


def existing(root: Path, areas: Collection[Area] = ALL_AREAS) -> set[Path]:
    """The generated files of `areas` currently under `root`, repo-relative."""
    found: set[Path] = set()
    if "schemas" in areas and (root / SCHEMAS_DIR).is_dir():
        found |= {p.relative_to(root) for p in (root / SCHEMAS_DIR).rglob("*") if p.is_file()}
    if "asyncapi" in areas and (root / ASYNCAPI_FILE).is_file():
        found.add(ASYNCAPI_FILE)
    if "stubs" in areas:
        found |= {p.relative_to(root) for p in stub_files(root / RPC_DIR)}
    if "topics" in areas and (root / TOPIC_FILE).is_file():
        found.add(TOPIC_FILE)
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
