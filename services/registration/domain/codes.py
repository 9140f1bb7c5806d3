"""Product codes (mã số sản phẩm): the R3 format `T-X-STT-YYYY` with Decision 19/2025 unit
codes, and the pre-reform `T-H-X-STT-YYYY` with a district segment (OCOP-RULES §9)."""

from __future__ import annotations

import re

from runtime.errors import CommandRejected

CURRENT = re.compile(r"^(?P<t>\d{1,2})-(?P<x>\d{1,5})-(?P<stt>\d{1,4})-(?P<year>\d{4})$")
LEGACY = re.compile(
    r"^(?P<t>\d{1,2})-(?P<h>\d{1,3})-(?P<x>\d{1,5})-(?P<stt>\d{1,4})-(?P<year>\d{4})$"
)


def current_code(province: str, commune: str, sequence: int, year: int) -> str:
    return f"{int(province):02d}-{int(commune):05d}-{sequence}-{year}"


def legacy_code(province: str, district: str, commune: str, sequence: int, year: int) -> str:
    return f"{int(province):02d}-{int(district):03d}-{int(commune):05d}-{sequence}-{year}"


def code_format(code: str) -> str:
    """`current` or `legacy`; refuses anything else, naming the expected formats."""
    if CURRENT.match(code):
        return "current"
    if LEGACY.match(code):
        return "legacy"
    raise CommandRejected(
        "invalid_argument",
        "legacy_code",
        f"Mã sản phẩm '{code}' không đúng định dạng T-X-STT-Năm hoặc T-H-X-STT-Năm.",
        f"Product code '{code}' is neither T-X-STT-YYYY nor the legacy T-H-X-STT-YYYY.",
    )
