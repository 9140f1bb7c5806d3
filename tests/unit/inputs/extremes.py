"""Extreme legal values for stored events: the longest text each field may hold (its limit
at the edge, `runtime.input_rules.TEXT_RULES`), written with every Vietnamese letter and
tone and the combining sequences NFC keeps apart (the Ba Na and Ê Đê breves: ơ̆ ư̆ ê̆ ô̆),
the greatest number of its range (`NUMBER_RANGES`), and the first or last legal date
(`runtime.clock.PROGRAMME_START`, `LATEST_DATE`).

`rewrite_store` puts them into every stored event of a service's SQLite file, through the
service's own mapper (decode, change, encode), so that the system started on the file
replays them like any history."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from runtime.clock import LATEST_DATE, PROGRAMME_START
from runtime.input_guard import canonical_form
from runtime.input_rules import LONG_TEXT, NAME, number_range, text_rule

BASES = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # ngang huyền hỏi ngã sắc nặng
CONSONANTS = "bcdđghklmnpqrstvx"
COMBINING = ("ơ\u0306", "ư\u0306", "ê\u0306", "ô\u0306", "Ơ\u0306", "Ư\u0306")
"""Letters of the Ba Na and Ê Đê alphabets (Kon Tum's peoples) with no precomposed form:
in NFC they stay a base letter and a combining breve, two code points, one column."""

MARK = "Ơ\u0306Đặng"
"""Every extreme text begins with this, so a view can be searched for it."""


def _graphemes() -> list[str]:
    vowels = [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES]
    letters = [*vowels, *CONSONANTS, *COMBINING]
    return [*letters, *(g.upper() for g in letters)]


GRAPHEMES = _graphemes()


def extreme_text(length: int, multiline: bool = False) -> str:
    """`length` code points of NFC Vietnamese (every letter, tone and combining sequence,
    both cases, words of seven letters), starting with `MARK`; a newline every fifth word
    when `multiline`."""
    out, words, run = [MARK], 1, 0
    size = len(MARK)
    units = iter(GRAPHEMES * (length // len(GRAPHEMES) + 2))
    while size < length:
        if run == 7:
            sep = "\n" if multiline and words % 5 == 0 else " "
            out.append(sep)
            size, run, words = size + 1, 0, words + 1
            continue
        unit = next(units)
        if size + len(unit) > length:
            unit = "a" * (length - size)
        out.append(unit)
        size, run = size + len(unit), run + 1
    text = "".join(out)
    if text.endswith((" ", "\n")):
        text = text[:-1] + "a"
    assert len(text) == length and unicodedata.is_normalized("NFC", text)
    return text


FREE_TEXT_ALSO = frozenset(
    {"audience", "label", "location", "operator", "organiser", "partner", "raw_material_area"}
    | {"title", "topic"}
)
"""Free text whose field names the edge's rules do not single out (500 characters)."""
NOT_FREE_TEXT = frozenset({"authority", "lead_agency", "issuer"})
"""Names the edge bounds like names, which the stores also use for codes (levels, agencies)."""
NOT_NUMBERS = frozenset({"star", "product_set", "band", "year"})
"""Integers that are codes or bands, whose greatest value in range is not a legal one."""
CODE_LIKE = re.compile(r"[a-z0-9_]*")
"""A value that is a code (`revoked`, `by_operator`), whatever its field is called (a
`reason` may be a code of a closed list), or empty: kept."""
YEAR_KEYED = frozenset({"decided_on"})
"""Dates whose year is part of an aggregate's id (a decision's number is unique within its
year, `RecognitionDecision.id_for`): moving one to another year would name a different
decision, so they go to the first or the last day of their own year instead."""
SKIPPED = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})


@dataclass
class Changes:
    """What a rewrite changed: counts by kind and the extreme texts written, by length."""

    texts: dict[int, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    topics: set[str] = field(default_factory=set)

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1


def _free_text(name: str) -> tuple[int, bool] | None:
    if name in NOT_FREE_TEXT or canonical_form(name) is not None:
        return None
    rule = text_rule(name)
    if rule in (NAME, LONG_TEXT) or name == "evidence":
        return rule.max_chars, rule.multiline
    if name in FREE_TEXT_ALSO:
        return rule.max_chars, rule.multiline
    return None


def _explicit_range(name: str) -> bool:
    return number_range(name) != number_range("\x00no such field")


def _text(name: str, value: str, changes: Changes) -> str:
    limit = _free_text(name)
    if limit is None or CODE_LIKE.fullmatch(value):
        return value
    changes.count("text")
    return changes.texts.setdefault(limit[0], extreme_text(*limit))


def _number(name: str, value: int, changes: Changes) -> int:
    if name in NOT_NUMBERS or not _explicit_range(name):
        return value
    changes.count("number")
    return number_range(name)[1]


def extreme(name: str, value: Any, latest: bool, changes: Changes) -> Any:
    """`value` of the field `name` at its extreme (see the module), else unchanged."""
    if isinstance(value, dict):
        return {
            key: extreme(key if isinstance(key, str) else name, item, latest, changes)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return type(value)(extreme(name, item, latest, changes) for item in value)
    if isinstance(value, str):
        value = _text(name, value, changes)
    elif isinstance(value, date) and not isinstance(value, datetime):
        changes.count("date")
        if name in YEAR_KEYED:
            value = date(value.year, 12, 31) if latest else date(value.year, 1, 1)
        else:
            value = LATEST_DATE if latest else PROGRAMME_START
    elif isinstance(value, int) and not isinstance(value, bool):
        value = _number(name, value, changes)
    return value


def rewrite_store(path: str, app: Any, latest: bool, changes: Changes) -> int:
    """Every stored event of `app`'s store (the SQLite file `path`) with its fields at
    their extremes; returns how many events were rewritten. `app` is closed after."""
    rows: list[tuple[bytes, int]] = []
    for note in _notifications(app):
        event = app.mapper.to_domain_event(note)
        for name, value in list(vars(event).items()):
            if name not in SKIPPED:
                object.__setattr__(event, name, extreme(name, value, latest, changes))
        changes.topics.add(note.topic)
        rows.append((app.mapper.to_stored_event(event).state, note.id))
    app.close()
    with sqlite3.connect(path) as db:
        db.executemany("UPDATE stored_events SET state = ? WHERE rowid = ?", rows)
    return len(rows)


def _notifications(app: Any) -> Iterator[Any]:
    start = 1
    while True:
        notes = app.recorder.select_notifications(start=start, limit=500)
        if not notes:
            return
        yield from notes
        start = notes[-1].id + 1


def partial_marks(text: str, full: set[str]) -> list[str]:
    """Places in `text` where an extreme text begins but is not whole (cut or altered)."""
    bad = []
    for found in re.finditer(re.escape(MARK), text):
        rest = text[found.start() :]
        if not any(rest.startswith(whole) for whole in full):
            bad.append(rest[:60])
    return bad
