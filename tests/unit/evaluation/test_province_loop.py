"""The forwarding loop in one process: evaluation forwards, the province stand-in answers
on the results topic, evaluation applies the answer (embedded delivery)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from runtime.settings import Settings
from system.embedded import EmbeddedSystem
from system.province import ProvinceSettings
from tests.unit.evaluation.helpers import (
    AUTHORITY,
    R1_DISTRICT,
    SCORERS,
    adopt,
    arrive,
)


async def test_the_stand_in_closes_the_loop(tmp_path: Path) -> None:
    system = EmbeddedSystem(Settings(store="memory", data_dir=tmp_path))
    system.province.app.own = ProvinceSettings(score_delta=Decimal(-5))
    app = system.evaluation.app
    try:
        answered = {}
        for total in (80, 72):  # R1 district: >= 70 goes to the province, which scores 5 lower
            event = arrive(app, **R1_DISTRICT)
            adopt(
                app, event.aggregate_id, date(2025, 5, 20), dict.fromkeys(SCORERS, total), 4, "R1"
            )
            answered[total] = event.aggregate_id
        for total in (95, 92):  # R3 province: >= 90 approved and sent to the ministry
            event = arrive(app)
            adopt(app, event.aggregate_id, date(2026, 6, 25), dict.fromkeys(SCORERS, total), 5)
            app.forwarding.approve_and_forward(
                AUTHORITY, dossier_id=event.aggregate_id, on=date(2026, 6, 26)
            )
            answered[total] = event.aggregate_id
        await system.deliver()
        state = {t: app.get_evaluation(d) for t, d in answered.items()}
        assert (state[80].status, state[80].star) == ("recognised", 4)  # province 75: 4 stars
        assert (state[72].status, state[72].returned["options"]) == (
            "returned",
            ["recognise", "reevaluate"],
        )
        assert (state[95].status, state[95].star) == ("recognised", 5)  # ministry 90: 5 stars
        assert (state[92].status, state[92].returned["star"]) == ("returned", 4)  # ministry 87
        products = [r["status"] for r in system.reporting.app.list_products()]
        assert products == []  # products were never registered here; dossiers are tracked
    finally:
        system.close()
