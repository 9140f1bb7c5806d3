"""The event models behind each topic, read from `contracts.registry.TOPIC_EVENTS`."""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any

from pydantic import TypeAdapter

from contracts.envelope import IntegrationEvent


class ContractError(Exception):
    """The contract's code and the generator's tables disagree."""


def union_of(adapter: TypeAdapter[Any]) -> Any:
    """The type a topic's TypeAdapter was built from (its discriminated union).

    pydantic keeps it in the private `_type`; a test checks it still rebuilds the adapter."""
    return adapter._type


def event_models(adapter: TypeAdapter[Any]) -> tuple[type[IntegrationEvent], ...]:
    """The event models of a topic's union, in declaration order."""
    union = union_of(adapter)
    if typing.get_origin(union) is Annotated:
        union = typing.get_args(union)[0]
    members = (
        typing.get_args(union)
        if typing.get_origin(union) in (typing.Union, types.UnionType)
        else (union,)
    )
    models: list[type[IntegrationEvent]] = []
    for member in members:
        if not (isinstance(member, type) and issubclass(member, IntegrationEvent)):
            raise ContractError(f"{member!r} is not an IntegrationEvent")
        models.append(member)
    return tuple(models)


def event_type_of(model: type[IntegrationEvent]) -> str:
    """The discriminator value of `model` (the default of its `event_type` literal)."""
    default = model.model_fields["event_type"].default
    if not isinstance(default, str) or not default:
        raise ContractError(f"{model.__name__}.event_type needs a Literal default")
    return default


def schema_version_of(model: type[IntegrationEvent]) -> int:
    default = model.model_fields["schema_version"].default
    if not isinstance(default, int) or isinstance(default, bool) or default < 1:
        raise ContractError(f"{model.__name__}.schema_version needs a default >= 1")
    return default
