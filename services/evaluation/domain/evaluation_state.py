"""The state an evaluation's events build, beside the events (`evaluation_events`): what
an evaluation holds on arrival, which of an event's attributes are not state, and the next
level's answer as the dossier keeps it. Pure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

Meta = dict[str, Any]


NOT_STATE = ("originator_id", "originator_version", "timestamp", "originator_topic", "meta")


def answer(
    level: str, result: str, score: Decimal, star: int, reason: str, meta: Meta, on: date
) -> dict[str, Any]:
    """The next level's answer as the dossier keeps it: its level, result, score, star,
    reason (a recognition's decision number), who answered and when."""
    actor = (meta or {}).get("actor") or {}
    return {
        "level": level,
        "result": result,
        "score": score,
        "star": star,
        "reason": reason,
        "by": actor.get("id", "") if isinstance(actor, dict) else "",
        "on": on,
    }


def blank_state() -> dict[str, Any]:
    """What an evaluation holds before anything but its arrival happened."""
    return {
        "status": "open",
        "sheets": {},
        "conflicts": {},
        "advisory": [],
        "rescores": 0,
        "score": None,
        "parts": {},
        "band": 0,
        "star": 0,
        "outcome": "",
        "explanation": "",
        "explanation_en": "",
        "routing": {},
        "adopted_on": None,
        "decision_no": "",
        "certificate_no": "",
        "forwarded_to": "",
        "returned": {},
        "higher": {},
    }
