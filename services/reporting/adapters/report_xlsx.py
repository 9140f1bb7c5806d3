"""The report as a workbook (openpyxl): one sheet per table, values as numbers.

Sheets: "Chỉ tiêu" (every KPI: actual, target, stretch, status; shares as fractions with
a percent format; "không có dữ liệu" as text where a service has sent nothing) with two
charts of targets against actuals (counts, and shares in %), "Hạng sao" (recognitions in
the period by kind and star), "Sao theo kỳ" (recognitions by half-year and star, with a
chart), and one sheet per list of products (recognised, forwarded, returned, expired,
revoked). `render(view, heading)` returns the bytes; it touches no file."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from services.reporting.adapters import report_text as t
from services.reporting.application.app import KpiView

KPI_SHEET = "Chỉ tiêu"
STARS_SHEET = "Hạng sao"
HALVES_SHEET = "Sao theo kỳ"
LIST_SHEETS = {
    "recognised": "Công nhận",
    "forwarded": "Chuyển cấp trên",
    "returned": "Cấp trên trả về",
    "expired": "Hết hiệu lực",
    "revoked": "Thu hồi",
}
KPI_HEADER = ("Mã", "Chỉ tiêu", "Đơn vị", "Kết quả", "Tử số", "Mẫu số", "Mục tiêu",
              "Mức phấn đấu", "Đánh giá")  # fmt: skip
BOLD = Font(bold=True)


def _title(sheet: Worksheet, text: str, columns: int) -> None:
    sheet.append([text])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet.append([])


def _header(sheet: Worksheet, header: tuple[str, ...] | list[str]) -> int:
    sheet.append(list(header))
    row = sheet.max_row
    for cell in sheet[row]:
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return row


def _widths(sheet: Worksheet, widths: tuple[int, ...]) -> None:
    for n, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + n)].width = width


def _kpis(sheet: Worksheet, view: KpiView, where: str) -> None:
    _title(sheet, f"Kết quả thực hiện các chỉ tiêu OCOP {where}", len(KPI_HEADER))
    first = _header(sheet, KPI_HEADER) + 1
    for line in view.lines:
        value: Any = t.NO_DATA if line.figure.value is None else line.figure.value
        target = line.target
        share = line.kpi.unit == "share"
        sheet.append([
            line.kpi.code,
            line.kpi.vi,
            "tỷ lệ" if share else "số lượng",
            float(value) if share and not isinstance(value, str) else _int(value),
            line.figure.numerator if share and line.figure.value is not None else None,
            line.figure.denominator if share and line.figure.value is not None else None,
            None if target is None else (float(target.minimum) if share else int(target.minimum)),
            None if target is None or target.stretch is None else float(target.stretch),
            t.status_text(line),
        ])  # fmt: skip
        if share:
            for column in (4, 7, 8):
                sheet.cell(row=sheet.max_row, column=column).number_format = "0.00%"
    _widths(sheet, (22, 48, 10, 12, 8, 8, 10, 12, 18))
    _target_charts(sheet, view, first)


def _int(value: Any) -> Any:
    return value if isinstance(value, str) else int(value)


def _target_charts(sheet: Worksheet, view: KpiView, first: int) -> None:
    """Targets against actuals: counts on one chart, shares (in %) on another, from a
    helper table of the KPIs that have a target and data."""
    start = sheet.max_row + 3
    sheet.cell(row=start, column=1, value="Mục tiêu và kết quả (biểu đồ)").font = BOLD
    for unit, title, column in (
        ("count", "Chỉ tiêu số lượng", 1),
        ("share", "Chỉ tiêu tỷ lệ (%)", 5),
    ):
        row = start + 1
        sheet.cell(row=row, column=column, value="Chỉ tiêu")
        sheet.cell(row=row, column=column + 1, value="Kết quả")
        sheet.cell(row=row, column=column + 2, value="Mục tiêu")
        chosen = [
            line
            for line in view.lines
            if line.kpi.unit == unit and line.target is not None and line.figure.value is not None
        ]
        for n, line in enumerate(chosen, start=1):
            scale = 100 if unit == "share" else 1
            assert line.figure.value is not None and line.target is not None
            sheet.cell(row=row + n, column=column, value=line.kpi.vi)
            sheet.cell(row=row + n, column=column + 1, value=float(line.figure.value) * scale)
            sheet.cell(row=row + n, column=column + 2, value=float(line.target.minimum) * scale)
        if not chosen:
            continue
        chart = BarChart()
        chart.type = "col"
        chart.title = title
        chart.y_axis.title = "%" if unit == "share" else "Số lượng"
        data = Reference(sheet, min_col=column + 1, max_col=column + 2, min_row=row,
                         max_row=row + len(chosen))  # fmt: skip
        labels = Reference(sheet, min_col=column, min_row=row + 1, max_row=row + len(chosen))
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(labels)
        chart.width, chart.height = 16, 8
        anchor = sheet.cell(row=row + len(chosen) + 2 if unit == "count" else start + 20, column=1)
        sheet.add_chart(chart, anchor.coordinate)


def _stars(sheet: Worksheet, view: KpiView, where: str) -> None:
    _title(sheet, f"Sản phẩm được công nhận theo hạng sao {where}", 6)
    _header(sheet, ("Hình thức", "3 sao", "4 sao", "5 sao", "Cộng"))
    for kind in ("first", "upgrade", "re_evaluation"):
        counts = [view.stars[kind][s] for s in (3, 4, 5)]
        sheet.append([t.KIND[kind], *counts, sum(counts)])
    totals = [sum(view.stars[k][s] for k in view.stars) for s in (3, 4, 5)]
    sheet.append(["Tổng cộng", *totals, sum(totals)])
    _widths(sheet, (22, 10, 10, 10, 10))


def _halves(sheet: Worksheet, view: KpiView) -> None:
    """Recognitions by half-year and star (every kind), with a stacked column chart."""
    _title(sheet, "Sản phẩm được công nhận theo kỳ 6 tháng và hạng sao", 5)
    head = _header(sheet, ("Kỳ", "3 sao", "4 sao", "5 sao", "Cộng"))
    for code, table in view.stars_by_half.items():
        counts = [sum(table[k][s] for k in table) for s in (3, 4, 5)]
        sheet.append([code, *counts, sum(counts)])
    last = sheet.max_row
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Sản phẩm được công nhận theo kỳ"
    chart.y_axis.title = "Số sản phẩm"
    chart.add_data(Reference(sheet, min_col=2, max_col=4, min_row=head, max_row=last),
                   titles_from_data=True)  # fmt: skip
    chart.set_categories(Reference(sheet, min_col=1, min_row=head + 1, max_row=last))
    chart.width, chart.height = 16, 8
    sheet.add_chart(chart, f"A{last + 3}")
    _widths(sheet, (14, 10, 10, 10, 10))


def _list(sheet: Worksheet, key: str, title: str, columns: tuple[str, ...], view: KpiView) -> None:
    header = [c for c in columns if c] + ["Mã sản phẩm"]
    _title(sheet, title, len(header))
    _header(sheet, header)
    for n, row in enumerate(view.lists[key], start=1):
        printed = t.list_row(key, n, row)
        figure: Any = printed[3]
        if key in ("forwarded", "returned") and figure:
            figure = float(Decimal(str(row["number"])))  # a score
        on = date.fromisoformat(row["on"])
        cells: list[Any] = [n, printed[1], row.get("star") or None, figure, on]
        if columns[5]:
            cells.append(printed[5])
        sheet.append([*cells, row["product_id"]])
        sheet.cell(row=sheet.max_row, column=5).number_format = "dd/mm/yyyy"
    _widths(sheet, (6, 40, 10, 22, 14, 16, 38))


def render(view: KpiView, head: t.Heading) -> bytes:
    """The report of `view` as .xlsx bytes."""
    book = Workbook()
    where = f"{t.period_title(view)} - {head.issuer_name}"
    first = book.active
    assert first is not None
    first.title = KPI_SHEET
    _kpis(first, view, where)
    _stars(book.create_sheet(STARS_SHEET), view, where)
    _halves(book.create_sheet(HALVES_SHEET), view)
    for key, title, columns in t.LISTS:
        _list(book.create_sheet(LIST_SHEETS[key]), key, title, columns, view)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
