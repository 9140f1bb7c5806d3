"""What the reports print, shared by the .docx and the .xlsx: the document's heading
(issuing body, number, place and date per Decree 30/2020/NĐ-CP), the period's title,
the tables' rows and how numbers and dates read in Vietnamese (dd/mm/yyyy, decimal
comma, "không có dữ liệu" where a service has sent nothing).

Reports go to the province as administrative documents: they are in Vietnamese."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from runtime.admin_document import date_line
from services.reporting.application.app import KpiView
from services.reporting.domain.kpi import Line

NO_DATA = "không có dữ liệu"
STATUS = {"below": "Chưa đạt", "met": "Đạt", "stretch_met": "Vượt mức phấn đấu"}
KIND = {"first": "Lần đầu", "upgrade": "Nâng hạng", "re_evaluation": "Đánh giá lại"}
LEVEL = {"province": "Tỉnh", "ministry": "Trung ương", "district": "Huyện"}
SOURCES = {
    "registration": "đăng ký, tiếp nhận hồ sơ",
    "evaluation": "đánh giá, công nhận",
    "inspection": "kiểm tra, giám sát",
    "promotion": "xúc tiến thương mại",
}
LISTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("recognised", "Sản phẩm được công nhận trong kỳ",
     ("TT", "Tên sản phẩm", "Hạng sao", "Số quyết định", "Ngày quyết định", "Loại")),
    ("forwarded", "Sản phẩm chuyển cấp trên đánh giá",
     ("TT", "Tên sản phẩm", "Hạng sao đề nghị", "Điểm", "Ngày chuyển", "Cấp nhận")),
    ("returned", "Sản phẩm cấp trên trả về",
     ("TT", "Tên sản phẩm", "Hạng sao (cấp dưới)", "Điểm cấp trên", "Ngày trả về", "Cấp trả")),
    ("expired", "Sản phẩm hết hiệu lực chứng nhận trong kỳ",
     ("TT", "Tên sản phẩm", "Hạng sao", "Số giấy chứng nhận", "Hiệu lực đến", "")),
    ("revoked", "Sản phẩm bị thu hồi giấy chứng nhận trong kỳ",
     ("TT", "Tên sản phẩm", "Hạng sao", "Số quyết định thu hồi", "Ngày thu hồi", "Căn cứ")),
)  # fmt: skip
"""Each list of the report: its key in `KpiView.lists`, title and columns."""


@dataclass(frozen=True)
class Heading:
    """The document's heading and signature block (Decree 30/2020, Appendix I)."""

    issuer: str
    number: str
    signer: str
    on: date

    @property
    def issuer_lines(self) -> tuple[str, str]:
        """The issuing body in two lines, upper case: the body and its unit."""
        text = " ".join(self.issuer.split()).upper()
        for short, full in (("UBND ", "ỦY BAN NHÂN DÂN "),):
            if text.startswith(short):
                text = full + text[len(short) :]
        body = "ỦY BAN NHÂN DÂN"
        if text.startswith(body + " "):
            return body, text[len(body) + 1 :]
        return text, ""

    @property
    def issuer_name(self) -> str:
        """The issuing body as a sentence names it: "Ủy ban nhân dân huyện Đăk Hà"."""
        body, unit = self.issuer_lines
        name = body[:1] + body[1:].lower()
        if unit and self.place:
            level = unit[: len(unit) - len(self.place)].strip().lower()
            return f"{name} {level} {self.place}".replace("  ", " ")
        return f"{name} {unit.title()}".strip()

    @property
    def place(self) -> str:
        """The place name of the date line: the unit's name as written ("Đăk Hà")."""
        unit = self.issuer_lines[1]
        for prefix in ("HUYỆN ", "TỈNH ", "XÃ ", "THÀNH PHỐ ", "THỊ XÃ ", "PHƯỜNG "):
            if unit.startswith(prefix):
                return unit[len(prefix) :].title()
        return unit.title()

    @property
    def to_province(self) -> bool:
        """Whether the report goes up to the province (a district's or a commune's), or
        from the province to the ministry."""
        return not self.issuer_lines[1].startswith(("TỈNH ", "THÀNH PHỐ TRỰC THUỘC"))

    @property
    def addressee(self) -> str:
        return "Ủy ban nhân dân tỉnh" if self.to_province else "Bộ Nông nghiệp và Môi trường"

    @property
    def recipients(self) -> tuple[str, ...]:
        """The "Nơi nhận" lines: the addressee, the lead agency, the archive."""
        if self.to_province:
            return ("- UBND tỉnh;", "- Sở Nông nghiệp và Môi trường;", "- Lưu: VT.")
        return (
            "- Bộ Nông nghiệp và Môi trường;",
            "- Văn phòng Điều phối nông thôn mới Trung ương;",
            "- Sở Nông nghiệp và Môi trường;",
            "- Lưu: VT.",
        )

    @property
    def number_line(self) -> str:
        return f"Số: {self.number}" if self.number else "Số:        /BC-UBND"

    @property
    def date_line(self) -> str:
        """ "Đăk Hà, ngày 05 tháng 7 năm 2025" (`runtime.admin_document.date_line`)."""
        return date_line(self.place, self.on)


