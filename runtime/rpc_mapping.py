"""Request mapping for gRPC servicers: one declared `Shape` per request message turns the
message into a command's context and keyword arguments, so a servicer names only the fields
that need converting (ids, dates, optional values, value objects) instead of restating all.

A `Shape` reads the message's descriptor: every field becomes a keyword argument of the same
name (repeated fields as lists, map fields as dicts), except the `actor`, which becomes the
`CommandContext`. Converters receive the field name (for a refusal that names it) and the
value; `parse_uuid` and `parse_date` refuse bad input with `invalid_argument`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from google.protobuf.message import Message

from runtime.commands import CommandContext
from runtime.rpc import handles_rejections, parse_date, parse_uuid, request_lang, to_context

Convert = Callable[[str, Any], Any]
"""A field converter: `(field name, proto value) -> command value`; raises `CommandRejected`."""

ACTOR_FIELD = "actor"


def optional(convert: Convert | None = None) -> Convert:
    """A converter that maps proto3's empty value ("" / 0 / unset) to None, else `convert`s it."""

    def read(name: str, value: Any) -> Any:
        if not value:
            return None
        return convert(name, value) if convert else value

    return read


def as_uuid(name: str, value: str) -> Any:
    """The field as a `uuid.UUID`; refuses a malformed id, naming the field."""
    return parse_uuid(name, value)


def as_date(name: str, value: str) -> Any:
    """The field (ISO yyyy-mm-dd) as a `datetime.date`; refuses a malformed date."""
    return parse_date(name, value)


def field_value(descriptor: Any, value: Any) -> Any:
    """A proto value as plain Python (`descriptor`: its `FieldDescriptor`): map fields as a
    dict, repeated fields as a list, anything else unchanged."""
    message_type = descriptor.message_type
    if message_type is not None and message_type.GetOptions().map_entry:
        return dict(value)
    if descriptor.is_repeated:
        return list(value)
    return value


@dataclass(frozen=True)
class Shape:
    """How one request message maps to a command's keyword arguments.

    `convert`: field -> converter (fields not named pass through unchanged);
    `rename`: field -> keyword when the command's parameter has another name;
    `drop`: fields that are not command arguments (read by the servicer itself)."""

    convert: Mapping[str, Convert] = field(default_factory=dict)
    rename: Mapping[str, str] = field(default_factory=dict)
    drop: Collection[str] = ()

    def kwargs(self, request: Message) -> dict[str, Any]:
        """Every field of `request` except the actor and the dropped ones, converted."""
        out: dict[str, Any] = {}
        for descriptor in request.DESCRIPTOR.fields:
            name = descriptor.name
            if name == ACTOR_FIELD or name in self.drop:
                continue
            value = field_value(descriptor, getattr(request, name))
            if name in self.convert:
                value = self.convert[name](name, value)
            out[self.rename.get(name, name)] = value
        return out

    def command(self, request: Message) -> tuple[CommandContext, dict[str, Any]]:
        """The command context from the request's `actor` and the keyword arguments."""
        return to_context(getattr(request, ACTOR_FIELD)), self.kwargs(request)


def as_uuids(name: str, values: list[str]) -> list[Any]:
    """A repeated id field as `uuid.UUID`s, each refused by name if malformed."""
    return [parse_uuid(name, value) for value in values]


def uuids(*names: str) -> dict[str, Convert]:
    """Converters for fields that carry an id (`{name: as_uuid}`), to spread into `convert`."""
    return dict.fromkeys(names, as_uuid)


def dates(*names: str) -> dict[str, Convert]:
    """Converters for fields that carry a date (`{name: as_date}`), to spread into `convert`."""
    return dict.fromkeys(names, as_date)


def or_default(default: Any) -> Convert:
    """A converter that gives `default` for proto3's empty value and the value otherwise."""

    def read(name: str, value: Any) -> Any:
        return value or default

    return read


def command_rpc(
    shape: Shape,
    call: Callable[[Any], Callable[..., Any]],
    reply: Callable[..., Message],
    *,
    localised: bool = False,
) -> Callable[[Any, Message, Any], Message]:
    """A servicer method for a command RPC, declared as one row: the request mapped by
    `shape`, the command `call(servicer.app)` called with the actor's context and the
    keyword arguments, and `reply(result)` returned (`reply(result, lang=…)`, the caller's
    language, when `localised`); refusals become gRPC statuses (`handles_rejections`)."""

    @handles_rejections
    def handle(self: Any, request: Message, context: Any) -> Message:
        ctx, kwargs = shape.command(request)
        result = call(self.app)(ctx, **kwargs)
        return reply(result, lang=request_lang(context)) if localised else reply(result)

    return handle
