"""After the hostile run: whatever was accepted, no stored fact precedes what it must follow
(issue 10, kind 2). Every aggregate the services stored is loaded and its dated facts
compared, so an order an aggregate forgot to check shows up here, whichever command and
date the generator happened to send."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from tests.unit.inputs.servers import Running


def aggregates(up: Running) -> Iterator[Any]:
    """Every aggregate stored by every service of `up`, as it is now."""
    for service in up.system.services.values():
        app = getattr(service, "app", None)
        recorder = getattr(app, "recorder", None)
        if app is None or recorder is None or not hasattr(recorder, "select_notifications"):
            continue
        last = recorder.max_notification_id() or 0
        ids = {n.originator_id for n in recorder.select_notifications(start=1, limit=last + 1)}
        for originator in ids:
            yield app.repository.get(originator)


def _later(problems: list[str], name: str, later: Any, earlier: Any, what: str) -> None:
    if isinstance(later, date) and isinstance(earlier, date) and later < earlier:
        problems.append(f"{name}: {what} {later} before {earlier}")


def order_problems(up: Running) -> list[str]:
    """The stored facts in an impossible order, one line each (empty: none)."""
    problems: list[str] = []
    for found in aggregates(up):
        kind = type(found).__name__
        name = f"{kind} {found.id}"
        state = vars(found)
        if kind == "Dossier":
            first = state["first_received_on"]
            _later(problems, name, state["paper_copy_received_on"], first, "paper copy")
            _later(problems, name, state.get("samples_received_on"), first, "samples")
            for entry in state["returns"]:
                _later(problems, name, entry["returned_on"], first, "return")
            _later(problems, name, state["assessed_on"], state["received_on"], "assessment")
            _later(problems, name, state["forwarded_on"], state["assessed_on"], "forwarding")
        elif kind == "ProductIdea":
            days = [e["on"] for e in state["history"] if e["on"] is not None]
            if days != sorted(days):
                problems.append(f"{name}: steps out of order {days}")
        elif kind == "Evaluation":
            arrived = state["arrived_on"]
            for entry in state["advisory"]:
                _later(problems, name, entry["on"], arrived, "advisory record")
            _later(problems, name, state["adopted_on"], arrived, "adoption")
            _later(problems, name, state.get("forwarded_on"), state["adopted_on"], "forwarding")
        elif kind == "Showroom":
            opened = state["opened_on"]
            for entry in [*state["displayed"].values(), *state["past"]]:
                _later(problems, name, entry["since"], opened, "display")
                _later(problems, name, entry.get("until"), entry["since"], "take-down")
            _later(problems, name, state["closed_on"], opened, "closing")
        elif kind == "Inspection":
            days = [v["visited_on"] for v in state["visits"]]
            if days != sorted(days):
                problems.append(f"{name}: visits out of order {days}")
    return problems
