"""Hostile requests for every method of every service, generated from the proto
descriptors (hypothesis strategies): every field gets either a plausible value (an id that
exists, a legal date, a known code) or a hostile one (control and bidi characters, NFD,
megabyte text, impossible dates and numbers, garbage bytes)."""

from __future__ import annotations

import importlib
import pkgutil
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor, MethodDescriptor
from hypothesis import strategies as st

from runtime.clock import PROGRAMME_START
from runtime.topology import running
from tests.hostile.vocabulary import (
    DATE_TEXTS,
    HOSTILE_CHARS,
    JURISDICTIONS,
    LAST_DAY,
    ROLES,
    SEEDED_ON,
    WORDS,
)


def _served() -> dict[str, tuple[Any, ...]]:
    """Every service with a gRPC server in the topology: the proto modules of every gRPC
    service its server registers (its bootstrap's `rpc_names`: reporting serves Audit)."""
    rpc = importlib.import_module("contracts.rpc")
    modules = [
        importlib.import_module(f"contracts.rpc.{info.name}")
        for info in pkgutil.iter_modules(rpc.__path__)
        if info.name.endswith("_pb2")
    ]
    by_name = {s.full_name: m for m in modules for s in m.DESCRIPTOR.services_by_name.values()}
    served: dict[str, tuple[Any, ...]] = {}
    for entry in running("rpc"):
        bootstrap = importlib.import_module(f"services.{entry.name}.bootstrap")
        names = {
            name
            for cls in vars(bootstrap).values()
            if isinstance(cls, type)
            for name in getattr(cls, "rpc_names", ())
        }
        served[entry.name] = tuple(dict.fromkeys(by_name[name] for name in sorted(names)))
    return served


MODULES = _served()
"""Every service with a gRPC server in the topology: the proto modules it serves."""


@cache
def date_text() -> st.SearchStrategy[str]:
    """A date field's value: a fixed legal or impossible text, any day of the programme up
    to `LAST_DAY`, or a day just before the seeded facts (an impossible order wherever the field
    must follow them: a return, report, forwarding, adoption, decision dated before)."""
    before = st.integers(1, 400).map(lambda n: (SEEDED_ON - timedelta(days=n)).isoformat())
    anyday = st.dates(PROGRAMME_START, LAST_DAY).map(date.isoformat)
    return st.one_of(st.sampled_from(DATE_TEXTS), before, anyday)


def _is_date(name: str) -> bool:
    return name in ("on", "deadline", "valid_to", "since", "until") or name.endswith(
        ("_on", "_until")
    )


