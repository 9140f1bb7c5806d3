"""The dashboard's charts drawn on the server (console/charts.py, templates/_charts.html):
stars by year and half-year from reporting's product rows, targets against actuals from
its KPI lines; and the dashboard served for real, titled with the jurisdiction's name, its
charts accessible (title, description, a table of the same figures)."""

from __future__ import annotations

import re

from console import charts
from contracts.rpc import reporting_pb2 as rp
from runtime.units import unit_name
from tests.unit.console.council_harness import Served, served, signed_in

__all__ = ["served"]


def _product(star: int, valid_from: str) -> rp.ProductStatus:
    return rp.ProductStatus(current_star=star, current_valid_from=valid_from)


PRODUCTS = [
    _product(3, "2024-03-10"),
    _product(3, "2024-09-01"),
    _product(4, "2024-11-20"),
    _product(5, "2025-06-30"),
    _product(3, "2025-07-01"),
    _product(0, ""),  # never recognised: not counted
]


def test_stars_by_year_and_by_half_year() -> None:
    by_year = charts.stars_by_period(PRODUCTS)
    assert [(c.label, c.total) for c in by_year.columns] == [("2024", 3), ("2025", 2)]
    assert (by_year.columns[0].count(3), by_year.columns[0].count(4)) == (2, 1)
    assert by_year.top == 3
    tallest = by_year.columns[0]
    assert sum(s.height for s in tallest.segments) == by_year.base - 20  # reaches the top
    halves = charts.stars_by_period(PRODUCTS, "half")
    assert [c.label for c in halves.columns] == ["6T1/2024", "6T2/2024", "6T1/2025", "6T2/2025"]
    assert [c.total for c in halves.columns] == [1, 2, 1, 1]
    assert charts.stars_by_period([]).columns == ()


def test_targets_against_actuals() -> None:
    lines = [
        rp.KpiLine(label_vi="Sản phẩm mới", unit="count", has_data=True, value="12",
                   has_target=True, minimum="10", stretch="15", status="met"),
        rp.KpiLine(label_vi="Tỷ lệ 4 sao", unit="share", has_data=True, value="0.2",
                   has_target=True, minimum="0.4", status="below"),
        rp.KpiLine(label_vi="Không có chỉ tiêu", unit="count", has_data=True, value="3"),
    ]  # fmt: skip
    bars = charts.targets_vs_actuals(lines, "vi")
    assert [(b.label, b.actual, b.target, b.status) for b in bars] == [
        ("Sản phẩm mới", "12", "10", "met"),
        ("Tỷ lệ 4 sao", "20 %", "40 %", "below"),
    ]
    span = charts.WIDTH - 20
    assert bars[0].actual_width == round(12 / 15 * span, 1)  # scaled to the stretch target
    assert bars[1].target_x == 10 + span and bars[1].actual_width == span / 2
    assert bars[1].y - bars[0].y == charts.ROW


def test_the_dashboard_is_titled_with_the_jurisdictions_name(served: Served) -> None:
    officer = signed_in(served.base, "so-nn")
    page = officer.get("/bang-dieu-khien")
    assert page.status == 200
    title = re.search(r'<h1 id="dashboard-title">(.*?)</h1>', page.body)
    assert title and title.group(1) == f"Tổng quan địa bàn — {unit_name('51')}"
    assert unit_name("51") == "Tỉnh Quảng Ngãi"  # Kon Tum merged into it on 01/07/2025
    assert 'aria-current="page"><strong>Theo năm' in page.body
    half = officer.get("/bang-dieu-khien?ky=6-thang")
    assert 'aria-current="page"><strong>Theo 6 tháng' in half.body


def _drawn(lang: str, **context: object) -> str:
    from console import i18n
    from console.pages import dashboard  # noqa: F401  (registers the dashboard's texts)
    from console.web import TEMPLATES

    page = TEMPLATES.env.from_string(
        '{% import "_charts.html" as charts with context %}'
        "{{ charts.stars(star_chart, 'Sao') }}{{ charts.targets(targets, 'Chỉ tiêu') }}"
    )
    return page.render(
        t=lambda key: i18n.text(key, lang), lang=lang, width=charts.WIDTH, row=charts.ROW,
        stars_shown=charts.STARS, **context,
    )  # fmt: skip


def test_the_charts_are_svg_with_a_title_a_description_and_a_table() -> None:
    kpi = rp.KpiLine(
        label_vi="Sản phẩm mới", label_en="New products", unit="count", has_data=True,
        value="12", has_target=True, minimum="10", status="met",
    )  # fmt: skip
    stars = charts.stars_by_period(PRODUCTS, "half")
    drawn = _drawn("vi", star_chart=stars, targets=charts.targets_vs_actuals([kpi], "vi"))
    assert drawn.count("<svg ") == 2 and drawn.count('role="img"') == 2
    assert '<title id="stars-title">Sao</title>' in drawn
    assert "6T2/2024: 1 × 3★, 1 × 4★, 0 × 5★." in drawn  # the description reads the figures
    assert (
        '<th scope="row">6T2/2024</th><td>1</td><td>1</td><td>0</td><td><strong>2</strong>' in drawn
    )
    assert "Sản phẩm mới: thực hiện 12, chỉ tiêu 10." in drawn
    assert "nan" not in drawn.lower() and 'height="-' not in drawn and "<script" not in drawn
    english = _drawn("en", star_chart=stars, targets=())
    assert '<th scope="row">H2/2024</th>' in english and "Figures: Sao" in english
