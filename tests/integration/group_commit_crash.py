"""The process that dies inside a group commit, for `test_group_commit_postgres`: it stores
a group of three commands with PostgreSQL group commit and stops inside the group's
transaction (its events inserted and chained, not committed), prints `inside`, and waits
there until it is killed.

Usage: `python -m tests.integration.group_commit_crash KEY=VALUE ...`, the recorder's
eventsourcing environment."""

from __future__ import annotations

import sys
import time
import uuid
from typing import Any

from eventsourcing.persistence import InfrastructureFactory, StoredEvent
from eventsourcing.utils import Environment

from runtime.group_commit import _Command


def main(argv: list[str]) -> None:
    env = dict(arg.split("=", 1) for arg in argv)
    factory: Any = InfrastructureFactory.construct(Environment("gc", env))
    recorder = factory.application_recorder()
    link = type(recorder).link_chain

    def stuck(self: Any, curs: Any, ids: Any, events: Any) -> None:
        link(self, curs, ids, events)
        print("inside", flush=True)
        time.sleep(600)

    type(recorder).link_chain = stuck
    group = [_Command([StoredEvent(uuid.uuid4(), 1, "t", b"{}")], None) for _ in range(3)]
    recorder._store(group)


if __name__ == "__main__":
    main(sys.argv[1:])
