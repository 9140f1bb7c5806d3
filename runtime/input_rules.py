"""The edge's rules as data (`runtime.input_guard` applies them to every request field):
each text field's length limit and whether it may hold newlines, each integer's domain
range, the fields whose text is an identifier with one canonical form, the dates a command
carries together in their order, the most items a repeated field may hold, and the
characters no text may hold. A field's rule is found by a regular expression on its path
(`team[0].name` is looked up as `team.name`), first match wins."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from runtime import identifiers


@dataclass(frozen=True)
class TextRule:
    """At most `max_chars` characters (after normalisation); newlines and tabs allowed only
    when `multiline` (long free text)."""

    max_chars: int
    multiline: bool = False


ID = TextRule(64)
CODE = TextRule(64)
DATE = TextRule(32)
NAME = TextRule(300)
LONG_TEXT = TextRule(5000, multiline=True)
DEFAULT_TEXT = TextRule(500)

TEXT_RULES: tuple[tuple[str, TextRule], ...] = (
    # (regular expression on the field's path, full match; first match wins)
    (r"actor\.id", TextRule(200)),  # contracts.envelope.Actor.id
    (r"actor\.jurisdiction", TextRule(50)),
    (r"(.*\.)?account", TextRule(200)),  # a sign-in name, as the actor's id
    (r"(.*\.)?(id|\w+_id|\w+_ids)", ID),
    (
        r"(.*\.)?(on|\w+_on|deadline|since|until|\w+_until|valid_to|\w+_opens|\w+_closes|"
        r"as_of|starts|ends)",
        DATE,
    ),
    (r"(.*\.)?(\w+_)?sha256", TextRule(64)),
    (r"(.*\.)?(contact_phone)", TextRule(32)),
    (r"(.*\.)?(contact_email)", TextRule(254)),  # RFC 5321 path limit
    (
        r"(.*\.)?(\w*code|\w+_no|level|jurisdiction|kind|action|outcome|result|status|category|"
        r"media_type|option|criterion|key|value|knockouts|ground|trigger|score|"
        r"legal_rep_gender|legal_rep_ethnicity|role|members|format|mode|source|period|"
        r"area|area_unit|channel|channel_type|partner_kind|place|producer_kind|funding_source|"
        r"budget_line|lead_unit|with_units|number)",
        CODE,
    ),
    (
        r"(.*\.)?(name|\w+_name|signer|legal_representative|officer|lead_agency|reference|"
        r"address|issuer|authority|decided_by|item|operator|organiser|partner|location|"
        r"title|topic|audience|label|raw_material_area|query|commune|district|province|"
        r"legacy_commune|legacy_province)",
        NAME,
    ),
    (r"(.*\.)?(reason|note|summary|description|text|\w+_summary|explanation|findings)", LONG_TEXT),
    (r"(.*\.)?evidence", TextRule(1000)),
)

NUMBER_RANGES: tuple[tuple[str, tuple[int, int]], ...] = (
    # (regular expression on the field's path, (least, greatest) inclusive); proto3's 0 is
    # "unset" and always within range
    (r"(.*\.)?(samples|declared_samples)", (0, 1000)),
    (r"(.*\.)?product_set", (0, 100)),
    (r"(.*\.)?star", (0, 5)),
    (r"(.*\.)?criteria_on_sheet", (0, 500)),
    (r"(.*\.)?size", (0, 20 * 1024 * 1024)),
    # money in đồng: a support grant or a fair's sales run to hundreds of millions, a
    # plan's budget to billions; ten trillion is far above any, far below int64's end
    (r"(.*\.)?(\w+_vnd)", (0, 10**13)),
    (r"(.*\.)?year", (2018, 2200)),  # the programme's years (runtime.clock's legal range)
)
DEFAULT_RANGE = (0, 1_000_000)

CANONICAL_FORMS: tuple[tuple[str, Callable[[str, str], str]], ...] = (
    # (regular expression on the field's path, the value object giving its canonical form)
    (r"(.*\.)?business_registration_no", identifiers.business_registration_no),
    (r"(.*\.)?(commune_code|legacy_commune_code)", partial(identifiers.unit_code, "commune")),
    (r"(.*\.)?(province_code|legacy_province_code)", partial(identifiers.unit_code, "province")),
    (r"(.*\.)?legacy_district_code", partial(identifiers.unit_code, "district")),
    (r"(.*\.)?decision_no", identifiers.decision_number),
    (r"(.*\.)?legal_rep_ethnicity", identifiers.ethnicity),
    (r"(.*\.)?legal_rep_gender", identifiers.gender),
)
"""Fields whose text is an identifier or a code: after the text rules, their value object
(`runtime.identifiers`) gives the one canonical form, or refuses naming the field."""

DATE_ORDER: tuple[tuple[str, str, tuple[str, str]], ...] = (
    # (earlier field, later field, what the earlier one is, in Vietnamese and English): when a
    # request carries both (at the same level of nesting), the later may not be before it.
    # Facts relative to stored ones (a decision after its adoption, a take-down after the
    # display) are the aggregates' (`runtime.clock.check_not_before`).
    ("starts_on", "ends_on", ("ngày bắt đầu", "the start")),  # fairs, trainings
    ("since", "until", ("ngày bắt đầu", "the start")),  # sales channels, value chains
    ("visited_on", "concluded_on", ("ngày kiểm tra", "the visit")),  # R3 Art. 9
    ("visited_on", "deadline", ("ngày kiểm tra", "the visit")),  # remediation deadline
    ("visited_on", "follow_up_on", ("ngày kiểm tra", "the visit")),
    ("valid_from", "valid_to", ("ngày bắt đầu hiệu lực", "the start of validity")),
    ("starts", "ends", ("ngày đầu kỳ báo cáo", "the start of the report period")),
)
"""Dates a command carries together, in the order they must be; the refusal names the
later field (`invalid_argument`)."""

MAX_ITEMS = 1000
"""The most items any repeated or map field may hold in one request."""

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
"""Characters removed from every text (zero-width space, word joiner, BOM, soft hyphen)."""
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
"""Bidirectional overrides, isolates and marks: refused in any text."""
ALLOWED_FORMAT = frozenset("\u200c\u200d")  # ZWNJ/ZWJ: joiners some scripts need
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
"""Unicode categories refused in any text (controls, format, private use, surrogates,
unassigned), but for `ALLOWED_FORMAT`; newlines and tabs only where the rule is multiline."""

_TEXT = tuple((re.compile(pattern), rule) for pattern, rule in TEXT_RULES)
_NUMBERS = tuple((re.compile(pattern), bounds) for pattern, bounds in NUMBER_RANGES)


def text_rule(path: str) -> TextRule:
    """The rule of the text field at `path` (e.g. `team[0].name` is looked up as `team.name`)."""
    plain = re.sub(r"\[\d+\]", "", path)
    for pattern, rule in _TEXT:
        if pattern.fullmatch(plain):
            return rule
    return DEFAULT_TEXT


def number_range(path: str) -> tuple[int, int]:
    plain = re.sub(r"\[\d+\]", "", path)
    for pattern, bounds in _NUMBERS:
        if pattern.fullmatch(plain):
            return bounds
    return DEFAULT_RANGE