@dataclass
class Known:
    """Ids that exist in the stores (seeded before the run), by field name."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    hostile: bool = True
    """False: every field gets a plausible value and an entitled actor, all fields present,
    so a command reaches its aggregate; only its dates may be impossible (`date_text`)."""

    def of(self, name: str) -> Sequence[str]:
        key = name[:-1] if name.endswith("_ids") else name
        return self.ids.get(key, []) or self.ids.get("any", []) or ["nope"]


@cache
def hostile_text() -> st.SearchStrategy[str]:
    plain = st.text(alphabet=string.ascii_letters + string.digits + " -/.", max_size=30)
    vietnamese = st.sampled_from(WORDS).map(lambda w: unicodedata.normalize("NFD", w))
    poisoned = st.tuples(st.sampled_from(WORDS), st.sampled_from(HOSTILE_CHARS)).map(
        lambda t: t[0][:3] + t[1] + t[0][3:]
    )
    huge = st.sampled_from((70, 301, 5001, 100_000, 1_000_000)).map(lambda n: "Đa" * (n // 2))
    anything = st.text(max_size=20)
    return st.one_of(plain, vietnamese, poisoned, huge, anything)


def string_value(name: str, known: Known) -> st.SearchStrategy[str]:
    if name == "id" or name.endswith(("_id", "_ids")):
        legal = st.sampled_from(list(known.of(name)))
    elif _is_date(name):
        legal = date_text()
    else:
        legal = st.sampled_from(WORDS)
    return st.one_of(legal, legal, hostile_text()) if known.hostile else legal


def int_value(descriptor: FieldDescriptor) -> st.SearchStrategy[int]:
    bits = (
        64 if descriptor.type in (FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_SINT64) else 32
    )
    extreme = st.sampled_from(
        (-(2 ** (bits - 1)), -5, -1, 0, 1, 2, 3, 5, 6, 13, 100, 2 ** (bits - 1) - 1)
    )
    return st.one_of(
        st.integers(0, 10), extreme, st.integers(-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
    )


def bytes_value() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=64),
        st.sampled_from((b"%PDF-1.7\n%fake", b"\x89PNG\r\n\x1a\nfake", b"PK\x03\x04fake", b"")),
    )


def field_value(descriptor: FieldDescriptor, known: Known, depth: int) -> st.SearchStrategy[Any]:
    kind = descriptor.type
    if descriptor.message_type is not None:
        return message_dict(descriptor.message_type, known, depth + 1)
    if kind == FieldDescriptor.TYPE_STRING:
        return string_value(descriptor.name, known)
    if descriptor.enum_type is not None:
        return st.sampled_from([v.number for v in descriptor.enum_type.values])
    simple: dict[int, st.SearchStrategy[Any]] = {
        FieldDescriptor.TYPE_BOOL: st.booleans(),
        FieldDescriptor.TYPE_BYTES: bytes_value(),
        FieldDescriptor.TYPE_DOUBLE: st.floats(allow_nan=True),
        FieldDescriptor.TYPE_FLOAT: st.floats(allow_nan=True, width=32),
    }
    if kind in simple:
        return simple[kind]
    return int_value(descriptor) if known.hostile else st.integers(0, 10)


ENTITLED = (
    {"id": "can-bo", "role": "commune_officer", "jurisdiction": "23500"},
    {"id": "so-nn", "role": "province_officer", "jurisdiction": "51"},
    {"id": "ct-ubnd", "role": "authority", "jurisdiction": "51"},
    {"id": "thu-ky", "role": "council_secretary", "jurisdiction": "51"},
    {"id": "tv1", "role": "council_member", "jurisdiction": "51"},
    {"id": "phong-kt", "role": "economy_office", "jurisdiction": "51"},
)
"""Actors entitled to act on the seeded records: commands reach the aggregates' own checks
(dates against their history) instead of stopping at the permission check."""


@cache
def actor_value() -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.sampled_from(ENTITLED),
        st.fixed_dictionaries(
            {
                "id": st.sampled_from(("can-bo", "chu-tich", "tv1", "thu-ky")),
                "role": st.sampled_from(ROLES),
                "jurisdiction": st.sampled_from(JURISDICTIONS),
            }
        ),
        st.fixed_dictionaries(
            {"id": hostile_text(), "role": hostile_text(), "jurisdiction": hostile_text()}
        ),
    )


def message_dict(
    descriptor: Descriptor, known: Known, depth: int = 0
) -> st.SearchStrategy[dict[str, Any]]:
    if depth > 3:
        return st.just({})
    parts: dict[str, st.SearchStrategy[Any]] = {}
    for item in descriptor.fields:
        if item.message_type is not None and item.message_type.GetOptions().map_entry:
            key = item.message_type.fields_by_name["key"]
            value = item.message_type.fields_by_name["value"]
            parts[item.name] = st.dictionaries(
                field_value(key, known, depth), field_value(value, known, depth), max_size=3
            )
        elif item.name == "actor" and item.message_type is not None:
            parts[item.name] = actor_value() if known.hostile else st.sampled_from(ENTITLED)
        elif item.is_repeated:
            parts[item.name] = st.lists(field_value(item, known, depth), max_size=3)
        else:
            parts[item.name] = field_value(item, known, depth)
    if not known.hostile:
        return st.fixed_dictionaries(parts)
    return st.fixed_dictionaries({}, optional=parts)


def build(descriptor: Descriptor, values: dict[str, Any]) -> Any:
    message = message_factory.GetMessageClass(descriptor)()
    _fill(message, values)
    return message


def _fill(message: Any, values: dict[str, Any]) -> None:
    for name, value in values.items():
        item = message.DESCRIPTOR.fields_by_name[name]
        target = getattr(message, name)
        if item.message_type is not None and item.message_type.GetOptions().map_entry:
            is_message = item.message_type.fields_by_name["value"].message_type is not None
            for key, entry in value.items():
                if is_message:
                    _fill(target[key], entry)
                else:
                    target[key] = entry
        elif item.is_repeated:
            for entry in value:
                if item.message_type is not None:
                    _fill(target.add(), entry)
                else:
                    target.append(entry)
        elif item.message_type is not None:
            _fill(target, value)
        else:
            setattr(message, name, value)


@dataclass(frozen=True)
class Method:
    service: str
    descriptor: MethodDescriptor

    @property
    def path(self) -> str:
        return f"/{self.descriptor.containing_service.full_name}/{self.descriptor.name}"

    @property
    def client_streaming(self) -> bool:
        return bool(self.descriptor.client_streaming)


def methods() -> list[Method]:
    return [
        Method(name, method)
        for name, modules in MODULES.items()
        for module in modules
        for service in module.DESCRIPTOR.services_by_name.values()
        for method in service.methods
    ]


Command = tuple[Method, list[Any]]


def dated(method: Method) -> bool:
    """Whether the method's request carries a date field (at its top level)."""
    return any(_is_date(f.name) for f in method.descriptor.input_type.fields)


def commands(known: Known) -> st.SearchStrategy[Command]:
    """One call: a method and its request (one message, or the chunks of a client stream);
    with `known.hostile` False, only the methods whose requests carry dates."""

    def for_method(method: Method) -> st.SearchStrategy[Command]:
        descriptor = method.descriptor.input_type
        one = message_dict(descriptor, known).map(lambda values: build(descriptor, values))
        requests: st.SearchStrategy[list[Any]] = (
            st.lists(one, min_size=1, max_size=3)
            if method.client_streaming
            else one.map(lambda m: [m])
        )
        return requests.map(lambda reqs: (method, reqs))

    chosen = [m for m in methods() if known.hostile or dated(m)]
    return st.one_of([for_method(method) for method in chosen])
