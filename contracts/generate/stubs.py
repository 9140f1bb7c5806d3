"""`contracts/rpc/*_pb2.py`, `*_pb2_grpc.py`, `*_pb2.pyi`: grpcio-tools stubs, import-sorted."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from contracts.generate.events import ContractError

RPC_DIR: Final = Path("contracts/rpc")
STUB_PATTERNS: Final = ("*_pb2.py", "*_pb2_grpc.py", "*_pb2.pyi")


def stub_files(directory: Path) -> Iterable[Path]:
    """The generated stubs in `directory` (not the .proto files beside them)."""
    for pattern in STUB_PATTERNS:
        yield from directory.glob(pattern)


def _run(command: Sequence[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ContractError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )


def _protoc(root: Path, protos: Sequence[str], out: Path) -> None:
    plugins = (f"--python_out={out}", f"--grpc_python_out={out}", f"--pyi_out={out}")
    _run([sys.executable, "-m", "grpc_tools.protoc", "-I", ".", *plugins, *protos], cwd=root)


def _sort_imports(stubs: Sequence[Path], cwd: Path) -> None:
    """ruff's isort alone, with contracts first-party, whatever the project config says."""
    settings = ("line-length = 100", "lint.isort.known-first-party = ['contracts']")
    _run(
        [
            *(sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--quiet"),
            *("--select", "I", "--fix"),
            *(arg for setting in settings for arg in ("--config", setting)),
            *(str(s) for s in stubs),
        ],
        cwd=cwd,
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
        _protoc(root, protos, out)
        stubs = sorted(stub_files(out / RPC_DIR))
        _sort_imports(stubs, out)
        return {RPC_DIR / s.name: s.read_text(encoding="utf-8") for s in stubs}
