"""A service's answer to a page's call, as the page shows it: a refusal's messages by
field (the `google.rpc.BadRequest` field violations the services return), or one message
for the whole form."""

from __future__ import annotations

from dataclasses import dataclass, field

import grpc

from cli.client import field_violations

REFUSED = frozenset(
    {
        grpc.StatusCode.INVALID_ARGUMENT,
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.ALREADY_EXISTS,
        grpc.StatusCode.FAILED_PRECONDITION,
        grpc.StatusCode.PERMISSION_DENIED,
    }
)


@dataclass
class Refusal:
    """Messages by field name (the request's field, as the services name it) and one for
    the form (`general`), in the language the call was made in."""

    fields: dict[str, str] = field(default_factory=dict)
    general: str = ""

    def __bool__(self) -> bool:
        return bool(self.fields or self.general)


def refusal_of(error: grpc.RpcError, known: frozenset[str] | set[str] = frozenset()) -> Refusal:
    """The refusal in `error`; a field the form does not show (`known`, when given) goes
    to `general` with its name, so nothing is hidden. Other errors (unreachable,
    unauthenticated, ...) are raised again for the app's error pages."""
    if error.code() not in REFUSED:
        raise error
    refusal = Refusal()
    for name, message in field_violations(error):
        text = message.removeprefix(f"{name}: ")
        if known and name not in known:
            refusal.general = f"{refusal.general} {name}: {text}".strip()
        else:
            refusal.fields.setdefault(name, text)
    if not refusal:
        refusal.general = str(error.details())
    return refusal
