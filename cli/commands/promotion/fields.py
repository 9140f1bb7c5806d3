"""What several `ocop promotion` commands take: the acting office's role, the ids they
name, the year, and the `A:B:C` items and amounts typed on the command line.

A refusal the CLI makes itself names the request field (`budget_lines`, `activities`,
`activity`, `amount_vnd`, `sales_vnd`) and says why in Vietnamese and English."""

from __future__ import annotations

from cli.declare import Arg, Refused, day, on

ROLE = "economy_office"
ACTIVITY = Arg(
    "--activity",
    "Mã hoạt động trong kế hoạch năm",
    "Activity code of the year's plan",
    field="activity_code",
)
SHOWROOM = Arg("--showroom", "Mã điểm bán", "Showroom id", required=True, field="showroom_id")
FAIR = Arg("--fair", "Mã hội chợ", "Fair id", required=True, field="fair_id")
YEAR = Arg("--year", "Năm kế hoạch", "The plan's year", required=True, type=int)
ORGANISER = Arg("--organiser", "Đơn vị tổ chức", "Organiser", required=True)
DAYS = (
    on("--from", "Từ ngày", "From", field="starts_on"),
    on("--to", "Đến ngày", "To", field="ends_on"),
)
"""A fair's or a course's first and last day."""
SPAN = (
    on("--since", "Từ ngày", "Since"),
    Arg("--until", "Đến ngày (dd/mm/yyyy)", "Until (dd/mm/yyyy)", type=day),
)
"""A channel's or a value chain's start and (open) end."""
UNIT = Arg(
    "--unit", "Mã địa bàn (mặc định: tất cả)", "Unit code (default: all)", field="jurisdiction"
)


def parts(text: str, option: str, count: int, field: str) -> list[str]:
    """`text` split at its first `count - 1` colons; every part but the last non-empty."""
    found = text.split(":", count - 1)
    if len(found) != count or not all(p.strip() for p in found[:-1]):
        raise Refused(
            f"{option} {text}: thiếu phần", field=field, en=f"{option} {text}: missing parts"
        )
    return [p.strip() for p in found]


def amount(text: str, option: str, field: str) -> int:
    """An amount in whole đồng, with or without thousands separators ("1.500.000")."""
    digits = text.replace(".", "").replace(",", "").replace("_", "")
    if not digits.isdigit():
        raise Refused(
            f"{option} {text}: số tiền phải là số nguyên đồng",
            field=field,
            en=f"{option} {text}: amounts are whole đồng",
        )
    return int(digits)
