"""What a servicer reads from a call: the verified caller (from the token, never the
request), its command context, and request fields parsed into values (ids, dates, the rows
of an imported file) with a field-level refusal when they do not parse. Split from
`runtime.rpc`, which re-exports these names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from contracts.envelope import Actor
from runtime import logs
from runtime.clock import check_date_range
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.identity.interceptor import current_grant
from runtime.text import excerpt


def verified_actor() -> Actor:
    """The caller of the call being handled, as the interceptor verified it from the token."""
    grant = current_grant()
    if grant is None:
        raise CommandRejected(
            "unauthenticated",
            None,
            "Chưa đăng nhập; hãy chạy `ocop login`.",
            "Not signed in; run `ocop login`.",
        )
    return grant.actor


def to_context(claimed: Any = None) -> CommandContext:
    """The command context of the verified caller (from the token, never the request).

    `claimed` is the request's optional `Actor` message: empty is fine; one that names
    anyone but the verified caller is refused (PERMISSION_DENIED), so that a forged
    actor cannot pass unnoticed."""
    actor = verified_actor()
    if claimed is not None and (claimed.id or claimed.role or claimed.jurisdiction):
        mine = (actor.id, actor.role, actor.jurisdiction)
        theirs = (
            claimed.id,
            claimed.role or actor.role,
            claimed.jurisdiction or actor.jurisdiction,
        )
        if theirs != mine:
            raise CommandRejected(
                "permission_denied",
                "actor",
                f"Người thực hiện lấy từ phiên đăng nhập ({actor.id}); không được khai người khác.",
                f"The actor comes from the sign-in ({actor.id}); claiming another is refused.",
            )
    context = CommandContext(actor=actor)
    logs.bind(correlation_id=context.correlation_id, actor_id=actor.id)
    return context


def parse_uuid(field: str, value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError as error:
        raise CommandRejected(
            "invalid_argument",
            field,
            f"{excerpt(value)} không phải là mã định danh hợp lệ.",
            f"{excerpt(value)} is not a valid id.",
        ) from error


def parse_date(field: str, value: str) -> date:
    """`value` (yyyy-mm-dd) as a date within the legal range (`runtime.clock.check_date_range`:
    not before the programme, not past 2200), else `invalid_argument` naming `field`."""
    try:
        day = date.fromisoformat(value) if len(value) == 10 else date.fromisoformat("x")
    except ValueError as error:
        raise CommandRejected(
            "invalid_argument",
            field,
            f"Ngày {excerpt(value)} không hợp lệ (định dạng yyyy-mm-dd).",
            f"Date {excerpt(value)} is invalid (expected yyyy-mm-dd).",
        ) from error
    check_date_range(field, day)
    return day


def row_problems(problems: Sequence[tuple[int, CommandRejected]], lang: str) -> list[Any]:
    """Refused rows of an imported file as `ocop.common.v1.RowProblem` messages: line,
    field and the refusal in `lang`."""
    from contracts.rpc import common_pb2

    return [
        common_pb2.RowProblem(line=line, field=refused.field or "", message=refused.message(lang))
        for line, refused in problems
    ]
