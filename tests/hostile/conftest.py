"""Prints the hostile tier's figures at the end of every run that included it."""

from __future__ import annotations

from typing import Any

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
