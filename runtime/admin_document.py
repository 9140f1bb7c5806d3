"""The written forms of Decree 30/2020/NĐ-CP (administrative documents, Appendix I) that
more than one service prints: the date in words and the place-and-date line."""

from __future__ import annotations

from datetime import date


def date_words(on: date) -> str:
    """ "ngày 05 tháng 7 năm 2025": days below 10 and months below 3 take a leading zero
    (Decree 30/2020, Appendix I, II.6)."""
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    return f"ngày {on.day:02d} tháng {month} năm {on.year}"


def date_line(place: str, on: date) -> str:
    """ "Đăk Hà, ngày 05 tháng 7 năm 2025"; without a place, "Ngày 05 tháng 7 năm 2025"."""
    words = date_words(on)
    return f"{place}, {words}" if place else words.capitalize()
