"""`ocop`: the command line of the OCOP system.

Every command is a gRPC call to a running service (start them with `ocop run`,
or run the distributed processes). Output is Vietnamese by default (`--lang en`
for English) and JSON with `--json`. Exit codes: 0 done, 2 refused input (the
message names the field), 3 a service cannot be reached, 1 anything else.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence

import grpc

from cli.client import Client
from cli.commands import evaluation, inspection, registration, reporting, run
from cli.output import fail
from rules.cli import add_rules_commands
from runtime.settings import Settings

REFUSED = {
    grpc.StatusCode.INVALID_ARGUMENT,
    grpc.StatusCode.NOT_FOUND,
    grpc.StatusCode.ALREADY_EXISTS,
    grpc.StatusCode.FAILED_PRECONDITION,
    grpc.StatusCode.PERMISSION_DENIED,
}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="ocop", description="Hệ thống quản lý Chương trình OCOP")
    top.add_argument("--json", action="store_true", help="Kết quả dạng JSON")
    top.add_argument(
        "-q", "--quiet", action="store_true", help="Chỉ in mã vừa tạo (để dùng trong script)"
    )
    top.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("OCOP_LANG", "vi"))
    top.add_argument(
        "--actor-id",
        default=os.environ.get("OCOP_ACTOR_ID") or getpass.getuser(),
        help="Người thực hiện lệnh (mặc định: $OCOP_ACTOR_ID hoặc tên đăng nhập)",
    )
    top.add_argument(
        "--role",
        dest="role_override",
        default=os.environ.get("OCOP_ACTOR_ROLE", ""),
        help="Vai trò người thực hiện (mặc định theo lệnh)",
    )
    top.add_argument("--jurisdiction", default=os.environ.get("OCOP_JURISDICTION", ""))
    top.add_argument(
        "--wait",
        type=float,
        default=10.0,
        help="Số giây chờ dữ liệu được chuyển giữa các dịch vụ (mặc định 10)",
    )
    sub = top.add_subparsers(dest="group", required=True)
    run.add(sub)
    registration.add(sub)
    evaluation.add(sub)
    reporting.add(sub)
    inspection.add(sub)
    add_rules_commands(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if getattr(args, "local", False) or args.group == "rules":
            return int(args.func(args))
        return remote(args, Settings())
    except BrokenPipeError:  # output piped into `head` and the like
        return 0


def remote(args: argparse.Namespace, settings: Settings) -> int:
    """Run a command that calls the services; map gRPC failures to exit codes."""
    client = Client(
        {
            name: settings.address_of(name)
            for name in ("registration", "evaluation", "reporting", "inspection")
        },
        lang=args.lang,
        wait_seconds=args.wait,
    )
    try:
        return int(args.func(args, client))
    except grpc.RpcError as error:
        code = error.code()
        if code in REFUSED:
            fail(f"Lỗi: {error.details()}" if args.lang == "vi" else f"Error: {error.details()}")
            return 2
        if code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
            fail(
                "Không kết nối được dịch vụ; hãy chạy `make run` (hoặc `ocop run`) trước."
                if args.lang == "vi"
                else "Cannot reach the service; start it with `make run` (or `ocop run`)."
            )
            return 3
        fail(f"{code.name}: {error.details()}")
        return 1
    finally:
        client.close()


if __name__ == "__main__":
    sys.exit(main())
