"""Issue 10, kind 2, as properties, in the inspection and promotion services: a visit is
not dated before the conclusion that asked for it, a showroom not closed before a display
it takes down, a product not displayed again before its last take-down (see
`tests.unit.inputs.test_fact_order` for the registration and evaluation facts)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.inputs.ordering import OFFSETS, PROPERTY, ordered, service_app
from tests.unit.inspection import helpers as ins
from tests.unit.promotion import helpers as pro

# -- inspection: a visit against the previous visit and conclusion -----------------------


@PROPERTY
@given(offset=st.integers(min_value=-100, max_value=6))  # the certificate dates from 02/05
def test_a_follow_up_visit_is_not_before_the_conclusion_that_asked_for_it(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    from tests.unit.inspection.test_visits import BAD_LABEL, scheduled

    app = service_app("inspection", tmp_path_factory.mktemp("i"), date(2025, 12, 20))
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
    return service_app("promotion", tmp, date(2025, 11, 20))


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
