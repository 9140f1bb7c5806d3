"""Text helpers: NFC normalisation of Vietnamese input and two-language strings."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC form, stripped of surrounding blanks."""
    return unicodedata.normalize("NFC", text).strip()


def nfc_tree(value: object) -> object:
    """Normalise every string (keys included) in a parsed YAML/JSON tree to NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Mapping):
        return {nfc_tree(k): nfc_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [nfc_tree(v) for v in value]
    return value


class LocalText(BaseModel):
    """A string in Vietnamese (authoritative) with an English rendering."""

    model_config = ConfigDict(frozen=True)

    vi: str
    en: str

    @field_validator("vi", "en")
    @classmethod
    def _nfc(cls, v: str) -> str:
        return nfc(v)

    def get(self, lang: Lang) -> str:
        return self.vi if lang == "vi" else self.en


def fmt_date(day: date) -> str:
    """A date as users read it: dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")


def fmt_decimal(value: Decimal, lang: Lang, places: int = 2) -> str:
    """Format a score with ``places`` decimals; Vietnamese uses a decimal comma."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "vi" else text


def fmt_points(value: Decimal, lang: Lang) -> str:
    """Format option points without useless decimals (2, 2.5)."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "vi" else text
