"""Building published contract events from stored domain events, for every service's
outbound mapping (`services/<name>/adapters/outbound.py`).

The mapping stays explicit — a table of the domain events that leave the service, each
with the contract it becomes — and that table is what keeps private events private. What
it no longer spells out is the copying: a contract's own fields are read by name from
the stored event (or from entries of it), and only what differs is given."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar
from uuid import UUID

from contracts.envelope import IntegrationEvent
from runtime.commands import envelope_fields

E = TypeVar("E", bound=IntegrationEvent)
Out = Sequence[tuple[str, IntegrationEvent]]
# domain event -> the contract events it publishes, (topic, event) each
Translate = Callable[[Any], Out]


def _read(source: Any, name: str) -> tuple[bool, Any]:
    if isinstance(source, Mapping):
        return (name in source, source.get(name))
    return (hasattr(source, name), getattr(source, name, None))


def contract(model: type[E], event: Any, *sources: Any, **given: Any) -> E:
    """`model` (a contract event class) built from a stored domain `event`.

    The envelope comes from the event and its `meta` (`envelope_fields`); each of the
    model's own fields is then taken from `given`, else from the first of `sources` (a
    mapping or an object; the event itself when none is named) that has it by the same
    name. A field found nowhere is left to the model: its default, or pydantic's
    `ValidationError` naming it."""
    fields = envelope_fields(event)
    for name in model.model_fields.keys() - IntegrationEvent.model_fields.keys():
        if name in given:
            continue
        for source in sources or (event,):
            found, value = _read(source, name)
            if found:
                fields[name] = value
                break
    return model(**{**fields, **given})


def uuid_or_none(value: str | None) -> UUID | None:
    """A stored id (a string; '' or None when absent) as a UUID or None."""
    return UUID(value) if value else None


def translator_of(
    topic: str, published: Mapping[str, Callable[[Any], IntegrationEvent]]
) -> Translate:
    """The relay's translation for a service whose events go to one `topic`: `published`
    maps a domain event's class (`Aggregate.Event`, its `__qualname__`) to the contract
    event it becomes; every other event stays private (nothing published)."""

    def translate(event: Any) -> Out:
        make = published.get(type(event).__qualname__)
        return ((topic, make(event)),) if make else ()

    return translate
