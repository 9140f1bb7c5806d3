"""`ocop admin clock show|set|advance|off`: the embedded mode's sandbox clock
(runtime/sandbox.py). Local commands: they write the clock file in the data folder, and
a running `ocop run` reads it on its next command. Refused (exit 2) in a deployment
marked production (`OCOP_PRODUCTION=true`)."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cli.commands.identity import add_users
from cli.declare import day
from cli.output import emit, fail, refuse
from runtime.clock import local_date
from runtime.sandbox import (
    SandboxRefused,
    advance_sandbox,
    sandbox_now,
    set_sandbox,
    turn_off,
)
from runtime.settings import Settings


def add(sub: Any, lang: str = "vi") -> None:
    vi = lang != "en"
    admin = sub.add_parser("admin", help="Quản trị (chế độ một tiến trình)" if vi else "Admin")
    groups = admin.add_subparsers(dest="command", required=True)
    add_users(groups, lang)
    clock = groups.add_parser(
        "clock",
        help="Đồng hồ thử nghiệm: đặt ngày, cho thời gian trôi (không dùng khi vận hành thật)"
        if vi
        else "Sandbox clock: set a date, advance it (never in production)",
    )
    actions = clock.add_subparsers(dest="action", required=True)
    folder = {
        "type": Path,
        "default": None,
        "help": "Thư mục dữ liệu (mặc định ./data)" if vi else "Data directory (default ./data)",
    }
    for name, vi_help, en_help in (
        ("show", "Xem đồng hồ thử nghiệm", "Show the sandbox clock"),
        ("set", "Bật và đặt ngày", "Turn it on at a date"),
        ("advance", "Cho thời gian trôi thêm", "Move it forward"),
        ("off", "Tắt (trở về giờ thật)", "Turn it off (the wall clock again)"),
    ):
        p = actions.add_parser(name, help=vi_help if vi else en_help)
        p.add_argument("--data-dir", **folder)
        if name == "set":
            p.add_argument(
                "on",
                type=day,
                help="Ngày (dd/mm/yyyy hoặc yyyy-mm-dd)" if vi else "Date (dd/mm/yyyy or ISO)",
            )
        if name == "advance":
            p.add_argument("--days", type=int, required=True, help="Số ngày" if vi else "Days")
        p.set_defaults(func=clock_command, local=True)


def clock_command(args: argparse.Namespace) -> int:
    settings = Settings(**({"data_dir": args.data_dir} if args.data_dir else {}))
    vi = args.lang != "en"
    folder, production = settings.data_dir, settings.production
    try:
        if args.action == "set":
            try:
                on = date.fromisoformat(args.on)
            except ValueError:
                refuse("invalid_argument", "on", f"'{args.on}'?", as_json=args.json)
                return 2
            set_sandbox(folder, on, production=production, zone=settings.time_zone)
        elif args.action == "advance":
            advance_sandbox(folder, timedelta(days=args.days), production=production)
        elif args.action == "off":
            turn_off(folder, production=production)
    except SandboxRefused as refused:
        message = (
            "Triển khai vận hành thật: không có đồng hồ thử nghiệm."
            if production and vi
            else f"Từ chối: {refused}."
            if vi
            else f"Refused: {refused}."
        )
        refuse("failed_precondition", "clock", message, as_json=args.json)
        return 2
    at = sandbox_now(folder) if not production else None
    today = local_date(at, settings.time_zone) if at else None
    emit(
        {"sandbox_clock": "on" if at else "off", "today": today.isoformat() if today else ""},
        as_json=args.json,
        lang=args.lang,
    )
    return 0


def banner(lang: str) -> None:
    """While the sandbox clock is on (and the deployment is not production), every command
    says so on stderr, with the sandbox's date."""
    try:
        settings = Settings()
    except ValueError:
        return
    at = None if settings.production else sandbox_now(settings.data_dir)
    if at is None:
        return
    today = local_date(at, settings.time_zone)
    fail(
        f"[ĐỒNG HỒ THỬ NGHIỆM: hôm nay là {today:%d/%m/%Y}]"
        if lang != "en"
        else f"[SANDBOX CLOCK: today is {today:%d/%m/%Y}]"
    )
