"""Prints the hostile tier's figures at the end of every run that included it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.environment import isolated_environment
from tests.hostile import test_hostile


def pytest_terminal_summary(terminalreporter: Any) -> None:
    counts = test_hostile.COUNTS
    if counts["commands"]:
        statuses = ", ".join(f"{k} {v}" for k, v in test_hostile.BY_STATUS.most_common())
        terminalreporter.write_line(
            f"hostile commands: {counts['commands']} over {len(test_hostile.METHODS_SEEN)} "
            f"methods; accepted {counts['accepted']}, refused cleanly {counts['refused']} "
            f"({statuses})"
        )


@pytest.fixture(scope="package", autouse=True)
def hostile_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The hostile tier runs in an environment of its own (tests/environment.py)."""
    with isolated_environment(tmp_path_factory.mktemp("config")):
        yield
