"""Text normalisation at the edges: Vietnamese input is stored in NFC."""

from __future__ import annotations

import re
import unicodedata
from datetime import date


def nfc(value: str) -> str:
    """Normalise to NFC and trim surrounding whitespace."""
    return unicodedata.normalize("NFC", value).strip()


def fold(value: str) -> str:
    """A search key that ignores diacritics and case ("Đăk Hà" -> "dak ha")."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def excerpt(value: str, limit: int = 40) -> str:
    """A short, escaped, quoted excerpt of `value` for a refusal: at most `limit` characters
    of it, control and invisible characters shown as escapes (`\\x1b`, `\\u202e`), `…` when
    cut. A refusal never echoes more of the input than this."""
    shown = "".join(
        char if char.isprintable() or char == " " else char.encode("unicode_escape").decode("ascii")
        for char in value[:limit]
    )
    return f"'{shown}…'" if len(value) > limit else f"'{shown}'"


_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def typed_day(text: str) -> str:
    """A date as a person typed it, as ISO for the services: "25/04/2025" -> "2025-04-25".

    ISO (yyyy-mm-dd), dates that cannot be ("31/02/2025") and anything else pass through
    unchanged, for the service to refuse with the field named and the text as typed."""
    found = _DAY_MONTH_YEAR.match(text)
    if found is None:
        return text
    dd, mm, yyyy = (int(part) for part in found.groups())
    try:
        return date(yyyy, mm, dd).isoformat()
    except ValueError:
        return text
