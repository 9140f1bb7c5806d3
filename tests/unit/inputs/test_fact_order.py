"""Issue 10, kind 2, as properties: for each dated fact that must not precede another (in
its own aggregate's history or in what it refers to), a date drawn before that fact is
refused naming the field, with nothing stored, and the same day or any later day (up to
today) is accepted. Every such check goes through `runtime.clock.check_not_before` (or
`check_not_before_any`, the latest of several facts); the table of them is in
docs/date-order.md."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runtime.clock import FixedClock
from runtime.errors import CommandRejected
from runtime.settings import Settings
from tests.unit.evaluation import helpers as ev
from tests.unit.evaluation.sheets import choices_for
from tests.unit.inputs.test_order import OFFICER
from tests.unit.inspection import helpers as ins
from tests.unit.promotion import helpers as pro
from tests.unit.registration.helpers import assess, complete, product

PROPERTY = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
OFFSETS = st.integers(min_value=-400, max_value=6)
"""Days from the fact that must come first: negative is an impossible order."""


def _clock(day: date) -> FixedClock:
    return FixedClock(datetime(day.year, day.month, day.day, 8, tzinfo=UTC))


def _stored(app: Any) -> int:
    return int(app.recorder.max_notification_id() or 0)


def ordered(app: Any, field: str, offset: int, run: Callable[[], object]) -> None:
    """`run` (a command dated `offset` days from what must come first) is refused naming
    `field`, storing nothing, when the offset is negative, and accepted otherwise."""
    before = _stored(app)
    if offset >= 0:
        run()
        return
    with pytest.raises(CommandRejected) as refused:
        run()
    assert (refused.value.kind, refused.value.field) == ("invalid_argument", field)
    assert "/" in refused.value.vi and refused.value.en
    assert _stored(app) == before


def _registration(tmp: Path, today: date) -> Any:
    from services.registration.bootstrap import build

    return build(Settings(store="memory", data_dir=tmp), clock=_clock(today)).app


def _evaluation(tmp: Path, today: date) -> Any:
    from services.evaluation.bootstrap import build

    return build(Settings(store="memory", data_dir=tmp), clock=_clock(today)).app


# -- registration: the dossier's own history and the product's --------------------------

RECEIVED = date(2026, 6, 1)
TODAY = date(2027, 8, 1)


def _dossier(app: Any) -> Any:
    return app.dossiers.submit_dossier(
        OFFICER, product_id=product(app, OFFICER), kind="first", received_on=RECEIVED
    )


@PROPERTY
@given(offset=OFFSETS)
def test_the_commune_report_is_not_dated_before_the_samples(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _registration(tmp_path_factory.mktemp("r"), TODAY)
    dossier = _dossier(app)
    complete(app, OFFICER, dossier)
    samples_on = RECEIVED + timedelta(days=10)
    app.dossiers.receive_samples(OFFICER, dossier_id=dossier, count=1, received_on=samples_on)
    ordered(
        app,
        "assessed_on",
        offset,
        lambda: assess(app, OFFICER, dossier, samples_on + timedelta(days=offset)),
    )


@PROPERTY
@given(offset=OFFSETS)
def test_a_dossier_is_not_forwarded_before_the_commune_report(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _registration(tmp_path_factory.mktemp("r"), TODAY)
    dossier = _dossier(app)
    complete(app, OFFICER, dossier)
    assessed_on = RECEIVED + timedelta(days=20)
    assess(app, OFFICER, dossier, assessed_on)
    forwarded_on = assessed_on + timedelta(days=offset)
    ordered(
        app,
        "forwarded_on",
        offset,
        lambda: app.assessment.forward_dossier(
            OFFICER, dossier_id=dossier, forwarded_on=forwarded_on
        ),
    )


@PROPERTY
@given(offset=OFFSETS)
def test_a_returned_dossier_is_not_resubmitted_before_its_return(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _registration(tmp_path_factory.mktemp("r"), TODAY)
    dossier = _dossier(app)
    returned_on = RECEIVED + timedelta(days=30)
    app.dossiers.return_dossier(
        OFFICER, dossier_id=dossier, reason="Thiếu giấy tờ", returned_on=returned_on
    )
    ordered(
        app,
        "received_on",
        offset,
        lambda: app.dossiers.resubmit_dossier(
            OFFICER, dossier_id=dossier, received_on=returned_on + timedelta(days=offset)
        ),
    )


@PROPERTY
@given(offset=OFFSETS)
def test_a_product_s_next_dossier_is_not_received_before_its_previous_one(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _registration(tmp_path_factory.mktemp("r"), TODAY)
    first = _dossier(app)
    made = app.get_dossier(first).product_id
    ordered(
        app,
        "received_on",
        offset,
        lambda: app.dossiers.submit_dossier(
            OFFICER,
            product_id=made,
            kind="first",
            received_on=max(RECEIVED + timedelta(days=offset), date(2018, 5, 7)),
        ),
    )


# -- evaluation: the council's session against its round and the sheets it adopts ---------


def _scored(app: Any, round_on: date, scored_on: date | None = None) -> Any:
    event = ev.arrive(app)
    ev.council(app, event.aggregate_id, on=round_on)
    for name in ("chu-tich", "tv1", "tv2"):
        app.councils.submit_sheet(
            ev.member(name),
            dossier_id=event.aggregate_id,
            choices=choices_for(93, keep_star=5, rule_set="R3"),
            scored_on=scored_on,
        )
    return event.aggregate_id


@PROPERTY
@given(offset=OFFSETS)
def test_the_council_session_is_not_dated_before_its_round_opened(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _evaluation(tmp_path_factory.mktemp("e"), date(2026, 7, 20))
    opened = date(2026, 6, 20)  # the dossier arrived on 12/06, the round opened later
    dossier = _scored(app, opened)
    assert app.get_round(app.get_evaluation(dossier).round_id).opened_on == opened
    ordered(
        app,
        "adopted_on",
        offset,
        lambda: app.councils.adopt_result(
            ev.secretary(), dossier_id=dossier, adopted_on=opened + timedelta(days=offset)
        ),
    )


@PROPERTY
@given(offset=OFFSETS)
def test_an_adoption_is_not_dated_before_the_sheets_it_adopts(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _evaluation(tmp_path_factory.mktemp("e"), date(2026, 7, 20))
    scored_on = date(2026, 7, 2)
    dossier = _scored(app, date(2026, 6, 12), scored_on=scored_on)
    ordered(
        app,
        "adopted_on",
        offset,
        lambda: app.councils.adopt_result(
            ev.secretary(), dossier_id=dossier, adopted_on=scored_on + timedelta(days=offset)
        ),
    )


@PROPERTY
@given(offset=OFFSETS)
def test_a_sheet_is_not_scored_before_the_round_opened(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _evaluation(tmp_path_factory.mktemp("e"), date(2026, 7, 20))
    event = ev.arrive(app)
    opened = date(2026, 6, 20)
    ev.council(app, event.aggregate_id, on=opened)
    ordered(
        app,
        "scored_on",
        offset,
        lambda: app.councils.submit_sheet(
            ev.member("tv1"),
            dossier_id=event.aggregate_id,
            choices=choices_for(93, keep_star=5, rule_set="R3"),
            scored_on=opened + timedelta(days=offset),
        ),
    )


@PROPERTY
@given(offset=OFFSETS)
def test_an_advisory_record_is_not_before_the_round_opened(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _evaluation(tmp_path_factory.mktemp("e"), date(2026, 7, 20))
    event = ev.arrive(app)
    opened = date(2026, 6, 20)
    ev.council(app, event.aggregate_id, on=opened)
    ordered(
        app,
        "on",
        offset,
        lambda: app.councils.record_advisory(
            ev.secretary(),
            dossier_id=event.aggregate_id,
            kind="field_survey",
            on=opened + timedelta(days=offset),
            summary="Khảo sát vùng nguyên liệu",
        ),
    )


# -- inspection: a visit against the previous visit and conclusion -----------------------


@PROPERTY
@given(offset=st.integers(min_value=-100, max_value=6))  # the certificate dates from 02/05
def test_a_follow_up_visit_is_not_before_the_conclusion_that_asked_for_it(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    from services.inspection.bootstrap import build
    from tests.unit.inspection.test_visits import BAD_LABEL, scheduled

    app = build(
        Settings(store="memory", data_dir=tmp_path_factory.mktemp("i")),
        clock=_clock(date(2025, 12, 20)),
    ).app
    _, inspection = scheduled(app)
    concluded = date(2025, 11, 8)
    ins.visit(
        app,
        inspection,
        "remediation",
        "BB-02/2025",
        findings=BAD_LABEL,
        concluded_on=concluded,
        deadline=date(2025, 11, 15),
    )
    ordered(
        app,
        "visited_on",
        offset,
        lambda: ins.visit(
            app,
            inspection,
            "passed",
            "BB-03/2025",
            visited_on=concluded + timedelta(days=offset),
        ),
    )


# -- promotion: a showroom's closing and displays against its displays and take-downs -----


def _promotion(tmp: Path) -> Any:
    from services.promotion.bootstrap import build

    return build(Settings(store="memory", data_dir=tmp), clock=_clock(date(2025, 11, 20))).app


@PROPERTY
@given(offset=OFFSETS)
def test_a_showroom_is_not_closed_before_a_display_it_takes_down(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _promotion(tmp_path_factory.mktemp("p"))
    coffee = pro.product(app, pro.producer(app))
    room = pro.showroom(app)
    since = date(2025, 6, 2)
    app.venues.display(pro.OFFICE, showroom_id=room, product_id=coffee, since=since)
    ordered(
        app,
        "closed_on",
        offset,
        lambda: app.venues.close_showroom(
            pro.OFFICE, showroom_id=room, closed_on=since + timedelta(days=offset)
        ),
    )


@PROPERTY
@given(offset=OFFSETS)
def test_a_product_is_not_displayed_again_before_its_last_take_down(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _promotion(tmp_path_factory.mktemp("p"))
    coffee = pro.product(app, pro.producer(app))
    room = pro.showroom(app)
    app.venues.display(pro.OFFICE, showroom_id=room, product_id=coffee, since=date(2025, 5, 2))
    down = date(2025, 8, 1)
    app.venues.take_down(pro.OFFICE, showroom_id=room, product_id=coffee, on=down)
    ordered(
        app,
        "since",
        offset,
        lambda: app.venues.display(
            pro.OFFICE, showroom_id=room, product_id=coffee, since=down + timedelta(days=offset)
        ),
    )


# -- numbers against their legal band ---------------------------------------------------


@pytest.mark.parametrize("text", ["NaN", "sNaN", "Infinity", "-Infinity", "1e400000", "-0.01"])
def test_a_score_that_is_not_a_number_from_0_to_100_is_refused(text: str) -> None:
    """ "NaN" used to escape the check as a bare `decimal.InvalidOperation` (UNKNOWN over
    gRPC): the next level's answer and the earlier-decision import read scores the same way."""
    from services.evaluation.application.support import parse_score

    with pytest.raises(CommandRejected) as refused:
        parse_score(text)
    assert (refused.value.kind, refused.value.field) == ("invalid_argument", "score")


def test_a_negative_zero_score_is_stored_as_zero() -> None:
    from services.evaluation.application.support import parse_score

    assert str(parse_score("-0")) == "0.00"


@pytest.mark.parametrize(
    ("code", "starts", "ends"),
    [
        ("2017", "", ""),
        ("0001", "", ""),
        ("", "0001-01-01", "9999-12-31"),
        ("", "2025-01-01", "2201-01-01"),
        ("01/01/2017-31/12/2017", "", ""),
    ],
)
def test_a_report_period_outside_the_programme_s_years_is_refused(
    code: str, starts: str, ends: str
) -> None:
    """0001-9999 used to be accepted: a report over 20,000 half-years of nothing."""
    from services.reporting.domain.periods import parse_period

    with pytest.raises(ValueError, match="2018"):
        parse_period(code, starts, ends)


def test_a_report_period_of_the_programme_s_first_year_is_accepted() -> None:
    from services.reporting.domain.periods import parse_period

    assert parse_period("2018-H1").starts == date(2018, 1, 1)
    assert parse_period("", "2025-01-01", "2200-12-31").ends == date(2200, 12, 31)
