"""The public explanation of an adopted result: the rule set, the council's means, the
band, unmet minimums, knock-outs and the outcome, without any member's own points."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from rules import Explanation, Outcome, Routing, outcome_text
from rules.text import Lang


def public_explanation(explanation: Explanation, lang: str = "vi") -> str:
    data = explanation.to_dict()
    rule_set = data["rule_set"]
    score = data["score"]
    parts = ", ".join(f"{p} {v}" for p, v in score["parts"].items())
    head = (
        f"{rule_set['id']} ({', '.join(rule_set['instruments'])}, v{rule_set['version']}): "
        f"{score['total']} ({parts}); "
        + (
            f"hạng {data['band']['star']} sao."
            if lang == "vi"
            else f"{data['band']['star']}-star band."
        )
    )
    summary = explanation.summary("en" if lang == "en" else "vi")
    return f"{head}\n{summary}"


def explanation_from_codes(
    rule_set_id: str,
    score: Decimal | None,
    parts: Mapping[str, Decimal],
    band: int,
    outcome: str,
    awarded_star: int | None,
    routing: Mapping[str, Any],
    lang: str = "en",
) -> str:
    """An adopted result's explanation rendered from the codes stored with it (rule set,
    means, band, outcome, star, routing), for results recorded before their text existed
    in `lang` (English was added after the first results): the stored events are never
    rewritten. "" where nothing was adopted or the codes are not ones this version knows."""
    if score is None or not outcome:
        return ""
    try:
        known = Outcome(outcome)
        route = Routing.model_validate(dict(routing) or {"action": "none"})
    except (ValueError, ValidationError):
        return ""
    language: Lang = "en" if lang == "en" else "vi"
    means = ", ".join(f"{p} {v}" for p, v in parts.items())
    band_text = f"{band}-star band" if language == "en" else f"hạng {band} sao"
    head = f"{rule_set_id}: {score}" + (f" ({means})" if means else "") + f"; {band_text}."
    return f"{head}\n{outcome_text(known, awarded_star, route, language)}"
