"""`ocop`: the command line of the OCOP system.

Every command is a gRPC call to a running service (start them with `ocop run`,
or run the distributed processes). Output is Vietnamese by default (`--lang en`
for English, help texts included) and JSON with `--json`. Exit codes: 0 done, 2 refused
input (the message names the field), 3 a service cannot be reached, 4 not signed in
(or the sign-in expired: `ocop login`), 1 anything else;
with `--json` every failure is one JSON object {code, field, message} on stderr, `code`
being the gRPC status in lower case (invalid_argument, not_found, unavailable, …).
Dates are typed as dd/mm/yyyy or yyyy-mm-dd.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

import grpc

from cli.client import Client, field_violations, service_addresses
from cli.commands import (
    admin,
    audit,
    evaluation,
    identity,
    imports,
    inspection,
    promotion,
    registration,
    reporting,
    run,
)
from cli.output import fail, refuse
from rules.cli import add_rules_commands
from runtime.identity.session import Credentials, unverified_claims
from runtime.settings import Settings

REFUSED = {
    grpc.StatusCode.INVALID_ARGUMENT,
    grpc.StatusCode.NOT_FOUND,
    grpc.StatusCode.ALREADY_EXISTS,
    grpc.StatusCode.FAILED_PRECONDITION,
    grpc.StatusCode.PERMISSION_DENIED,
}


TOP_HELP: dict[str, tuple[str, str]] = {
    "description": ("Hệ thống quản lý Chương trình OCOP", "The OCOP programme's system"),
    "--json": ("Kết quả dạng JSON", "Output as JSON"),
    "--quiet": (
        "Chỉ in mã vừa tạo (để dùng trong script)",
        "Print only the id just made (for scripts)",
    ),
    "--lang": ("Ngôn ngữ: vi (mặc định) hoặc en", "Language: vi (default) or en"),
    "--user": (
        "Dùng phiên đăng nhập của người này (mặc định: $OCOP_USER hoặc người đăng nhập cuối)",
        "Use this user's sign-in (default: $OCOP_USER or the last one signed in)",
    ),
    "--role": (
        "Vai trò dùng khi người dùng có nhiều vai trò (mặc định: $OCOP_ROLE)",
        "Role to act in when the user holds several (default: $OCOP_ROLE)",
    ),
    "--wait": (
        "Số giây chờ dữ liệu được chuyển giữa các dịch vụ (mặc định 10)",
        "Seconds to wait for data travelling between services (default 10)",
    ),
}
ARGUMENT = re.compile(r"^argument ([^:]+): ")
REQUIRED = re.compile(r"^the following arguments are required: (.+)$")


def _parser_class(as_json: bool) -> type[argparse.ArgumentParser]:
    """argparse's own refusals (exit 2) as {code, field, message} when `--json` is on."""

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            if not as_json:
                super().error(message)
            named = ARGUMENT.match(message) or REQUIRED.match(message)
            refuse("invalid_argument", named[1] if named else None, message, as_json=True)
            self.exit(2)

    return Parser


def parser(lang: str = "vi", as_json: bool = False) -> argparse.ArgumentParser:
    """The whole command line, help texts in `lang`."""
    index = 1 if lang == "en" else 0
    words = {key: texts[index] for key, texts in TOP_HELP.items()}
    top = _parser_class(as_json)(prog="ocop", description=words["description"])
    top.add_argument("--json", action="store_true", help=words["--json"])
    top.add_argument("-q", "--quiet", action="store_true", help=words["--quiet"])
    top.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=os.environ.get("OCOP_LANG", "vi"),
        help=words["--lang"],
    )
    top.add_argument("--user", default=os.environ.get("OCOP_USER", ""), help=words["--user"])
    top.add_argument(
        "--role",
        dest="role_override",
        default=os.environ.get("OCOP_ROLE", ""),
        help=words["--role"],
    )
    top.add_argument("--wait", type=float, default=10.0, help=words["--wait"])
    # The signed-in user's unit (from the token's claims), a default for `--unit` options.
    top.set_defaults(jurisdiction="")
    sub = top.add_subparsers(dest="group", required=True)
    run.add(sub, lang)
    identity.add(sub, lang)
    registration.add(sub, lang)
    evaluation.add(sub, lang)
    reporting.add(sub, lang)
    inspection.add(sub, lang)
    promotion.add(sub, lang)
    imports.add(sub, lang)
    admin.add(sub, lang)
    audit.add(sub, lang)
    add_rules_commands(sub)
    return top


def _early(argv: Sequence[str]) -> tuple[str, bool]:
    """The language and `--json` before the whole line is parsed (for help and errors)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--json", action="store_true")
    early.add_argument("--lang", default=os.environ.get("OCOP_LANG", "vi"))
    known, _ = early.parse_known_args(argv)
    return ("en" if known.lang == "en" else "vi"), bool(known.json)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser(*_early(argv)).parse_args(argv)
    admin.banner(args.lang)
    try:
        if getattr(args, "local", False) or args.group == "rules":
            return int(args.func(args))
        return remote(args, Settings())
    except BrokenPipeError:  # output piped into `head` and the like
        return 0


def refused_field(error: grpc.RpcError) -> str | None:
    """The field a refusal names (the first of `cli.client.field_violations`), or None."""
    named = field_violations(error)
    return named[0][0] if named else None


def remote(args: argparse.Namespace, settings: Settings) -> int:
    """Run a command that calls the services as the signed-in user (`$OCOP_TOKEN`, else
    the stored sign-in of `--user`, renewed by its refresh token shortly before it
    expires); map gRPC failures to exit codes."""
    token = os.environ.get("OCOP_TOKEN") or Credentials().fresh(settings.issuer_url(), args.user)
    if token:
        args.jurisdiction = str(unverified_claims(token).get("jurisdiction", ""))
    client = Client(
        service_addresses(settings),
        lang=args.lang,
        wait_seconds=args.wait,
        token=token,
        role=args.role_override,
        tls_dir=settings.tls_dir,
    )
    try:
        return int(args.func(args, client))
    except grpc.RpcError as error:
        return _failed(args, error)
    finally:
        client.close()


def _failed(args: argparse.Namespace, error: grpc.RpcError) -> int:
    """Print why a call failed; its exit code (2 refused, 3 unreachable, 1 otherwise)."""
    code, details = error.code(), str(error.details())
    name = code.name.lower()
    if code in REFUSED:
        if args.json:
            field = refused_field(error)
            message = details.removeprefix(f"{field}: ") if field else details
            refuse(name, field, message, as_json=True)
        else:
            fail(f"Lỗi: {details}" if args.lang == "vi" else f"Error: {details}")
        return 2
    if code == grpc.StatusCode.UNAUTHENTICATED:
        refuse(name, None, details, as_json=args.json)
        return 4
    if code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
        message = (
            "Không kết nối được dịch vụ; hãy chạy `make run` (hoặc `ocop run`) trước."
            if args.lang == "vi"
            else "Cannot reach the service; start it with `make run` (or `ocop run`)."
        )
        refuse(name, None, message, as_json=args.json)
        return 3
    if args.json:
        refuse(name, None, details, as_json=True)
    else:
        fail(f"{code.name}: {details}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
