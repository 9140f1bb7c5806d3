"""The province stand-in (issue 13 item 9): optional by a setting, forwards >= 90 to the
ministry under R1 (it answers as the ministry), decision and certificate numbers in the
normal format."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from runtime.settings import Settings
from services.evaluation.adapters.grpc_views import view
from system.embedded import EmbeddedSystem
from system.province import ProvinceSettings
from tests.unit.evaluation.helpers import R1_DISTRICT, arrive, council, score_all, secretary


def r1_forwarded(system: EmbeddedSystem, total: int) -> UUID:
    """An R1 district dossier scored `total`, adopted and so forwarded to the province."""
    app = system.evaluation.app
    event = arrive(app, **R1_DISTRICT)
    council(app, event.aggregate_id)
    score_all(app, event.aggregate_id, dict.fromkeys(("chu-tich", "tv1", "tv2"), total), 5, "R1")
    app.councils.adopt_result(
        secretary(), dossier_id=event.aggregate_id, adopted_on=date(2025, 5, 20)
    )
    assert app.get_evaluation(event.aggregate_id).status == "forwarded"
    return event.aggregate_id


async def test_under_r1_the_province_sends_90_to_the_ministry(tmp_path: Path) -> None:
    system = EmbeddedSystem(Settings(store="memory", data_dir=tmp_path))
    system.province.app.own = ProvinceSettings(score_delta=Decimal(-5))
    app = system.evaluation.app
    try:
        five, four, back = (r1_forwarded(system, t) for t in (95, 80, 72))
        await system.deliver()
        top, fourth = app.get_evaluation(five), app.get_evaluation(four)
        assert (top.status, top.star, top.authority) == ("recognised", 5, "ministry")
        assert re.fullmatch(r"\d+/QĐ-BNNMT", top.decision_no)
        assert top.certificate_no == f"{top.decision_no}/01"
        assert (fourth.status, fourth.star, fourth.authority) == ("recognised", 4, "province")
        assert re.fullmatch(r"\d+/QĐ-UBND/01", fourth.certificate_no)
        # The answer is on the district's dossier: level, score, star, who and when (item 6)
        assert fourth.higher == {
            "level": "province",
            "result": "recognised",
            "score": Decimal("75.00"),
            "star": 4,
            "reason": fourth.decision_no,
            "by": "province-stand-in",
            "on": date(2025, 6, 9),
        }
        returned = app.get_evaluation(back)
        assert (returned.status, returned.higher["result"]) == ("returned", "returned")
        assert (returned.higher["score"], returned.higher["by"]) == (
            Decimal("67.00"),
            "province-stand-in",
        )
        assert "67.00" in returned.higher["reason"]
        shown = view(returned).higher
        assert (shown.level, shown.result, shown.score, shown.answered_by) == (
            "province",
            "returned",
            "67.00",
            "province-stand-in",
        )
    finally:
        system.close()


async def test_the_stand_in_can_be_switched_off(tmp_path: Path) -> None:
    system = EmbeddedSystem(Settings(store="memory", data_dir=tmp_path))
    system.province.app.own = ProvinceSettings(enabled=False)
    app = system.evaluation.app
    try:
        dossier = r1_forwarded(system, 80)
        await system.deliver()
        assert app.get_evaluation(dossier).status == "forwarded"  # waits for higher-result
        assert system.province.app.recorder.max_notification_id() in (None, 0)
    finally:
        system.close()
    assert ProvinceSettings(_env_file=None).enabled  # on by default
    assert Decimal(0) == ProvinceSettings().score_delta