def heading(view: KpiView, issuer: str, number: str, signer: str) -> Heading:
    unit = view.scope.code or "toàn quốc"
    return Heading(issuer or f"ỦY BAN NHÂN DÂN ĐƠN VỊ {unit}", number, signer, view.today)


def period_title(view: KpiView) -> str:
    """ "6 tháng đầu năm 2025", "năm 2025", "6 tháng cuối năm 2025", or the dates."""
    p = view.period
    if (p.starts.month, p.starts.day) == (1, 1) and p.starts.year == p.ends.year:
        if (p.ends.month, p.ends.day) == (6, 30):
            return f"6 tháng đầu năm {p.starts.year}"
        if (p.ends.month, p.ends.day) == (12, 31):
            return f"năm {p.starts.year}"
    if (p.starts.month, p.starts.day, p.ends.month, p.ends.day) == (7, 1, 12, 31):
        return f"6 tháng cuối năm {p.starts.year}"
    return f"từ ngày {dmy(p.starts)} đến ngày {dmy(p.ends)}"


def dmy(day: date | str) -> str:
    if isinstance(day, str):
        if not day:
            return ""
        day = date.fromisoformat(day)
    return f"{day:%d/%m/%Y}"


def number(value: Decimal | int | None, unit: str) -> str:
    """A figure as printed: counts as integers, shares as "33,33%"; None as no data."""
    if value is None:
        return NO_DATA
    if unit == "share":
        percent = f"{Decimal(value) * 100:.2f}".rstrip("0").rstrip(".")
        return percent.replace(".", ",") + "%"
    return str(int(value))


def target_text(line: Line) -> str:
    target = line.target
    if target is None:
        return "-"
    text = "≥ " + number(target.minimum, line.kpi.unit)
    if target.stretch is not None:
        text += f" (phấn đấu {number(target.stretch, line.kpi.unit)})"
    return text


def status_text(line: Line) -> str:
    if line.figure.value is None:
        return NO_DATA if line.target is not None else "-"
    return STATUS.get(line.status, "-")


def kpi_rows(view: KpiView) -> list[list[str]]:
    """The KPI table: TT, KPI, actual, target, status (as printed)."""
    rows = []
    for n, line in enumerate(view.lines, start=1):
        actual = number(line.figure.value, line.kpi.unit)
        if line.kpi.unit == "share" and line.figure.value is not None:
            actual += f" ({line.figure.numerator}/{line.figure.denominator})"
        rows.append([str(n), line.kpi.vi, actual, target_text(line), status_text(line)])
    return rows


def list_row(key: str, n: int, row: dict[str, Any]) -> list[str]:
    """One product of a list, as printed (columns of `LISTS`)."""
    kind = row.get("kind", "")
    shown = KIND.get(kind) or LEVEL.get(kind) or kind
    star = f"{row['star']}★" if row.get("star") else ""
    figure = str(row.get("number", ""))
    if key in ("forwarded", "returned"):
        figure = figure.replace(".", ",")
    return [str(n), str(row["name"]), star, figure, dmy(row["on"]), shown]


def file_stem(view: KpiView) -> str:
    unit = view.scope.code or "VN"
    period = view.period.code.replace("/", "").replace(" ", "")
    return f"bao-cao-ocop-{period}-{unit}"
