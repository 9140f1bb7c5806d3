"""Text normalisation at the edges: Vietnamese input is stored in NFC."""

from __future__ import annotations

import unicodedata


def nfc(value: str) -> str:
    """Normalise to NFC and trim surrounding whitespace."""
    return unicodedata.normalize("NFC", value).strip()


def fold(value: str) -> str:
    """A search key that ignores diacritics and case ("Đăk Hà" -> "dak ha")."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()
