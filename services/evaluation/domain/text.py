"""The public explanation of an adopted result: the rule set, the council's means, the
band, unmet minimums, knock-outs and the outcome, without any member's own points."""

from __future__ import annotations

from rules import Explanation


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
