"""The edge every command crosses: one gRPC server interceptor, installed by
`runtime.rpc.build_server` on every service, that puts every request into canonical form
and refuses hostile values before any servicer sees them, so no service can forget.

For every field of every request message (walked from its proto descriptor: nested
messages, repeated and map fields included):

- text is put in one canonical form: zero-width characters removed (U+200B, U+2060, U+FEFF,
  soft hyphen U+00AD), Unicode NFC, surrounding whitespace trimmed, CRLF as LF;
- text is refused (`invalid_argument`, the field's path named) when it holds a control
  character (C0/C1, including NUL and the ESC of terminal sequences), a bidirectional
  override or isolate (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), another
  invisible format character, a private-use or unassigned code point; newlines and tabs
  only in fields declared as long free text;
- text longer than its field's limit (by the field's meaning, `TEXT_RULES`) is refused;
- integers outside their domain range (`NUMBER_RANGES`) are refused;
- repeated fields longer than `MAX_ITEMS` are refused;
- a request that does not decode (invalid UTF-8 in a string field) is refused as
  `invalid_argument` on `request` rather than failing inside gRPC.

The rules are data: a field's rule is found by its name (the last part of its path), so a
new field is covered the day it is added, by `DEFAULT_TEXT` if its name matches nothing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import grpc
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from pydantic import ValidationError

from runtime import identifiers
from runtime.clock import check_not_before
from runtime.errors import CommandRejected
from runtime.text import excerpt


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
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
ALLOWED_FORMAT = frozenset("\u200c\u200d")  # ZWNJ/ZWJ: joiners some scripts need
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})

_TEXT = tuple((re.compile(pattern), rule) for pattern, rule in TEXT_RULES)
_FORMS = tuple((re.compile(pattern), form) for pattern, form in CANONICAL_FORMS)
_NUMBERS = tuple((re.compile(pattern), bounds) for pattern, bounds in NUMBER_RANGES)
_INTEGERS = frozenset(
    {
        FieldDescriptor.TYPE_INT32,
        FieldDescriptor.TYPE_INT64,
        FieldDescriptor.TYPE_UINT32,
        FieldDescriptor.TYPE_UINT64,
        FieldDescriptor.TYPE_SINT32,
        FieldDescriptor.TYPE_SINT64,
        FieldDescriptor.TYPE_FIXED32,
        FieldDescriptor.TYPE_FIXED64,
        FieldDescriptor.TYPE_SFIXED32,
        FieldDescriptor.TYPE_SFIXED64,
    }
)


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


def _refuse(path: str, vi: str, en: str) -> CommandRejected:
    return CommandRejected("invalid_argument", path, vi, en)


def canonical_text(path: str, value: str) -> str:
    """`value` in canonical form (see the module), or `CommandRejected` naming `path`."""
    rule = text_rule(path)
    if len(value) > 4 * rule.max_chars + 64:  # refused before normalising a huge value
        raise _too_long(path, value, rule)
    text = unicodedata.normalize("NFC", value.translate(ZERO_WIDTH)).strip()
    text = text.replace("\r\n", "\n")
    for position, char in enumerate(text):
        if rule.multiline and char in "\n\t":
            continue
        if char in BIDI_CONTROLS or (
            unicodedata.category(char) in REFUSED_CATEGORIES and char not in ALLOWED_FORMAT
        ):
            kind_vi = "ký tự điều khiển hướng chữ" if char in BIDI_CONTROLS else "ký tự điều khiển"
            kind_en = "bidirectional control" if char in BIDI_CONTROLS else "control character"
            raise _refuse(
                path,
                f"Có {kind_vi} U+{ord(char):04X} ở vị trí {position + 1}: {excerpt(text)}.",
                f"Contains a {kind_en} U+{ord(char):04X} at position {position + 1}: "
                f"{excerpt(text)}.",
            )
    if len(text) > rule.max_chars:
        raise _too_long(path, text, rule)
    form = canonical_form(path)
    return form(path, text) if form and text else text


def canonical_form(path: str) -> Callable[[str, str], str] | None:
    """The value object giving the field at `path` its canonical form, if it has one."""
    plain = re.sub(r"\[\d+\]", "", path)
    for pattern, form in _FORMS:
        if pattern.fullmatch(plain):
            return form
    return None


def _too_long(path: str, text: str, rule: TextRule) -> CommandRejected:
    return _refuse(
        path,
        f"Dài {len(text):,} ký tự, tối đa {rule.max_chars:,}: {excerpt(text)}.",
        f"{len(text):,} characters long, at most {rule.max_chars:,}: {excerpt(text)}.",
    )


def _check_number(path: str, value: int) -> None:
    least, greatest = number_range(path)
    if not least <= value <= greatest:
        raise _refuse(
            path,
            f"Giá trị {value} ngoài khoảng cho phép {least}–{greatest}.",
            f"{value} is outside the allowed range {least}–{greatest}.",
        )


def _scalar(path: str, descriptor: FieldDescriptor, value: Any) -> Any:
    if descriptor.type == FieldDescriptor.TYPE_STRING:
        return canonical_text(path, value)
    if descriptor.type in _INTEGERS:
        _check_number(path, value)
    return value


def _check_count(path: str, count: int) -> None:
    if count > MAX_ITEMS:
        raise _refuse(
            path,
            f"Có {count:,} mục, tối đa {MAX_ITEMS:,}.",
            f"{count:,} items, at most {MAX_ITEMS:,}.",
        )


def _iso(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None  # the servicer refuses the format, naming the field


def check_date_order(message: Message, prefix: str = "") -> None:
    """Refuses a request whose dates (`DATE_ORDER`) are in an impossible order."""
    fields = message.DESCRIPTOR.fields_by_name
    for earlier, later, what in DATE_ORDER:
        if earlier in fields and later in fields:
            first, then = _iso(getattr(message, earlier)), _iso(getattr(message, later))
            if first is not None and then is not None:
                check_not_before(f"{prefix}{later}", then, first, what)


def canonicalise(message: Message, prefix: str = "") -> None:
    """Puts every field of `message` (in place, recursively) into canonical form, or raises
    `CommandRejected` naming the first offending field by its path (`team[1].name`); then
    checks the order of the dates it carries together (`DATE_ORDER`)."""
    _canonical_fields(message, prefix)
    check_date_order(message, prefix)


def _canonical_fields(message: Message, prefix: str) -> None:
    for descriptor, value in message.ListFields():
        path = f"{prefix}{descriptor.name}"
        entry = descriptor.message_type
        if entry is not None and entry.GetOptions().map_entry:
            _canonical_map(path, entry, value)
        elif descriptor.is_repeated:
            _check_count(path, len(value))
            for index in range(len(value)):
                item_path = f"{path}[{index}]"
                if descriptor.type == FieldDescriptor.TYPE_MESSAGE:
                    canonicalise(value[index], f"{item_path}.")
                else:
                    value[index] = _scalar(item_path, descriptor, value[index])
        elif descriptor.type == FieldDescriptor.TYPE_MESSAGE:
            canonicalise(value, f"{path}.")
        else:
            canonical = _scalar(path, descriptor, value)
            if canonical != value:
                setattr(message, descriptor.name, canonical)


def _canonical_map(path: str, entry: Any, value: Any) -> None:
    _check_count(path, len(value))
    key_field = entry.fields_by_name["key"]
    value_field = entry.fields_by_name["value"]
    items = list(value.items())
    canonical: dict[Any, Any] = {}
    for key, item in items:
        new_key = _scalar(f"{path}.key", key_field, key)
        item_path = f"{path}[{new_key!s:.40}]"
        if value_field.type == FieldDescriptor.TYPE_MESSAGE:
            canonicalise(item, f"{item_path}.")
            canonical[new_key] = item
        else:
            canonical[new_key] = _scalar(f"{path}.value", value_field, item)
    if value_field.type != FieldDescriptor.TYPE_MESSAGE and canonical != dict(items):
        value.clear()
        value.update(canonical)


class _Undecodable:
    """Stands for a request whose bytes did not decode (e.g. invalid UTF-8 in a string)."""


UNDECODABLE = _Undecodable()


def _lenient(deserialize: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    if deserialize is None:
        return None

    def read(data: bytes) -> Any:
        try:
            return deserialize(data)
        except Exception:  # noqa: BLE001 - any decode failure is the client's input
            return UNDECODABLE

    return read


def _check(request: Any) -> None:
    if request is UNDECODABLE:
        raise _refuse(
            "request",
            "Yêu cầu không giải mã được (văn bản phải là UTF-8 hợp lệ).",
            "The request cannot be decoded (text must be valid UTF-8).",
        )
    canonicalise(request)


def _validation_refusal(error: ValidationError) -> CommandRejected:
    errors = error.errors()
    loc = errors[0]["loc"] if errors else ()
    field = ".".join(str(part) for part in loc) or "request"
    message = str(errors[0]["msg"]) if errors else "invalid value"
    return _refuse(field, f"Giá trị không hợp lệ: {excerpt(message)}.", f"{excerpt(message)}.")


class InputGuard(grpc.ServerInterceptor):  # type: ignore[misc]
    """Canonicalises and bounds every request before the servicer runs (see the module);
    a refusal aborts with `invalid_argument` through `abort`, which the servicers use too.
    A pydantic `ValidationError` escaping a servicer (a value a published contract refuses)
    becomes `invalid_argument` naming the field, not UNKNOWN."""

    def __init__(self, abort: Callable[[grpc.ServicerContext, CommandRejected], None]) -> None:
        self.abort = abort

    def _guarded(self, context: grpc.ServicerContext, run: Callable[[], Any]) -> Any:
        try:
            return run()
        except CommandRejected as rejected:
            self.abort(context, rejected)
        except ValidationError as error:
            self.abort(context, _validation_refusal(error))
        raise AssertionError("abort raises")

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        handler = continuation(details)
        if handler is None or str(details.method).startswith("/grpc."):
            return handler
        deserialize = _lenient(handler.request_deserializer)
        serialize = handler.response_serializer
        if handler.request_streaming:
            inner_stream = handler.stream_unary

            def checked_chunks(requests: Iterator[Any]) -> Iterator[Any]:
                for request in requests:
                    _check(request)
                    yield request

            def stream_unary(requests: Iterator[Any], context: grpc.ServicerContext) -> Any:
                return self._guarded(
                    context, lambda: inner_stream(checked_chunks(requests), context)
                )

            return grpc.stream_unary_rpc_method_handler(stream_unary, deserialize, serialize)
        if handler.response_streaming:
            inner_us = handler.unary_stream

            def unary_stream(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
                self._guarded(context, lambda: _check(request))
                yield from inner_us(request, context)

            return grpc.unary_stream_rpc_method_handler(unary_stream, deserialize, serialize)
        inner = handler.unary_unary

        def unary(request: Any, context: grpc.ServicerContext) -> Any:
            def run() -> Any:
                _check(request)
                return inner(request, context)

            return self._guarded(context, run)

        return grpc.unary_unary_rpc_method_handler(unary, deserialize, serialize)
