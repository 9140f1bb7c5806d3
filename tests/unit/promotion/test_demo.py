"""The embedded mode's demo gains the province's 2025 promotion plan and records for the
Kon Tum producers, once promotion has learnt of them through the in-process bus."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from runtime.settings import Settings
from system.demo import load_demo
from system.demo_promotion import PROVINCE, load_promotion_demo
from system.embedded import embedded


def test_the_demo_promotion_records(tmp_path: Path) -> None:
    settings = Settings(store="sqlite", delivery="inproc", data_dir=tmp_path)
    with embedded(settings) as system:
        assert load_demo(system) > 0
        asyncio.run(system.deliver())
        made = load_promotion_demo(system)
        assert made >= 15
        assert load_promotion_demo(system) == 0  # once
        app = system.promotion.app
        plan = app.queries.plan(PROVINCE, 2025)
        assert {a["status"] for a in plan.activities.values()} >= {"planned", "under_way"}
        assert plan.granted == {"NTM-XTTM": 33_000_000}
        assert len(app.queries.showrooms(PROVINCE)) == 2
        shares = app.queries.shares(PROVINCE, date(2025, 12, 31))
        # the register's four producers with a certificate of 28/06/2024 (to 28/06/2027); the
        # 2020-2021 ones have ended and the walkthrough product waits for its council
        assert shares.ocop_producers == 4
        asyncio.run(system.deliver())
