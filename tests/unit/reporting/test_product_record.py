"""A product's row keeps its certificate in force apart from a dossier in progress, and
shows the next level's answer (issue 13 items 5 and 6, reporting side)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest

from contracts import evaluation as ev
from contracts import province as pv
from services.reporting.application import ReportingApp
from services.reporting.domain.product_record import Records
from tests.unit.reporting.kpi_year import (
    app_with,
    env,
    product,
    recognised,
    submitted,
    uid,
    year_of_events,
)


def scored(dossier: str, name: str, outcome: str, on: date) -> Any:
    return ev.Scored(
        **env(uuid4(), on), dossier_id=uid(dossier), product_id=uid(name), product_set=13,
        score=Decimal("62.5"), star_band=3, outcome=outcome, explanation="…",
    )  # fmt: skip


def more_events() -> list[Any]:
    d = date
    return [
        product("X", "P1"),
        recognised("dX0", "X", 3, d(2024, 2, 1), d(2027, 1, 31)),
        submitted("dX", "X", "upgrade", d(2025, 3, 1)),
        scored("dX", "X", "not_recognised", d(2025, 4, 10)),  # a failed upgrade
        product("Y", "P2"),
        submitted("dY", "Y", "first", d(2025, 2, 1)),
        pv.HigherLevelRecognized(
            **env(uuid4(), d(2025, 5, 20)),
            dossier_id=uid("dY"),
            product_id=uid("Y"),
            level="province",
            score=Decimal("86.5"),
            star=4,
            decision_no="88/QĐ-UBND",
            decided_on=d(2025, 5, 20),
        ),
        recognised("dY", "Y", 4, d(2025, 5, 20), d(2028, 5, 19)),
    ]


@pytest.fixture(scope="module")
def app() -> Iterator[ReportingApp]:
    app = app_with(year_of_events() + more_events())
    yield app
    app.close()


def record(app: ReportingApp, name: str, day: date) -> dict[str, object]:
    return Records(app.view.kpi_snapshot(), day).of(str(uid(name)))


def test_an_upgrade_in_progress_keeps_the_certificate_in_force(app: ReportingApp) -> None:
    during = record(app, "C", date(2025, 3, 1))
    assert (during["current_star"], during["current_certificate_no"]) == (3, "GCN-dC0")
    assert (during["open_dossier_kind"], during["open_dossier_status"]) == (
        "upgrade",
        "dossier_submitted",
    )
    after = record(app, "C", date(2025, 6, 1))
    assert (after["current_star"], after["current_certificate_no"]) == (4, "GCN-dC")
    assert after["open_dossier_id"] == ""


def test_a_re_evaluation_in_progress_keeps_it_too(app: ReportingApp) -> None:
    during = record(app, "B", date(2025, 2, 1))
    assert (during["current_star"], during["open_dossier_kind"]) == (3, "re_evaluation")


def test_a_failed_upgrade_leaves_the_old_certificate_current(app: ReportingApp) -> None:
    found = record(app, "X", date(2025, 5, 1))
    assert (found["current_star"], found["current_certificate_no"]) == (3, "GCN-dX0")
    assert found["open_dossier_id"] == ""  # scored not recognised: closed


def test_an_expired_or_revoked_certificate_is_never_current(app: ReportingApp) -> None:
    assert record(app, "E", date(2025, 6, 30))["current_star"] == 3  # its last valid day
    assert record(app, "E", date(2025, 7, 1))["current_star"] == 0
    assert record(app, "D", date(2025, 6, 10))["current_star"] == 0  # revoked that day


def test_the_next_levels_answer_is_shown(app: ReportingApp) -> None:
    returned = record(app, "H", date(2025, 6, 30))
    assert (returned["higher_level"], returned["higher_outcome"]) == ("province", "returned")
    assert (returned["higher_score"], returned["higher_reason"]) == ("68", "Dưới 70 điểm")
    assert returned["higher_answered_on"] == "2025-06-20"
    assert (returned["open_dossier_status"], returned["current_star"]) == ("returned", 0)
    above = record(app, "Y", date(2025, 6, 30))
    assert (above["higher_outcome"], above["higher_score"], above["higher_star"]) == (
        "recognised",
        "86.5",
        4,
    )
    assert (above["current_star"], above["open_dossier_id"]) == (4, "")
