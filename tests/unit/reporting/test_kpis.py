"""Each KPI on a constructed year of events (2025, district 615 of Kon Tum under R1).

The year: product A first recognised 3★ (March); B re-recognised 3★ (re-evaluation, April:
not "new"); C upgraded 3★ → 4★ (May: counted once, as a new 4★); D recognised 3★ in
February and revoked in June (same half-year); E's certificate valid to 30/06/2025, the
last day of H1 (valid at H1's end, expired in H2); F recognised in another district (612);
G a dossier past its commune check deadline; H forwarded to the province and returned."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from runtime.errors import CommandRejected
from services.reporting.application import ReportingApp
from services.reporting.application.app import KpiView
from tests.unit.reporting.kpi_year import (
    app_with,
    promotion_and_inspection,
    whole_year,
    year_of_events,
)


@pytest.fixture(scope="module")
def app() -> Iterator[ReportingApp]:
    app = whole_year()
    yield app
    app.close()


def figures(view: KpiView) -> dict[str, Any]:
    return {line.kpi.code: line.figure.value for line in view.lines}


def statuses(view: KpiView) -> dict[str, str]:
    return {line.kpi.code: line.status for line in view.lines}


def test_new_recognitions_in_the_half_year(app: ReportingApp) -> None:
    h1 = figures(app.kpis("2025-H1", "615"))
    assert h1["new_3_star"] == 2  # A and D; B's re-evaluation is not new
    assert h1["new_4_star"] == 1  # C's upgrade, once
    assert h1["new_5_star"] == 0
    assert (h1["first_recognitions"], h1["upgrades"], h1["re_recognitions"]) == (2, 1, 1)


def test_certificates_at_the_period_end(app: ReportingApp) -> None:
    h1 = figures(app.kpis("2025-H1", "615"))
    assert h1["certified_products"] == 4  # A, B, C and E (valid through 30/06); D revoked
    assert h1["revoked"] == 1  # D, recognised and revoked in the same half-year
    assert h1["expired"] == 0  # E's last valid day is the period's last day; B's was replaced
    h2 = figures(app.kpis("2025-H2", "615"))
    assert (h2["certified_products"], h2["expired"], h2["revoked"]) == (3, 1, 0)
    year = figures(app.kpis("2025", "615"))
    assert (year["new_3_star"], year["expired"], year["revoked"]) == (2, 1, 1)


def test_the_expiry_is_a_fact_only_once_its_day_has_come() -> None:
    early = app_with(year_of_events(), today=date(2025, 6, 30))
    assert figures(early.kpis("2025-H2", "615"))["expired"] == 0
    early.close()


def test_producers_channels_chains_and_showrooms(app: ReportingApp) -> None:
    view = app.kpis("2025-H1", "615")
    h1, status = figures(view), statuses(view)
    assert h1["ocop_producers"] == 3  # P1, P2, P3 (P4 lies in 612)
    assert h1["cooperative_share"] == Decimal("0.3333")
    assert status["cooperative_share"] == "below"  # 40 % planned
    assert (h1["sme_share"], status["sme_share"]) == (Decimal("0.3333"), "met")
    assert (h1["value_chain_share"], status["value_chain_share"]) == (Decimal("0.3333"), "met")
    assert (h1["modern_channel_share"], status["modern_channel_share"]) == (0, "below")
    assert figures(app.kpis("01/01/2025-31/05/2025", "615"))["modern_channel_share"] == Decimal(
        "0.3333"
    )
    assert (h1["showrooms"], status["showrooms"]) == (1, "met")


def test_targets_met_and_not_met(app: ReportingApp) -> None:
    view = app.kpis("2025", "615")
    status = statuses(view)
    assert status["new_3_star"] == "below"  # 2 of ≥ 10
    assert status["new_4_star"] == "met"  # 1 of ≥ 1
    assert status["certified_products"] == ""  # the plan sets no target for it
    target = next(line.target for line in view.lines if line.kpi.code == "new_3_star")
    assert target is not None and target.minimum == 10


def test_inspections_and_dossiers(app: ReportingApp) -> None:
    h1 = figures(app.kpis("2025-H1", "615"))
    assert (h1["inspections_due"], h1["inspections_done"], h1["inspections_failed"]) == (2, 2, 1)
    assert h1["dossiers_in_pipeline"] == 2  # G (at the commune) and H (returned by the province)
    assert h1["dossiers_overdue"] == 1  # G: its commune check deadline 05/06 passed


def test_jurisdictions_district_and_province(app: ReportingApp) -> None:
    assert figures(app.kpis("2025-H1", "612"))["new_3_star"] == 1  # F
    assert figures(app.kpis("2025-H1", "51"))["new_3_star"] == 3  # the whole new province
    assert figures(app.kpis("2025-H1", "62"))["new_3_star"] == 3  # its pre-2025 code
    assert figures(app.kpis("2025-H1", "23615"))["new_3_star"] == 2  # the commune


def test_a_service_without_data_shows_none_not_zero() -> None:
    app = app_with(year_of_events())
    h1 = figures(app.kpis("2025-H1", "615"))
    assert h1["showrooms"] is None and h1["inspections_done"] is None
    assert h1["modern_channel_share"] is None
    assert h1["new_3_star"] == 2
    assert app.kpis("2025-H1", "615").missing == ("inspection", "promotion")
    app.close()


def test_events_in_any_order_give_the_same_kpis(app: ReportingApp) -> None:
    reverse = app_with(list(reversed(year_of_events() + promotion_and_inspection())))
    for period in ("2025-H1", "2025-H2", "2025"):
        assert figures(reverse.kpis(period, "615")) == figures(app.kpis(period, "615"))
    reverse.close()


def test_lists_of_the_period(app: ReportingApp) -> None:
    lists = app.kpis("2025-H1", "615").lists
    assert [r["name"] for r in lists["recognised"]] == ["D", "A", "B", "C"]
    assert [r["name"] for r in lists["revoked"]] == ["D"]
    assert [(r["name"], r["number"]) for r in lists["forwarded"]] == [("H", "88")]
    assert [(r["name"], r["number"]) for r in lists["returned"]] == [("H", "68")]
    assert [r["name"] for r in figures_list(app, "2025-H2", "expired")] == ["E"]


def figures_list(app: ReportingApp, period: str, name: str) -> list[dict[str, Any]]:
    return app.kpis(period, "615").lists[name]


def test_report_due_date_and_periods(app: ReportingApp) -> None:
    view = app.kpis("2025-H1", "615")
    assert view.report is not None and view.report.due == date(2025, 7, 15)
    assert app.kpis("01/01/2025-31/03/2025", "615").report is None
    with pytest.raises(CommandRejected) as refused:
        app.kpis("2025-H3", "615")
    assert refused.value.field == "period"


@pytest.mark.parametrize(
    ("typed", "starts", "ends"),
    [
        ("2025-H1", date(2025, 1, 1), date(2025, 6, 30)),
        ("2025-H2", date(2025, 7, 1), date(2025, 12, 31)),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("01/04/2025-30/09/2025", date(2025, 4, 1), date(2025, 9, 30)),
        ("2025-04-01..2025-09-30", date(2025, 4, 1), date(2025, 9, 30)),
    ],
)
def test_periods_as_typed(typed: str, starts: date, ends: date) -> None:
    from services.reporting.domain.kpi import parse_period

    assert (parse_period(typed).starts, parse_period(typed).ends) == (starts, ends)


@pytest.mark.parametrize("typed", ["2025-H3", "2025-13", "31/02/2025-01/03/2025", "H1", ""])
def test_periods_that_cannot_be(typed: str) -> None:
    from services.reporting.domain.kpi import parse_period

    with pytest.raises(ValueError, match="Kỳ báo cáo không hợp lệ"):
        parse_period(typed)
