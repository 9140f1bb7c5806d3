"""Which rule set a dossier falls under and which level evaluates it.

Provisional until the rule-set package is wired in: the regimes' dates from
OCOP-RULES.md §0 (R1 with a district council until 05/07/2025; R2 from
06/07/2025; R3 from 22/05/2026)."""

from __future__ import annotations

from datetime import date

REGIMES = (
    (date(2026, 5, 22), "R3", "province"),
    (date(2025, 7, 6), "R2", "province"),
    (date(2023, 2, 24), "R1", "district"),
)


def route_dossier(received_on: date) -> tuple[str, str]:
    for starts, rule_set_id, level in REGIMES:
        if received_on >= starts:
            return rule_set_id, level
    return "R1", "district"
