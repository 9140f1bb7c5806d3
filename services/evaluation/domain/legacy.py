"""Events stored by the first version of this service (issue 2's provisional rule), and
how each is read as its current form (v1 -> v2).

The stored form of an event never changes; older forms are upcast when read, so a data
folder or database written before this version still loads (nothing accepted is lost).
An upcaster reads nothing but the event: never the current rule data, so replaying
history gives the same state whatever the rules say today. A dossier opened then
carries no jurisdiction, hence no round: a council cannot score it (refused,
`round_id`); its provisional score, decision or forwarding stay readable.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any
from uuid import UUID, uuid5

NAMESPACE = UUID("b8f0e6a2-51f7-4c0e-8d0a-2f3c5e7a9b11")
LEGACY_ROUND = uuid5(NAMESPACE, "round:legacy")

# The first version's certificates were valid for 36 months from the decision, the same
# day number (the month's last day if it has none): that version's fixed rule, kept here
# as it was rather than read from today's rule sets.
FIRST_VERSION_VALIDITY_MONTHS = 36


def first_version_valid_to(decided_on: date) -> date:
    """The valid-to date the first version gave a certificate decided on `decided_on`."""
    index = decided_on.year * 12 + decided_on.month - 1 + FIRST_VERSION_VALIDITY_MONTHS
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(decided_on.day, last))


def opened_v1_v2(state: dict[str, Any]) -> None:
    state.setdefault("kind", "first")
    state.setdefault("jurisdiction", "")
    state.setdefault("commune_code", "")
    state.setdefault("arrived_on", state["received_on"])
    state.setdefault("round_id", LEGACY_ROUND)
    state.setdefault("mode", "meeting")


def opened_v2_v3(state: dict[str, Any]) -> None:
    """v2 had no unit path: the commune and the province it was filed under (no district:
    such a dossier's district round stayed keyed by the province, as it was)."""
    state.setdefault(
        "unit", {"commune": state.get("commune_code", ""), "province": state["jurisdiction"]}
    )


def opened_v3_v4(state: dict[str, Any]) -> None:
    """v3 kept no product code: such an evaluation's certificate prints none (the code the
    dossier carried was not recorded here, and today's code may be a later one)."""
    state.setdefault("product_code", "")


def opened_v4_v5(state: dict[str, Any]) -> None:
    """v4 kept no producer name (registration did not publish it yet): none is printed."""
    state.setdefault("producer_name", "")


def recognised_v1_v2(state: dict[str, Any]) -> None:
    state.setdefault("signer", "")
    state.setdefault("certificate_no", "")
    state.setdefault("valid_to", first_version_valid_to(state["decided_on"]))
    state.setdefault("legal_basis", "")
    state.setdefault("higher_score", None)


def forwarded_v1_v2(state: dict[str, Any]) -> None:
    state.setdefault("star", 0)
    state.setdefault("parts", {})
    state.setdefault("approved_by", "")
    state.setdefault("explanation", "")


def result_adopted_v1_v2(state: dict[str, Any]) -> None:
    """The first version explained the result in Vietnamese only; English falls back to it."""
    state.setdefault("explanation_en", "")
