"""The report as a Word document (python-docx), in the administrative format of Decree
30/2020/NĐ-CP (Appendix I): A4, Times New Roman 13-14, margins top/bottom 20 mm, left
30 mm, right 15 mm; the heading (issuing body and number on the left, the national motto
with the place and date on the right), the type and title, the body (KPI table against
the plan's targets, recognitions by kind and star, the period's lists of products),
"Nơi nhận" and the signature block.

`render(view, heading)` returns the document's bytes; it touches no file."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell

from services.reporting.adapters import report_text as t
from services.reporting.application.app import KpiView

FONT = "Times New Roman"
SMALL_TABLE = 8
"""Tables of at most this many rows are kept on one page."""


def _font(run: object, size: float, *, bold: bool = False, italic: bool = False) -> None:
    r = run  # a docx Run
    r.font.name = FONT  # type: ignore[attr-defined]
    r.font.size = Pt(size)  # type: ignore[attr-defined]
    r.font.bold = bold  # type: ignore[attr-defined]
    r.font.italic = italic  # type: ignore[attr-defined]
    fonts = r._element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    fonts.set(qn("w:eastAsia"), FONT)


def _para(
    where: DocumentType | _Cell,
    text: str,
    size: float = 14,
    *,
    bold: bool = False,
    italic: bool = False,
    align: int = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    after: float = 6,
    keep: bool = False,
) -> None:
    paragraph = where.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.keep_with_next = keep
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.0)
    _font(paragraph.add_run(text), size, bold=bold, italic=italic)


def _cell_text(
    cell: _Cell, text: str, size: float, *, bold: bool = False, italic: bool = False,
    align: int = WD_ALIGN_PARAGRAPH.CENTER,
) -> None:  # fmt: skip
    first = cell.paragraphs[0]
    paragraph = first if not first.runs else cell.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    _font(paragraph.add_run(text), size, bold=bold, italic=italic)


def _widths(table: Table, widths: tuple[float, ...]) -> None:
    """Fixed column widths (cm): Word reads the cells', LibreOffice the grid's."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _heading(doc: DocumentType, head: t.Heading) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (6.0, 10.0))
    left, right = table.rows[0].cells
    body, unit = head.issuer_lines
    _cell_text(left, body, 13, bold=not unit)
    if unit:
        _cell_text(left, unit, 13, bold=True)
    _rule_short(left)
    _cell_text(left, head.number_line, 13)
    _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.5, bold=True)
    _cell_text(right, "Độc lập - Tự do - Hạnh phúc", 13.5, bold=True)
    _rule_short(right)
    _cell_text(right, head.date_line, 13.5, italic=True)


def _rule_short(cell: _Cell) -> None:
    """A centred short line (a one-cell row of a nested table would be heavier): a line of
    box-drawing characters sized to the text above it."""
    paragraph = cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(2)
    _font(paragraph.add_run("─" * 10), 8)


