"""The vocabulary of a rule set: tiers, procedure steps, modes and yearly dates.

Shared by the rule-set document (:mod:`rules.model`), its sections
(:mod:`rules.sections`) and a deployment's local policy (:mod:`rules.deployment`).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Tier(StrEnum):
    """Administrative level that can hold a role in the OCOP procedure."""

    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"
    CENTRAL = "central"


class Step(StrEnum):
    """A role in the procedure, looked up per (rule set, star)."""

    RECEIVE = "receive"
    PRE_ASSESS = "pre_assess"
    SCORE = "score"
    RECOGNISE = "recognise"
    APPROVE_RESULT = "approve_result"
    REVOKE = "revoke"
    INSPECT = "inspect"
    NOTIFY_EXPIRY = "notify_expiry"


class ShortfallMode(StrEnum):
    """What missing a star's minimum does: cap the star, or reject the product."""

    CAP = "cap"
    REJECT = "reject"


class LastDayConvention(StrEnum):
    """Last valid day of a certificate: the anniversary itself, or the day before."""

    SAME_DAY = "same_day"
    DAY_BEFORE = "day_before"


class DossierKind(StrEnum):
    FIRST = "first"
    UPGRADE = "upgrade"
    REEVALUATION = "reevaluation"


CONDITIONAL_NOTE = "Chỉ áp dụng khi"
"""Sheet notes starting with this make a criterion conditional; each needs a condition."""


class FrozenModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MonthDay(FrozenModel):
    """A yearly date written "MM-DD"."""

    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)

    def on(self, year: int) -> date:
        return date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"{self.day:02d}/{self.month:02d}"


def parse_month_day(value: object) -> object:
    if isinstance(value, str):
        month, _, day = value.partition("-")
        return {"month": int(month), "day": int(day)}
    return value


def month_day_fields(*fields: str) -> Any:
    """A before-validator reading ``fields`` written "MM-DD" as :class:`MonthDay`.

    Use as a class attribute: ``_month_days = month_day_fields("forwarded_by")``.
    """
    return field_validator(*fields, mode="before")(parse_month_day)
