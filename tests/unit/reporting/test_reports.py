"""The six-month and annual reports: the .docx and the .xlsx are opened with the same
libraries that wrote them and every number is checked against the KPI read models."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from services.reporting.adapters import report_docx, report_text, report_xlsx
from services.reporting.application import ReportingApp
from services.reporting.application.app import KpiView
from tests.unit.reporting.kpi_year import app_with, whole_year, year_of_events


@pytest.fixture(scope="module")
def app() -> Iterator[ReportingApp]:
    app = whole_year()
    yield app
    app.close()


def files(view: KpiView) -> tuple[Any, Any]:
    head = report_text.heading(view, "UBND huyện Đăk Hà", "125/BC-UBND", "Nguyễn Văn A")
    docx = Document(io.BytesIO(report_docx.render(view, head)))
    xlsx = load_workbook(io.BytesIO(report_xlsx.render(view, head)))
    return docx, xlsx


def printed(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "không có dữ liệu"
    if unit == "share":
        return f"{value * 100:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"
    return str(int(value))


def cells(table: Any) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.mark.parametrize("period", ["2025-H1", "2025"])
def test_the_docx_prints_every_kpi_and_list_as_the_read_models_hold_them(
    app: ReportingApp, period: str
) -> None:
    view = app.kpis(period, "615")
    docx, _ = files(view)
    text = "\n".join(p.text for p in docx.paragraphs)
    heading = cells(docx.tables[0])[0]
    assert heading[0].splitlines()[:2] == ["ỦY BAN NHÂN DÂN", "HUYỆN ĐĂK HÀ"]
    assert "Số: 125/BC-UBND" in heading[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading[1]
    assert "Độc lập - Tự do - Hạnh phúc" in heading[1]
    assert "Đăk Hà, ngày 10 tháng 01 năm 2026" in heading[1]  # the clock's date
    assert "BÁO CÁO" in text
    title = "6 tháng đầu năm 2025" if period == "2025-H1" else "năm 2025"
    assert title in text
    kpis = cells(docx.tables[1])
    assert kpis[0] == ["TT", "Chỉ tiêu", "Kết quả", "Mục tiêu", "Đánh giá"]
    assert len(kpis) == len(view.lines) + 1
    for row, line in zip(kpis[1:], view.lines, strict=True):
        assert row[1] == line.kpi.vi
        assert row[2].split(" (")[0] == printed(line.figure.value, line.kpi.unit)
        if line.kpi.unit == "share":
            assert row[2].endswith(f"({line.figure.numerator}/{line.figure.denominator})")
        if line.target is not None:
            assert row[3].startswith("≥ " + printed(line.target.minimum, line.kpi.unit))
            assert row[4] == {"below": "Chưa đạt", "met": "Đạt"}[line.status]
        else:
            assert (row[3], row[4]) == ("-", "-")
    stars = cells(docx.tables[2])
    for row, kind in zip(stars[1:4], ("first", "upgrade", "re_evaluation"), strict=True):
        assert [int(x) for x in row[2:5]] == [view.stars[kind][s] for s in (3, 4, 5)]
    lists = [cells(t) for t in docx.tables[3:-1]]
    expected = [(key, view.lists[key]) for key, _, _ in report_text.LISTS if view.lists[key]]
    assert len(lists) == len(expected)
    for table, (key, rows) in zip(lists, expected, strict=True):
        assert [r[1] for r in table[1:]] == [r["name"] for r in rows]
        assert [r[4] for r in table[1:]] == [report_text.dmy(r["on"]) for r in rows]
        if key in ("recognised", "revoked"):
            assert [r[3] for r in table[1:]] == [r["number"] for r in rows]
        for _, label, _ in report_text.LISTS:
            assert label in text
    assert "Nơi nhận:" in cells(docx.tables[-1])[0][0]
    assert "Nguyễn Văn A" in cells(docx.tables[-1])[0][1]


@pytest.mark.parametrize("period", ["2025-H1", "2025-H2", "2025"])
def test_the_xlsx_holds_every_kpi_and_list_as_numbers(app: ReportingApp, period: str) -> None:
    view = app.kpis(period, "615")
    _, xlsx = files(view)
    assert xlsx.sheetnames == [
        "Chỉ tiêu", "Hạng sao", "Sao theo kỳ", "Công nhận", "Chuyển cấp trên",
        "Cấp trên trả về", "Hết hiệu lực", "Thu hồi",
    ]  # fmt: skip
    sheet = xlsx["Chỉ tiêu"]
    found = {r[0]: r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] and r[2]}
    for line in view.lines:
        row = found[line.kpi.code]
        assert row[1] == line.kpi.vi
        if line.kpi.unit == "share":
            assert Decimal(str(row[3])) == line.figure.value
            assert (row[4], row[5]) == (line.figure.numerator, line.figure.denominator)
        else:
            assert row[3] == int(line.figure.value or 0)
        if line.target is not None:
            assert Decimal(str(row[6])) == line.target.minimum
    assert len(sheet._charts) == 2  # targets vs actuals: counts, shares
    stars = list(xlsx["Hạng sao"].iter_rows(min_row=4, max_row=6, values_only=True))
    for row, kind in zip(stars, ("first", "upgrade", "re_evaluation"), strict=True):
        assert list(row[1:4]) == [view.stars[kind][s] for s in (3, 4, 5)]
    halves = xlsx["Sao theo kỳ"]
    rows = {r[0]: r for r in halves.iter_rows(min_row=4, values_only=True) if r[0]}
    for code, table in view.stars_by_half.items():
        assert list(rows[code][1:4]) == [sum(table[k][s] for k in table) for s in (3, 4, 5)]
    assert len(halves._charts) == 1
    for key, _, _ in report_text.LISTS:
        from services.reporting.adapters.report_xlsx import LIST_SHEETS

        listed = [r for r in xlsx[LIST_SHEETS[key]].iter_rows(min_row=4, values_only=True) if r[0]]
        assert [r[1] for r in listed] == [r["name"] for r in view.lists[key]]
        assert [r[4].date() for r in listed] == [
            date.fromisoformat(r["on"]) for r in view.lists[key]
        ]
        assert [r[-1] for r in listed] == [r["product_id"] for r in view.lists[key]]


def test_no_data_is_written_as_such_never_as_zero() -> None:
    app = app_with(year_of_events())
    view = app.kpis("2025-H1", "615")
    docx, xlsx = files(view)
    kpis = {row[1]: row for row in cells(docx.tables[1])}
    assert kpis["Điểm giới thiệu, bán sản phẩm OCOP"][2:] == [
        "không có dữ liệu", "≥ 1", "không có dữ liệu",
    ]  # fmt: skip
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "Chưa có dữ liệu từ các khâu: kiểm tra, giám sát, xúc tiến thương mại" in text
    found = {r[0]: r for r in xlsx["Chỉ tiêu"].iter_rows(min_row=4, values_only=True) if r[0]}
    assert found["showrooms"][3] == "không có dữ liệu"
    assert found["inspections_done"][3] == "không có dữ liệu"
    app.close()


def test_a_district_reports_to_the_province_and_the_province_to_the_ministry(
    app: ReportingApp,
) -> None:
    view = app.kpis("2025", "51")
    for issuer, addressee, first in (
        ("UBND huyện Đăk Hà", "Ủy ban nhân dân tỉnh", "- UBND tỉnh;"),
        ("UBND tỉnh Quảng Ngãi", "Bộ Nông nghiệp và Môi trường", "- Bộ Nông nghiệp và Môi trường;"),
    ):
        head = report_text.heading(view, issuer, "", "")
        docx = Document(io.BytesIO(report_docx.render(view, head)))
        text = "\n".join(p.text for p in docx.paragraphs)
        assert f"kính gửi {addressee} xem xét" in text
        assert "Thực hiện chế độ báo cáo năm về Chương trình OCOP" in text
        assert cells(docx.tables[-1])[0][0].splitlines()[1] == first
        assert "Số:        /BC-UBND" in cells(docx.tables[0])[0][0]  # no number: left blank
