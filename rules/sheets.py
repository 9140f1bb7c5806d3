"""Score-sheet input: one member's answers, and a council sheet document.

Sheet document (YAML or JSON), see docs/rules.md::

    rule_set: R3            # optional; otherwise chosen from filing_date
    filing_date: 2026-06-01 # commune receipt date, used when rule_set is absent
    product_set: 13
    product: "Cà phê bột …" # optional, shown in explanations
    tier: province          # optional: which council scored (default: rule set's first)
    council_date: 2026-06-20 # optional: the day the council adopted it (abolitions, lapse)
    mode: cap               # optional: cap | reject (default: rule set/deployment)
    knockouts: []           # council findings: codes, or {code: true/false}
    members:
      - member: TV1
        choices: {"1.1": 2, "2.3": 2, "6.1.1": 3}   # criterion code -> option number
        knockouts: []
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from rules.errors import SheetError
from rules.model import ShortfallMode, Tier
from rules.text import nfc, nfc_tree


def _codes(value: object) -> object:
    """Accept knock-outs as a list of codes or a {code: bool} mapping."""
    if isinstance(value, Mapping):
        return [str(code) for code, flagged in value.items() if flagged]
    return value


class MemberSheet(BaseModel):
    """One council member's answers: criterion code → option number."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    member: str = Field(min_length=1)
    choices: dict[str, str]
    knockouts: tuple[str, ...] = ()

    @field_validator("member", mode="before")
    @classmethod
    def _member(cls, value: object) -> object:
        return nfc(str(value)) if isinstance(value, str | int) else value

    @field_validator("choices", mode="before")
    @classmethod
    def _choices(cls, value: object) -> object:
        if isinstance(value, Mapping):
            return {nfc(str(k)): nfc(str(v)) for k, v in value.items()}
        return value

    @field_validator("knockouts", mode="before")
    @classmethod
    def _knockouts(cls, value: object) -> object:
        return _codes(value)


class CouncilSheet(BaseModel):
    """A council's sheets for one product (the ``ocop rules explain`` input)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule_set: str | None = None
    filing_date: date | None = None
    product_set: int
    product: str = ""
    tier: Tier | None = None
    council_date: date | None = None
    mode: ShortfallMode | None = None
    knockouts: tuple[str, ...] = ()
    members: tuple[MemberSheet, ...] = Field(min_length=1)

    @field_validator("knockouts", mode="before")
    @classmethod
    def _knockouts(cls, value: object) -> object:
        return _codes(value)


def parse_council_sheet(document: Any) -> CouncilSheet:
    """Validate a parsed sheet document; errors name the offending field."""
    if not isinstance(document, Mapping):
        raise SheetError(
            "sheet", "expected a mapping at the top level", "tệp phiếu phải là một bảng"
        )
    try:
        return CouncilSheet.model_validate(nfc_tree(document))
    except ValidationError as exc:
        error = exc.errors()[0]
        place = ".".join(str(p) for p in error.get("loc", ())) or "sheet"
        message = str(error.get("msg", ""))
        raise SheetError(place, message, f"giá trị không hợp lệ: {message}") from exc
