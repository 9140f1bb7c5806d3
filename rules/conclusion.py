"""The conclusion of a council result, as one line: what happens to it, and who acts.

Rendered from the result's codes alone (outcome, star awarded, routing), so a
result recorded before its text existed in a language still reads in it.
"""

from __future__ import annotations

from rules.authorities import Routing
from rules.i18n import TIER_AUTHORITY, stars, word
from rules.results import ModeOutcome, Outcome
from rules.text import Lang


def mode_text(outcome: ModeOutcome, lang: Lang) -> str:
    return outcome_text(outcome.outcome, outcome.awarded_star, outcome.routing, lang)


def outcome_text(
    outcome: Outcome, awarded_star: int | None, routing: Routing, lang: Lang = "vi"
) -> str:
    """What happens to a result (the conclusion line of an explanation), from its codes:
    the outcome, the star awarded and the routing. Also renders results recorded before
    their text existed in ``lang`` (the evaluation service's older English views)."""
    if outcome == Outcome.REJECTED:
        return f"{word('rejected', lang)} — {word('no_cert', lang)}"
    if outcome == Outcome.NOT_RECOGNISED:
        star = awarded_star
        label = stars(star) if star is not None else word("not_recognised", lang)
        return f"{label} — {word('no_cert', lang)}"
    star_text = stars(awarded_star) if awarded_star else ""
    if routing.action == "forward" and routing.tier is not None:
        text = word("forward_to", lang, who=TIER_AUTHORITY[routing.tier][lang])
        if routing.approve_result_by is not None:
            approver = TIER_AUTHORITY[routing.approve_result_by][lang]
            text = f"{word('approve_by', lang, who=approver)}, {text}"
        return f"{word('forwarded', lang)} — {text}; {word('no_cert_yet', lang)}"
    if routing.action == "return" and routing.tier is not None:
        who = TIER_AUTHORITY[routing.tier][lang]
        short = stars(routing.short_of_star or 0)
        choices = []
        if routing.recognisable_star is not None:
            choices.append(word("may_recognise", lang, star=stars(routing.recognisable_star)))
        if "reevaluate" in routing.alternatives:
            choices.append(word("may_reevaluate", lang))
        options = f" {word('or', lang)} ".join(choices)
        return (
            f"{word('returned', lang, star=short, who=who)}: {options}; "
            f"{word('no_cert_until', lang, who=who)}"
        )
    if routing.tier is None:
        return star_text
    return f"{star_text} — {word('recognise_by', lang, who=TIER_AUTHORITY[routing.tier][lang])}"
