"""Canonical form of a request: every field of a protobuf message walked, put into
one form, and refused where its value is hostile (`runtime.input_guard` says what, and
installs it in front of every servicer).

`canonicalise(message)` works in place, recursively (nested messages, repeated and map
fields), and raises `CommandRejected` naming the first offending field by its path
(`team[1].name`). The rules are data (`runtime.input_rules`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from runtime.clock import check_not_before
from runtime.errors import CommandRejected
from runtime.input_rules import (
    ALLOWED_FORMAT,
    BIDI_CONTROLS,
    CANONICAL_FORMS,
    DATE_ORDER,
    MAX_ITEMS,
    REFUSED_CATEGORIES,
    ZERO_WIDTH,
    TextRule,
    number_range,
    text_rule,
)
from runtime.text import excerpt

_FORMS = tuple((re.compile(pattern), form) for pattern, form in CANONICAL_FORMS)
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


def refuse(path: str, vi: str, en: str) -> CommandRejected:
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
            raise refuse(
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
    return refuse(
        path,
        f"Dài {len(text):,} ký tự, tối đa {rule.max_chars:,}: {excerpt(text)}.",
        f"{len(text):,} characters long, at most {rule.max_chars:,}: {excerpt(text)}.",
    )


def _check_number(path: str, value: int) -> None:
    least, greatest = number_range(path)
    if not least <= value <= greatest:
        raise refuse(
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
        raise refuse(
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
