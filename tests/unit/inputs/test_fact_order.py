"""Issue 10, kind 2, as properties: for each dated fact that must not precede another (in
its own aggregate's history or in what it refers to), a date drawn before that fact is
refused naming the field, with nothing stored, and the same day or any later day (up to
today) is accepted. Every such check goes through `runtime.clock.check_not_before` (or
`check_not_before_any`, the latest of several facts); the table of them is in
docs/date-order.md."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from tests.unit.evaluation import helpers as ev
from tests.unit.evaluation.sheets import choices_for
from tests.unit.inputs.ordering import OFFSETS, PROPERTY, ordered, service_app
from tests.unit.inputs.test_order import OFFICER
from tests.unit.registration.helpers import assess, complete, product


def _registration(tmp: Path, today: date) -> Any:
    return service_app("registration", tmp, today)


def _evaluation(tmp: Path, today: date) -> Any:
    return service_app("evaluation", tmp, today)


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


OPENED = date(2026, 6, 20)
"""The round opens after the dossier arrived (12/06)."""


def _council_opened(app: Any, round_on: date) -> Any:
    """A dossier arrived in evaluation and its council called in a round opened ``round_on``:
    the arrival event."""
    event = ev.arrive(app)
    ev.council(app, event.aggregate_id, on=round_on)
    return event


EVALUATED = date(2026, 7, 20)
"""The evaluation service's today in these properties."""


def _adoption_ordered(app: Any, dossier: Any, first: date, offset: int) -> None:
    """The secretary adopting the result `offset` days from `first` is refused naming
    `adopted_on` when it is before `first` (`ordered`)."""
    ordered(
        app,
        "adopted_on",
        offset,
        lambda: app.councils.adopt_result(
            ev.secretary(), dossier_id=dossier, adopted_on=first + timedelta(days=offset)
        ),
    )


def _scored(app: Any, round_on: date, scored_on: date | None = None) -> Any:
    event = _council_opened(app, round_on)
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
    app = _evaluation(tmp_path_factory.mktemp("e"), EVALUATED)
    opened = OPENED
    dossier = _scored(app, opened)
    assert app.get_round(app.get_evaluation(dossier).round_id).opened_on == opened
    _adoption_ordered(app, dossier, opened, offset)


@PROPERTY
@given(offset=OFFSETS)
def test_an_adoption_is_not_dated_before_the_sheets_it_adopts(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _evaluation(tmp_path_factory.mktemp("e"), EVALUATED)
    scored_on = date(2026, 7, 2)
    dossier = _scored(app, date(2026, 6, 12), scored_on=scored_on)
    _adoption_ordered(app, dossier, scored_on, offset)


@PROPERTY
@given(offset=OFFSETS)
def test_a_sheet_is_not_scored_before_the_round_opened(
    tmp_path_factory: pytest.TempPathFactory, offset: int
) -> None:
    app = _evaluation(tmp_path_factory.mktemp("e"), EVALUATED)
    event = _council_opened(app, OPENED)
    opened = OPENED
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
    app = _evaluation(tmp_path_factory.mktemp("e"), EVALUATED)
    event = _council_opened(app, OPENED)
    opened = OPENED
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
