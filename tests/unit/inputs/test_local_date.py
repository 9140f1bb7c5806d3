"""Issue 9, kind 1: "today" is the date in the deployment's time zone (Asia/Ho_Chi_Minh by
default), for every date rule of every service, tested at 23:30Z and 00:30Z."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from runtime.clock import (
    PROGRAMME_START,
    FixedClock,
    SystemClock,
    check_date_range,
    check_past_date,
    local_date,
)
from runtime.errors import CommandRejected
from runtime.settings import Settings
from services.evaluation.bootstrap import build as build_evaluation
from services.inspection.bootstrap import build as build_inspection
from tests.unit.evaluation.helpers import (
    arrive,
    council,
    decide,
    score_all,
    secretary,
)

LATE_EVENING_UTC = datetime(2026, 6, 27, 23, 30, tzinfo=UTC)  # 06:30 on 28/06 in Vietnam
EARLY_MORNING_UTC = datetime(2026, 6, 28, 0, 30, tzinfo=UTC)  # 07:30 on 28/06 in Vietnam


@pytest.mark.parametrize("at", [LATE_EVENING_UTC, EARLY_MORNING_UTC])
def test_today_is_the_vietnamese_date_at_2330z_and_0030z(at: datetime) -> None:
    assert FixedClock(at).today() == date(2026, 6, 28)
    assert local_date(at) == date(2026, 6, 28)


def test_the_time_zone_is_a_setting() -> None:
    assert Settings().time_zone == "Asia/Ho_Chi_Minh"
    assert FixedClock(LATE_EVENING_UTC, zone="UTC").today() == date(2026, 6, 27)
    assert SystemClock("Europe/Paris").zone == "Europe/Paris"
    with pytest.raises(Exception):
        SystemClock("Mars/Olympus")


@pytest.mark.parametrize("at", [LATE_EVENING_UTC, EARLY_MORNING_UTC])
def test_a_fact_dated_today_in_vietnam_is_not_in_the_future(at: datetime) -> None:
    clock = FixedClock(at)
    check_past_date("decided_on", date(2026, 6, 28), clock)
    with pytest.raises(CommandRejected) as refused:
        check_past_date("decided_on", date(2026, 6, 29), clock)
    assert refused.value.field == "decided_on" and "29/06/2026" in refused.value.vi


def test_a_fact_before_the_programme_is_refused() -> None:
    clock = FixedClock(LATE_EVENING_UTC)
    check_past_date("received_on", PROGRAMME_START, clock)
    with pytest.raises(CommandRejected) as refused:
        check_past_date("received_on", date(1900, 1, 1), clock)
    assert refused.value.field == "received_on"
    with pytest.raises(CommandRejected):
        check_date_range("valid_to", date(9999, 12, 31))


@pytest.mark.parametrize("at", [LATE_EVENING_UTC, EARLY_MORNING_UTC])
def test_a_decision_dated_today_in_vietnam_is_accepted(
    memory_settings: Settings, at: datetime
) -> None:
    """The issue's example: at 2026-06-27T23:30Z, `decide --decided-on 2026-06-28`."""
    clock = FixedClock(datetime(2026, 6, 26, 8, tzinfo=UTC))
    app = build_evaluation(memory_settings, clock=clock).app
    event = arrive(app)
    council(app, event.aggregate_id)
    score_all(app, event.aggregate_id, dict.fromkeys(("chu-tich", "tv1", "tv2"), 75), 4)
    app.councils.adopt_result(
        secretary(), dossier_id=event.aggregate_id, adopted_on=date(2026, 6, 25)
    )
    clock.advance(at - clock.now())
    with pytest.raises(CommandRejected) as refused:
        decide(app, event.aggregate_id, "12/QĐ-UBND", date(2026, 6, 29), signer="Nguyễn Văn A")
    assert refused.value.field == "decided_on"
    decision = decide(
        app, event.aggregate_id, "12/QĐ-UBND", date(2026, 6, 28), signer="Nguyễn Văn A"
    )
    assert decision.items


@pytest.mark.parametrize("at", [LATE_EVENING_UTC, EARLY_MORNING_UTC])
def test_inspection_dates_compare_with_the_vietnamese_date(
    memory_settings: Settings, at: datetime
) -> None:
    app = build_inspection(memory_settings, clock=FixedClock(at)).app
    app.not_future("visited_on", date(2026, 6, 28))
    with pytest.raises(CommandRejected):
        app.not_future("visited_on", date(2026, 6, 28) + timedelta(days=1))
