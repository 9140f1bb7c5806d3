"""Events stored by the first version of this service (issue 2), read as today's.

The stored form of an event never changes; an older form is upcast when read, so a data
folder or database written before this version still loads (nothing accepted is lost).
Each upcaster is named by the event class that declares it (`class_version = 2`,
`upcast_v1_v2 = staticmethod(…)`). An upcaster uses the stored event alone: replaying
history must not change when the rule data does."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.registration.domain.personal import qualifies_for_3_2

FIRST_VERSION_RULE_SETS = (
    (date(2026, 5, 22), "R3"),
    (date(2025, 7, 6), "R2"),
    (date(2023, 2, 24), "R1"),
)
"""The first day of each rule set by commune receipt date, as they stood when the first
version stored its dossiers (OCOP-RULES §0: R1 Decision 148/QĐ-TTg, R2 from 06/07/2025, R3
from 22/05/2026). Frozen here on purpose: a later change to `rules/data` must not re-file
an old dossier under another rule set."""


def first_version_rule_set(received_on: date) -> str:
    """The rule set of a dossier received on `received_on` by the table above; "" before
    the first one (no rule set governed it)."""
    return next((rs for starts, rs in FIRST_VERSION_RULE_SETS if received_on >= starts), "")


def producer_registered_v1_v2(state: dict[str, Any]) -> None:
    """v1 had the legal representative's name as a string, no address or pre-reform unit."""
    state["legal_representative"] = {
        "name": state["legal_representative"],
        "gender": None,
        "ethnicity": None,
        "disability": False,
    }
    state.setdefault("address", "")
    state.setdefault("legacy_unit", None)


def producer_registered_v2_v3(state: dict[str, Any]) -> None:
    """v2 stored the representative and the address in clear: they stay so (`{"plain": …}`:
    an event never changes, so they cannot be sealed now), and 3.2 is derived from them."""
    rep = state.pop("legal_representative")
    state["personal"] = {"plain": {"legal_representative": rep, "address": state.pop("address")}}
    state["qualifies_3_2"] = qualifies_for_3_2(rep)


def product_registered_v1_v2(state: dict[str, Any]) -> None:
    """v1 had no pre-reform unit and no idea."""
    state.setdefault("legacy_unit", None)
    state.setdefault("idea_id", None)


def dossier_submitted_v1_v2(state: dict[str, Any]) -> None:
    """v1 recorded no rule set (its assessment did, by the same receipt-date table), no
    deadline, form 01 or product code."""
    state.setdefault("rule_set_id", first_version_rule_set(state["received_on"]))
    state.setdefault("check_deadline", None)
    state.setdefault("form_01", {})
    state.setdefault("product_code", None)


def dossier_assessed_v1_v2(state: dict[str, Any]) -> None:
    """Assessing used to forward too: keep the level, drop the copy of the dossier; the
    officer was the actor."""
    state.pop("snapshot", None)
    state.pop("rule_set_id", None)
    state.setdefault("officer", state["meta"]["actor"]["id"])
