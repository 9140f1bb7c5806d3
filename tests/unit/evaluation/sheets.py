"""Member sheets with a chosen total for tests: every minimum up to `keep_star` met."""

from __future__ import annotations

from decimal import Decimal

from rules import load_rule_set, rubric_for


def choices_for(
    total: int, product_set: int = 13, keep_star: int = 3, rule_set: str = "R3"
) -> dict[str, str]:
    """Options (criterion -> option id) adding up to exactly `total` points."""
    rubric = rubric_for(load_rule_set(rule_set), product_set)
    chosen: dict[str, tuple[str, Decimal]] = {}
    floors: dict[str, list[tuple[str, Decimal]]] = {}
    for _, leaf in rubric.leaves():
        top = max(leaf.options, key=lambda o: o.points)
        chosen[leaf.code] = (top.id, top.points)
        floor = max(
            (o.points for o in leaf.options if o.min_star is not None and o.min_star <= keep_star),
            default=Decimal(-1),
        )
        floors[leaf.code] = sorted(
            ((o.id, o.points) for o in leaf.options if o.points >= floor), key=lambda o: o[1]
        )
    current = sum(p for _, p in chosen.values())
    for code, options in floors.items():
        for option_id, points in options:
            if current - (chosen[code][1] - points) >= total:
                current -= chosen[code][1] - points
                chosen[code] = (option_id, points)
                break
    if current != total:
        raise ValueError(f"cannot reach {total} (got {current})")
    return {code: option for code, (option, _) in chosen.items()}
