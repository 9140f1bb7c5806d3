"""Which rule set a dossier falls under and which level evaluates it, from `rules/`.

The rule set follows from the commune receipt date; the evaluating level is the
tier that scores the lowest certified star under that rule set on the day the
commune forwards the dossier (an R1 district role passes to the province after
the districts were abolished on 30/06/2025)."""

from __future__ import annotations

from datetime import date

from rules import RulesError, authority, select_rule_set
from rules.model import Step
from runtime.errors import CommandRejected


def route_dossier(received_on: date, forwarded_on: date) -> tuple[str, str]:
    try:
        rule_set = select_rule_set(received_on).rule_set
    except RulesError as error:
        raise CommandRejected(
            "invalid_argument", "received_on", error.render("vi"), error.render("en")
        ) from error
    tier = authority(rule_set, min(rule_set.scoring.certified_stars), Step.SCORE, on=forwarded_on)
    if tier is None:
        day = f"{forwarded_on:%d/%m/%Y}"
        raise CommandRejected(
            "failed_precondition",
            "received_on",
            f"Bộ quy tắc {rule_set.id} không chỉ định cấp đánh giá vào ngày {day}.",
            f"Rule set {rule_set.id} names no evaluating level on {day}.",
        )
    return rule_set.id, tier.value
