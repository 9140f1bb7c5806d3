"""Per-record scope: whose record a call touches, checked at one place for every method of
a service before its handler runs.

The access policy (`policy.yaml`) gives the verified caller a scope on the method
(`own`, `commune`, `district`, `province`, `national`, `all`). This module checks that
scope against the record the request names:

* `own` (a producer): the record's owner — the sign-in named on the producer at its
  registration — is the caller;
* `commune`, `district`, `province`, `national`: the caller's jurisdiction code is on the
  record's administrative-unit path (`runtime.jurisdiction.covers`: its commune, its
  pre-2025 district or province, its province; `VN` covers all). A commune officer thus
  acts only in its commune, a district office (R1) only in its district, the province in
  its province;
* `all` (auditors, read-only by the policy): every record.

A service declares, for every RPC method, how to find the record a request names
(`Locate`: request -> `Record`, None when there is no such record: the handler answers
NOT_FOUND as usual), or `LISTED` (the handler lists many records and keeps those
`visible` to the caller), or `UNSCOPED` (the method touches no record of a unit, or only
the caller's own unit, taken from the verified token: the policy alone decides). A record
known only by a unit code (a plan, a fair, a query's `jurisdiction`) is `unit_record`:
the code and the larger units it lies in, as the service's own records show them.
`scoped(table)` applies the table to a servicer class, and refuses to build one whose
table misses a method: a new RPC cannot go unchecked.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final, TypeVar

import grpc

from runtime import errors, handover
from runtime.identity import access_log
from runtime.identity.interceptor import DENIED_BY_METADATA, Grant, current_grant
from runtime.jurisdiction import SYSTEM_ROLES, UnitPath, canonical, covers

LISTED: Final = "listed"
UNSCOPED: Final = "unscoped"


@dataclass(frozen=True)
class Record:
    """The record a call touches: its units and, for a producer's records, the sign-in
    (username) of the producer that owns it ("" when none is named); `units` adds codes a
    service knows only as a set (reporting's read models). A record on no unit (empty
    codes) is reached by auditors and the central level only."""

    path: UnitPath
    owner: str = ""
    units: frozenset[str] = frozenset()

    def codes(self) -> frozenset[str]:
        """Every unit code the record lies in."""
        return self.path.codes() | self.units


NOWHERE: Final = UnitPath(commune="", province="")


def unit_record(code: str, paths: Iterable[UnitPath]) -> Record:
    """The record of the unit `code` itself: the code and, from the first of `paths` (the
    service's records) on which it appears, the larger units it lies in (a commune's
    district and province, a district's province). A code on no path is its own unit
    only: just its holder (and the central level) reaches it."""
    code = code.strip()
    for path in paths:
        if code in (path.commune, path.legacy_commune):
            return Record(path)
        if code == path.district:
            return Record(NOWHERE, units=frozenset({code, path.province, path.legacy_province}))
    return Record(NOWHERE, units=frozenset({code} - {""}))


def own_unit(code: str) -> str:
    """A query's unit: `code`, or when it names none the verified caller's own unit
    (every unit for auditors and the central level: "")."""
    grant = current_grant()
    if code.strip() or grant is None or grant.scope in ("all", "national"):
        return code.strip()
    return grant.actor.jurisdiction.strip()


Locate = Callable[[Any, Any], "Record | list[Record] | None"]
"""(servicer, request) -> the record the request names (or the records, for a command on
several), None when there is none."""


def allows(grant: Grant, record: Record) -> bool:
    """Whether `grant` (a verified caller and its scope on the method) reaches `record`."""
    if grant.actor.role in SYSTEM_ROLES or grant.scope == "all":
        return True
    if grant.scope == "own":
        return bool(record.owner) and record.owner == grant.actor.id
    code = canonical(grant.actor.jurisdiction)
    return covers(code, record.path) or (bool(code) and code in map(canonical, record.units))


def visible(record: Record | None) -> bool:
    """For listings: the current caller may see `record` (always outside a gRPC call)."""
    grant = current_grant()
    return grant is None or (record is not None and allows(grant, record))


def _refuse(context: grpc.ServicerContext, grant: Grant, record: Record) -> None:
    access_log.record(
        "refused",
        grant.method,
        user=grant.actor.id,
        role=grant.actor.role,
        jurisdiction=grant.actor.jurisdiction,
        code="PERMISSION_DENIED",
        reason=f"record outside scope {grant.scope}",
    )
    field = "actor" if grant.scope == "own" else "actor.jurisdiction"
    context.set_trailing_metadata(((DENIED_BY_METADATA, "scope"), (errors.FIELD_METADATA, field)))
    units = ", ".join(sorted(record.codes() - {""})) or "?"
    lang = dict(context.invocation_metadata() or ()).get(errors.LANG_METADATA, "vi")
    if grant.scope == "own":
        vi = "Hồ sơ này không thuộc chủ thể của người đăng nhập."
        en = "This record does not belong to the signed-in producer."
    else:
        vi = (
            f"Người thực hiện thuộc địa bàn '{grant.actor.jurisdiction}' ({grant.scope});"
            f" hồ sơ thuộc địa bàn {units}."
        )
        en = (
            f"The caller acts for '{grant.actor.jurisdiction}' ({grant.scope}); the record"
            f" belongs to {units}."
        )
    context.abort(grpc.StatusCode.PERMISSION_DENIED, en if str(lang).startswith("en") else vi)


def require(context: grpc.ServicerContext, reached: bool, record: Record) -> None:
    """For a handler that decides itself (a `LISTED` method): refuse as the scope check
    does, naming `record`, unless `reached` (or outside a gRPC call)."""
    grant = current_grant()
    if grant is not None and not reached:
        _refuse(context, grant, record)


def _check(locate: Locate, servicer: Any, request: Any, context: grpc.ServicerContext) -> None:
    grant = current_grant()
    if grant is None:
        return
    try:
        found = locate(servicer, request)
    except Exception:  # noqa: BLE001 - a malformed id: the handler refuses it with its field
        found = None
    for record in found if isinstance(found, list) else [found]:
        if record is not None and not allows(grant, record):
            _refuse(context, grant, record)


def _wrap(method: Callable[..., Any], locate: Locate, streaming: bool) -> Callable[..., Any]:
    if streaming:

        @functools.wraps(method)
        def stream(servicer: Any, requests: Iterator[Any], context: grpc.ServicerContext) -> Any:
            first = next(requests, None)
            if first is None:
                return method(servicer, iter(()), context)
            _check(locate, servicer, first, context)
            return method(servicer, itertools.chain([first], requests), context)

        return stream

    @functools.wraps(method)
    def unary(servicer: Any, request: Any, context: grpc.ServicerContext) -> Any:
        with handover.handing_over():  # what the check loads, the handler need not read again
            _check(locate, servicer, request, context)
            handover.checked()
            return method(servicer, request, context)

    return unary


S = TypeVar("S", bound=type)


def scoped(descriptor: Any, table: Mapping[str, Locate | str]) -> Callable[[S], S]:
    """Class decorator for the servicer of the gRPC service `descriptor`: each method's
    record is located by `table[name]` and checked against the caller's scope first.
    Raises ValueError when `table` misses or invents a method."""
    names = {m.name for m in descriptor.methods}
    if names != set(table):
        missing, extra = sorted(names - set(table)), sorted(set(table) - names)
        raise ValueError(f"{descriptor.full_name} scope table: missing {missing}, unknown {extra}")

    def apply(cls: S) -> S:
        for method in descriptor.methods:
            locate = table[method.name]
            if callable(locate):
                wrapped = _wrap(getattr(cls, method.name), locate, method.client_streaming)
                setattr(cls, method.name, wrapped)
        return cls

    return apply
