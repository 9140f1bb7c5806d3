"""Forms declared as data: each `Field` is a request field of a gRPC command, with its
label, input kind and whether it is required; `values` turns the posted form into the
request's keyword arguments (dates typed dd/mm/yyyy sent as ISO, NFC text), and
`send` calls the service, returning the refusal to show next to each field.

The console checks nothing the services check: a required field left empty is sent
empty and the service's refusal names it (the browser's `required` is only a hint)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

import grpc
from fastapi import Request
from starlette.datastructures import FormData

from console.refusals import Refusal, refusal_of
from console.web import client
from runtime.text import nfc, typed_day


@dataclass(frozen=True)
class Field:
    """One input. `kind`: text, date (dd/mm/yyyy), int, bool (checkbox), select
    (`options`: (value, text key) pairs), textarea, password."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class Form:
    """A command's form: its fields, the gRPC method (by service and name), the request
    message class and the fields the page fills itself (`fixed`, e.g. the dossier id)."""

    title: str
    service: str
    method: str
    request: type[Any]
    fields: tuple[Field, ...]
    submit: str = "save"
    fixed: tuple[str, ...] = ()
    stub: Callable[[grpc.Channel], Any] | None = field(default=None, compare=False)

    def names(self) -> set[str]:
        return {f.name for f in self.fields} | set(self.fixed)


def values(form: Form, posted: FormData, fixed: dict[str, Any] | None = None) -> dict[str, Any]:
    """The request's keyword arguments from the posted form (and the page's own)."""
    out: dict[str, Any] = {}
    for item in form.fields:
        raw = posted.get(item.name)
        text = raw.strip() if isinstance(raw, str) else ""
        if item.kind == "bool":
            out[item.name] = raw is not None
        elif item.kind == "int" or _numeric(form, item.name):
            out[item.name] = int(text) if text.lstrip("-").isdigit() else 0
        elif item.kind == "date":
            out[item.name] = typed_day(text) if text else ""
        else:
            out[item.name] = nfc(text)
    return {**out, **(fixed or {})}


def _numeric(form: Form, name: str) -> bool:
    """Whether the request field `name` is an integer (a select of numbers)."""
    described = form.request.DESCRIPTOR.fields_by_name.get(name)
    return described is not None and described.cpp_type in (
        described.CPPTYPE_INT32,
        described.CPPTYPE_INT64,
    )


def send(request: Request, form: Form, kwargs: dict[str, Any]) -> tuple[Any, Refusal]:
    """Call the form's command as the signed-in user: (reply, empty refusal), or
    (None, the refusal by field). Errors that are not refusals propagate."""
    assert form.stub is not None, f"{form.title}: no stub"
    asked = form.request(**kwargs)
    return send_request(request, form.service, form.stub, form.method, asked, form.names())


def send_request(
    request: Request,
    service: str,
    stub: Callable[[grpc.Channel], Any],
    method: str,
    asked: Any,
    known: set[str] | frozenset[str] = frozenset(),
) -> tuple[Any, Refusal]:
    """`send` for a request built by the page: (reply, no refusal) or (None, refusal)."""
    try:
        return call(request, service, stub, method, asked), Refusal()
    except grpc.RpcError as error:
        return None, refusal_of(error, known)


def call(
    request: Request, service: str, stub: Callable[[grpc.Channel], Any], method: str, asked: Any
) -> Any:
    """The reply of `service`'s `method` to `asked`, called as the signed-in user (a page's
    read); a gRPC error propagates (the app's error pages, or the caller's refusal)."""
    with closing(client(request)) as calls:
        return calls.call(getattr(stub(calls.channel(service)), method), asked)


def typed_text(posted: FormData, names: Iterable[str]) -> dict[str, str]:
    """The posted values of `names` as typed, stripped ("" for one not posted)."""
    return {n: str(posted.get(n) or "").strip() for n in names}


def shown(posted: FormData | None, names: Sequence[str]) -> dict[str, str]:
    """The posted values to show again in a refused form (never a password)."""
    if posted is None:
        return {}
    return {n: str(posted.get(n) or "") for n in names if not n.startswith("password")}
