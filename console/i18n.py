"""Language and formats of the pages: Vietnamese by default, English on request; dates
dd/mm/yyyy and times in the deployment's time zone (Asia/Ho_Chi_Minh); text in NFC.

Texts are keyed: `TEXTS[key] = (vietnamese, english)`. A page module adds its own with
`add({...})` at import; a key is defined once (a duplicate raises at import)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

LANGS = ("vi", "en")

TEXTS: dict[str, tuple[str, str]] = {}


def add(texts: dict[str, tuple[str, str]]) -> None:
    """Register a page's texts; ValueError on a key already registered."""
    clash = TEXTS.keys() & texts.keys()
    if clash:
        raise ValueError(f"console texts defined twice: {sorted(clash)}")
    TEXTS.update({k: (unicodedata.normalize("NFC", vi), en) for k, (vi, en) in texts.items()})


def text(key: str, lang: str) -> str:
    """The text `key` in `lang` ("vi" or "en"); the key itself when none is registered."""
    pair = TEXTS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


def label(prefix: str, value: str, lang: str) -> str:
    """The text of `prefix + value` (a status, a kind), or `value` itself when none."""
    key = f"{prefix}{value}"
    return text(key, lang) if key in TEXTS else value


def chosen(lang: str | None) -> str:
    return lang if lang in LANGS else "vi"


def day(value: str | date | None) -> str:
    """An ISO date (or a date) as dd/mm/yyyy; "" for none; the text itself when unreadable."""
    if not value:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def number(value: object, lang: str) -> str:
    """A decimal as the reader writes it: "65.33" -> "65,33" in Vietnamese (TCVN: the comma
    separates decimals), "65.33" in English; "" for none; anything else as it is."""
    if value is None or value == "":
        return ""
    text_ = str(value)
    try:
        float(text_)
    except ValueError:
        return text_
    return text_.replace(".", ",") if lang == "vi" else text_


def moment(value: str | datetime | None, zone: str = "Asia/Ho_Chi_Minh") -> str:
    """An ISO instant as dd/mm/yyyy HH:MM in `zone`; "" for none."""
    if not value:
        return ""
    try:
        at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if at.tzinfo is not None:
        at = at.astimezone(ZoneInfo(zone))
    return at.strftime("%d/%m/%Y %H:%M")