def _grid(doc: DocumentType, header: tuple[str, ...] | list[str], rows: list[list[str]],
          widths: tuple[float, ...]) -> None:  # fmt: skip
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell_text(cell, text, 12, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for n, (cell, text) in enumerate(zip(cells, row, strict=True)):
            left = n == 1
            align = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
            _cell_text(cell, text, 12, align=align)
    _widths(table, widths)
    for n, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if n == 0:
            properties.append(OxmlElement("w:tblHeader"))  # repeated on each page
        if len(table.rows) <= SMALL_TABLE and n < len(table.rows) - 1:
            for cell in row.cells:  # a small table stays on one page
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def render(view: KpiView, head: t.Heading) -> bytes:
    """The report of `view` as .docx bytes."""
    doc = Document()
    _page_setup(doc)
    _page_numbers(doc.sections[0])
    title = t.period_title(view)
    _opening(doc, view, head, title)
    _kpi_section(doc, view)
    _star_section(doc, view)
    _list_section(doc, view)
    due = f" (hạn gửi ngày {t.dmy(view.report.due)})" if view.report else ""
    _para(
        doc,
        f"Trên đây là báo cáo kết quả thực hiện Chương trình OCOP {title}{due}, kính gửi "
        f"{head.addressee} xem xét, chỉ đạo./.",
        indent=True,
        keep=True,
    )
    _signature(doc, head)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page_setup(doc: Any) -> None:
    """A4, the margins and the body font of Decree 30/2020's administrative documents."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)


def _opening(doc: Any, view: KpiView, head: t.Heading, title: str) -> None:
    """The heading, the report's title and its opening paragraph (which report, whose, when)."""
    _heading(doc, head)
    _para(doc, "", after=0)
    _para(doc, "BÁO CÁO", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    for text in ("Kết quả thực hiện Chương trình Mỗi xã một sản phẩm (OCOP)", title):
        _para(doc, text, 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(doc, "─" * 12, 8, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)

    unit = view.scope.code or "toàn quốc"
    kind = "6 tháng" if view.report and view.report.code == "six_month" else "định kỳ"
    if view.report and view.report.code == "annual":
        kind = "năm"
    _para(
        doc,
        f"Thực hiện chế độ báo cáo {kind} về Chương trình OCOP, {head.issuer_name} báo cáo "
        f"kết quả thực hiện Chương trình OCOP {title} (từ ngày {t.dmy(view.period.starts)} "
        f"đến ngày {t.dmy(view.period.ends)}) trên địa bàn (mã đơn vị {unit}) như sau:",
        indent=True,
    )


def _kpi_section(doc: Any, view: KpiView) -> None:
    """I: each KPI against its target, and what it lacks data from."""
    _para(doc, "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH", bold=True, keep=True)
    _grid(doc, ("TT", "Chỉ tiêu", "Kết quả", "Mục tiêu", "Đánh giá"), t.kpi_rows(view),
          (1.0, 6.6, 3.4, 3.0, 2.5))  # fmt: skip
    _para(
        doc,
        "Tỷ lệ tính trên số chủ thể có sản phẩm còn hiệu lực chứng nhận vào ngày cuối kỳ; "
        "chỉ tiêu số lượng là chỉ tiêu cả năm.",
        12,
        italic=True,
        indent=True,
    )
    if view.missing:
        names = ", ".join(t.SOURCES.get(s, s) for s in view.missing)
        _para(
            doc,
            f"Chưa có dữ liệu từ các khâu: {names}; các chỉ tiêu liên quan ghi “{t.NO_DATA}”.",
            12,
            italic=True,
            indent=True,
        )


def _star_section(doc: Any, view: KpiView) -> None:
    """II: the products recognised in the period, by kind and star."""
    _para(doc, "II. SẢN PHẨM ĐƯỢC CÔNG NHẬN THEO HẠNG SAO", bold=True, keep=True)
    star_rows = [
        [str(n), t.KIND[kind], *(str(view.stars[kind][s]) for s in (3, 4, 5)),
         str(sum(view.stars[kind].values()))]
        for n, kind in enumerate(("first", "upgrade", "re_evaluation"), start=1)
    ]  # fmt: skip
    totals = [sum(view.stars[k][s] for k in view.stars) for s in (3, 4, 5)]
    star_rows.append(["", "Tổng cộng", *(str(x) for x in totals), str(sum(totals))])
    _grid(doc, ("TT", "Hình thức", "3 sao", "4 sao", "5 sao", "Cộng"), star_rows,
          (1.0, 6.0, 2.0, 2.0, 2.0, 2.5))  # fmt: skip


def _list_section(doc: Any, view: KpiView) -> None:
    """III: the period's lists of products, one table each."""
    _para(doc, "", after=0)
    _para(doc, "III. DANH SÁCH SẢN PHẨM TRONG KỲ", bold=True, keep=True)
    for n, (key, label, columns) in enumerate(t.LISTS, start=1):
        rows = view.lists[key]
        _para(doc, f"{n}. {label}: {len(rows)} sản phẩm", italic=True, after=3, keep=bool(rows))
        if rows:
            body = [t.list_row(key, i, r) for i, r in enumerate(rows, start=1)]
            _grid(doc, columns, body, (1.0, 4.6, 1.8, 3.3, 2.6, 2.2))
            _para(doc, "", 6, after=0)


def _page_numbers(section: Any) -> None:
    """Page numbers centred at the top from the second page (Decree 30/2020, App. I, I.8)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _font(run, 13)
    for kind, text in (("begin", ""), ("", "PAGE"), ("end", "")):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _signature(doc: DocumentType, head: t.Heading) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (8.0, 8.0))
    row = table.rows[0]._tr.get_or_add_trPr()
    row.append(OxmlElement("w:cantSplit"))  # the signature block stays on one page
    left, right = table.rows[0].cells
    align = WD_ALIGN_PARAGRAPH.LEFT
    _cell_text(left, "Nơi nhận:", 12, bold=True, italic=True, align=align)
    for line in head.recipients:
        _cell_text(left, line, 11, align=align)
    _cell_text(right, f"TM. {head.issuer_lines[0]}", 13, bold=True)
    _cell_text(right, "CHỦ TỊCH", 13, bold=True)
    for _ in range(3):
        _cell_text(right, "", 13)
    _cell_text(right, head.signer, 13, bold=True)
