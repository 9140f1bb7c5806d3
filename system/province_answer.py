"""The province stand-in's answer to a forwarded dossier (`system.province`), computed
from the forwarded event and the stand-in's settings alone: the forwarded mean plus
`OCOP_PROVINCE_SCORE_DELTA`; below a return path's threshold of the rule set (R1: province
< 70; R3: central < 90) the dossier goes back, otherwise the band's star is recognised,
as high as the level may recognise (Decision 148/QĐ-TTg, §1.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from contracts.evaluation import ForwardedToProvince
from rules import Step, Tier, band_for, load_rule_set, may_act

TIER = {"province": Tier.PROVINCE, "ministry": Tier.CENTRAL}


class ProvinceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OCOP_PROVINCE_", extra="ignore")

    enabled: bool = Field(
        default=True,
        description="False: forwarded dossiers wait for `ocop evaluation higher-result`",
    )
    score_delta: Decimal = Field(default=Decimal(0), ge=-100, le=100)
    answer_after_days: int = Field(default=20, ge=0)
    user: str = Field(
        default="",
        description="The province account the stand-in signs in as to fetch each forwarded "
        "dossier's bundle from registration (system/province_bundle.py); empty: none fetched",
    )
    password_file: Path | None = Field(default=None, description="That account's password")
    bundle_attempts: int = Field(default=5, ge=1, description="Calls per bundle (resumed)")
    bundle_wait_seconds: float = Field(
        default=10.0, ge=0, description="How long to wait for the lower council's result"
    )


@dataclass(frozen=True)
class Verdict:
    """The answering level ("province" or "ministry"), the score (0-100, two decimals),
    the star recognised (0 when returned), the day, the return's reason (Vietnamese) and
    the rule set's id."""

    level: str
    score: Decimal
    star: int
    returned: bool
    decided_on: date
    reason: str
    rule_set_id: str


def decide(forwarded: ForwardedToProvince, own: ProvinceSettings) -> Verdict:
    """The next level's verdict. Where the rule set has that level forward further at
    this score (R1: the province sends >= 90 to the ministry, 148 §1.2), the stand-in
    plays the ministry too and answers as the ministry. KeyError: a `to_level` other
    than "province" or "ministry"."""
    rule_set = load_rule_set(forwarded.rule_set_id or "R3")
    level = forwarded.to_level
    tier = TIER[level]
    score = max(Decimal(0), min(Decimal(100), forwarded.score + own.score_delta))
    score = score.quantize(Decimal("0.01"))
    onward = [f for f in rule_set.forwarding if f.from_tier == tier and score >= f.min_score]
    if level == "province" and onward and onward[0].to_tier == Tier.CENTRAL:
        level, tier = "ministry", Tier.CENTRAL
    decided_on = forwarded.forwarded_on + timedelta(days=own.answer_after_days)
    band = band_for(rule_set, score)
    below = [p for p in rule_set.return_paths if p.from_tier == tier and band < p.short_of_star]
    star = max(
        (s for s in range(3, band + 1) if may_act(rule_set, tier, Step.RECOGNISE, s, decided_on)),
        default=0,
    )
    returned = bool(below) or not star
    return Verdict(
        level=level,
        score=score,
        star=0 if returned else star,
        returned=returned,
        decided_on=decided_on,
        reason=(f"Điểm {score} chưa đạt {below[0].short_of_star} sao" if below else "")
        if returned
        else "",
        rule_set_id=rule_set.id,
    )
