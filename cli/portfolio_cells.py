"""What each cell of an office's register must be (`cli.portfolio_file`): a cell as text,
a producer kind as offices write it, a whole number in a range, a score, a date in the
register's format. Each converter takes the field's name and the cell's text and returns the
canonical value, or raises `CommandRejected` naming the field (in Vietnamese and English)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from runtime.errors import CommandRejected
from runtime.text import fold

# Producer kinds as offices write them (folded) -> the system's codes.
KINDS: dict[str, str] = {
    "doanh nghiep": "enterprise",
    "cong ty": "enterprise",
    "hop tac xa": "cooperative",
    "htx": "cooperative",
    "to hop tac": "cooperative_group",
    "ho kinh doanh": "household_business",
    "ho san xuat": "household_business",
    "trang trai": "farm",
    "hoi": "association",
    "hiep hoi": "association",
    **{code: code for code in ("enterprise", "cooperative", "cooperative_group")},
    **{code: code for code in ("household_business", "farm", "association")},
}
DATE_FORMAT = "%d/%m/%Y"


def text(value: Any) -> str:
    """A cell as text: spreadsheet dates as dd/mm/yyyy, whole numbers without '.0'."""
    if isinstance(value, datetime):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def kind(name: str, text: str) -> str:
    """The producer kind's code (`KINDS`: Vietnamese as offices write it, or the code)."""
    found = KINDS.get(fold(text).replace("_", " ")) or KINDS.get(fold(text))
    if found is None:
        raise CommandRejected(
            "invalid_argument",
            name,
            f"Loại hình '{text}' không rõ; dùng: Doanh nghiệp, Hợp tác xã, Tổ hợp tác, "
            "Hộ kinh doanh, Trang trại, Hội.",
            f"Unknown producer kind '{text}'; use: Doanh nghiệp, Hợp tác xã, Tổ hợp tác, "
            "Hộ kinh doanh, Trang trại, Hội.",
        )
    return found


def whole_number(name: str, text: str, least: int, most: int) -> int:
    try:
        value = int(text)
    except ValueError:
        value = least - 1
    if not least <= value <= most:
        raise CommandRejected(
            "invalid_argument",
            name,
            f"'{text}' không phải số nguyên từ {least} đến {most}.",
            f"'{text}' is not a whole number from {least} to {most}.",
        )
    return value


def score(name: str, text: str) -> str:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:
        raise CommandRejected(
            "invalid_argument",
            name,
            f"Điểm '{text}' không phải số từ 0 đến 100.",
            f"Score '{text}' is not a number from 0 to 100.",
        )
    return f"{value:.2f}"


def day(name: str, text: str, date_format: str) -> str:
    try:
        return datetime.strptime(text, date_format).date().isoformat()
    except ValueError as error:
        shown = date_format.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy")
        raise CommandRejected(
            "invalid_argument",
            name,
            f"Ngày '{text}' không đúng dạng {shown}.",
            f"Date '{text}' is not {shown}.",
        ) from error
