"""Errors raised by the rules package; each names the place it is about."""

from __future__ import annotations

from pydantic import ValidationError

from rules.text import Lang


class RulesError(Exception):
    """Base error: carries a Vietnamese and an English message and the place."""

    def __init__(self, place: str, en: str, vi: str | None = None) -> None:
        self.place = place
        self.en = en
        self.vi = vi if vi is not None else en
        super().__init__(f"{place}: {en}" if place else en)

    def render(self, lang: Lang = "vi") -> str:
        message = self.vi if lang == "vi" else self.en
        return f"{self.place}: {message}" if self.place else message


class RuleSetError(RulesError):
    """A rule-set or rubric document is malformed or inconsistent."""


class UnknownRuleSetError(RulesError):
    """No rule set with that id, or none in force on that date."""


class SheetError(RulesError):
    """A score sheet does not fit its rubric (unknown criterion/option, missing answer)."""


def messages(exc: ValidationError, prefix: str) -> str:
    """Pydantic errors as "place: problem"; model checks already start with their place."""
    out = []
    for error in exc.errors():
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        location = ".".join(str(p) for p in error.get("loc", ()))
        out.append(message if not location else f"{prefix} › {location}: {message}")
    return "; ".join(out)
