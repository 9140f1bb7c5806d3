"""The house's size figures (issue 8): long modules, long functions, repeated code.

Measures the Python files git tracks, generated gRPC modules (``*_pb2.py``,
``*_pb2_grpc.py``, ``*_pb2.pyi``) left out:

- modules over ``--module-lines`` lines (default 300), longest first;
- functions and methods over ``--function-lines`` lines (default 60), counted from
  the ``def`` line to the last line of the body (decorators not counted);
- the pair count of the ``duplicates`` tool over the whole tree, and again over a
  copy of the tree without the generated gRPC modules (the tool reads a folder
  and cannot leave files out). Skipped, with a line saying so, when the tool is
  not installed.

Usage: ``python scripts/house.py [--list] [--no-duplicates] [--root DIR]`` or ``make house``
(``--root``: another checkout, e.g. ``git worktree add --detach /tmp/before REV``).
Prints a summary; ``--list`` adds every long module and function by path. Exit
status is 0: the figures inform, they gate nothing.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

GENERATED = re.compile(r"_pb2(_grpc)?\.pyi?$")
PAIRS = re.compile(r"^(\d+) pairs of places")


@dataclass(frozen=True)
class Long:
    """One module or function over its limit: where it is and how many lines it has."""

    where: str
    lines: int


def tracked(root: Path) -> list[str]:
    """The files git tracks under ``root``, as paths relative to it."""
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, check=True, capture_output=True, text=True
    ).stdout
    return [name for name in out.split("\0") if name]


def python_sources(root: Path) -> list[str]:
    """Tracked ``.py`` files that a person wrote (generated gRPC modules left out)."""
    return sorted(
        name for name in tracked(root) if name.endswith(".py") and not GENERATED.search(name)
    )


def long_modules(root: Path, sources: list[str], limit: int) -> list[Long]:
    """Modules with more than ``limit`` lines, longest first."""
    found = []
    for name in sources:
        lines = (root / name).read_text(encoding="utf-8").count("\n")
        if lines > limit:
            found.append(Long(name, lines))
    return sorted(found, key=lambda long: (-long.lines, long.where))


def long_functions(root: Path, sources: list[str], limit: int) -> list[Long]:
    """Functions and methods with more than ``limit`` lines (``def`` to end), longest first."""
    found = []
    for name in sources:
        tree = ast.parse((root / name).read_text(encoding="utf-8"), filename=name)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    found.append(Long(f"{name}:{node.lineno} {node.name}", lines))
    return sorted(found, key=lambda long: (-long.lines, long.where))


def duplicate_pairs(folder: Path) -> int | None:
    """The pair count that ``duplicates`` reports for ``folder`` (None if it said none)."""
    out = subprocess.run(
        ["duplicates", "--repo", str(folder), "--seconds", "300"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    first = out.splitlines()[0] if out else ""
    if first.startswith("no duplicates"):
        return 0
    match = PAIRS.match(first)
    return int(match.group(1)) if match else None


def duplicates_without_generated(root: Path) -> int | None:
    """The pair count over a copy of the tracked tree with the generated modules left out."""
    with tempfile.TemporaryDirectory(prefix="house-") as copy:
        for name in tracked(root):
            if GENERATED.search(name) or not (root / name).is_file():
                continue
            target = Path(copy) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / name, target)
        return duplicate_pairs(Path(copy))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module-lines", type=int, default=300)
    parser.add_argument("--function-lines", type=int, default=60)
    parser.add_argument("--list", action="store_true", help="every long module and function")
    parser.add_argument("--no-duplicates", action="store_true", help="skip the duplicates tool")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the git checkout to measure (default: this one), e.g. a worktree of an older commit",
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    sources = python_sources(root)
    modules = long_modules(root, sources, args.module_lines)
    functions = long_functions(root, sources, args.function_lines)
    print(f"python modules read: {len(sources)} (generated *_pb2* left out)")
    print(f"modules over {args.module_lines} lines: {len(modules)}")
    print(f"functions over {args.function_lines} lines: {len(functions)}")
    if args.no_duplicates:
        pass
    elif shutil.which("duplicates") is None:
        print("duplicates: the tool is not installed here; pairs not counted")
    else:
        print(f"duplicates pairs, whole tree: {duplicate_pairs(root)}")
        print(
            f"duplicates pairs, without generated gRPC modules: "
            f"{duplicates_without_generated(root)}"
        )
    if args.list:
        print(f"\nmodules over {args.module_lines} lines:")
        for long in modules:
            print(f"  {long.lines:5d}  {long.where}")
        print(f"\nfunctions over {args.function_lines} lines:")
        for long in functions:
            print(f"  {long.lines:5d}  {long.where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
