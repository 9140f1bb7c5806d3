"""`ocop login | whoami | logout` and `ocop admin users …`: signing in (Keycloak in the
distributed mode, the built-in accounts of `ocop run` in the embedded mode; the same
password grant, or with Keycloak `--device`: approve the sign-in in a browser, RFC 8628),
and managing the built-in accounts on this machine's data dir. A sign-in keeps a refresh
token: commands exchange it for a new access token shortly before the old one expires."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cli.output import fail
from runtime.identity.accounts import AccountError
from runtime.identity.claims import ROLES
from runtime.identity.embedded import REALM_FILE, accounts
from runtime.identity.session import (
    Credentials,
    LoginFailed,
    device_poll,
    device_start,
    password_tokens,
    unverified_claims,
)
from runtime.settings import Settings

LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def _t(args: argparse.Namespace, vi: str, en: str) -> str:
    return en if args.lang == "en" else vi


def add(sub: Any, lang: str = "vi") -> None:
    vi = lang != "en"
    login = sub.add_parser("login", help="Đăng nhập" if vi else "Sign in")
    login.add_argument(
        "username",
        nargs="?",
        default="",
        help="Tên đăng nhập (không cần với --device)" if vi else "Username (not with --device)",
    )
    login.add_argument(
        "--device",
        action="store_true",
        help="Đăng nhập trên trình duyệt bằng mã thiết bị (Keycloak)"
        if vi
        else "Sign in in a browser with a device code (Keycloak)",
    )
    login.add_argument(
        "--password-stdin",
        action="store_true",
        help="Đọc mật khẩu từ stdin" if vi else "Read the password from stdin",
    )
    login.add_argument(
        "--issuer",
        default=None,
        help="Địa chỉ máy cấp token (mặc định $OCOP_OIDC_ISSUER hoặc của `ocop run`)"
        if vi
        else "Token issuer URL (default $OCOP_OIDC_ISSUER, else `ocop run`'s)",
    )
    login.set_defaults(func=do_login, local=True)
    who = sub.add_parser("whoami", help="Người đang đăng nhập" if vi else "Who is signed in")
    who.set_defaults(func=do_whoami, local=True)
    out = sub.add_parser("logout", help="Đăng xuất" if vi else "Sign out")
    out.add_argument("username", nargs="?", default="")
    out.set_defaults(func=do_logout, local=True)


def add_users(groups: Any, lang: str = "vi") -> None:
    """`ocop admin users …` under the `admin` group (cli/commands/admin.py)."""
    vi = lang != "en"
    users = groups.add_parser(
        "users",
        help="Tài khoản nội bộ (chế độ một tiến trình)" if vi else "Built-in accounts (embedded)",
    )
    users.add_argument("--data-dir", type=Path, default=None)
    commands = users.add_subparsers(dest="users_command", required=True)
    add_user = commands.add_parser("add")
    add_user.add_argument("username")
    add_user.add_argument("--role", action="append", required=True, choices=ROLES)
    add_user.add_argument("--jurisdiction", default="")
    add_user.add_argument("--name", default="")
    add_user.add_argument("--password-stdin", action="store_true")
    set_user = commands.add_parser("set")
    set_user.add_argument("username")
    set_user.add_argument("--role", action="append", required=True, choices=ROLES)
    set_user.add_argument("--jurisdiction", default="")
    commands.add_parser("list")
    for name in ("passwd", "disable", "enable", "remove"):
        command = commands.add_parser(name)
        command.add_argument("username")
        if name == "passwd":
            command.add_argument("--password-stdin", action="store_true")
    commands.add_parser("seed-demo")
    users.set_defaults(func=do_users, local=True)


def _password(args: argparse.Namespace) -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\n")
    if os.environ.get("OCOP_PASSWORD"):
        return os.environ["OCOP_PASSWORD"]
    return getpass.getpass(_t(args, "Mật khẩu: ", "Password: "))


def _issuer(args: argparse.Namespace) -> str:
    return str(getattr(args, "issuer", None) or Settings().issuer_url())


def do_login(args: argparse.Namespace) -> int:
    issuer = _issuer(args)
    if not args.device and not args.username:
        fail(_t(args, "Cần tên đăng nhập (hoặc --device).", "A username is needed (or --device)."))
        return 2
    try:
        tokens = _device_tokens(args, issuer) if args.device else _password_tokens(args, issuer)
    except LoginFailed as failed:
        if failed.unreachable:
            fail(_t(args, f"Không kết nối được máy cấp token {issuer}.", f"Cannot reach {issuer}."))
            return 3
        if args.device:
            fail(_t(args, f"Đăng nhập không thành công ({failed}).", f"Sign-in failed ({failed})."))
        else:
            fail(_t(args, "Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."))
        return 2
    token = str(tokens["access_token"])
    claims = unverified_claims(token)
    user = args.username or str(claims.get("preferred_username", ""))
    credentials = Credentials()
    credentials.store(issuer, user, token, str(tokens.get("refresh_token") or ""))
    return _show(args, claims, issuer, credentials.refresh_expiry(issuer, user))


def _password_tokens(args: argparse.Namespace, issuer: str) -> dict[str, Any]:
    return password_tokens(issuer, args.username, _password(args))


def _device_tokens(args: argparse.Namespace, issuer: str) -> dict[str, Any]:
    """RFC 8628: show where to approve the sign-in (on stderr: stdout stays the result),
    then wait for the approval."""
    started = device_start(issuer)
    where = started.get("verification_uri_complete") or started["verification_uri"]
    minutes = int(started.get("expires_in") or 600) // 60
    print(
        _t(
            args,
            f"Mở {where} trên trình duyệt và xác nhận mã {started['user_code']}"
            f" (trong {minutes} phút).",
            f"Open {where} in a browser and confirm the code {started['user_code']}"
            f" (within {minutes} minutes).",
        ),
        file=sys.stderr,
        flush=True,
    )
    return device_poll(issuer, started)


def do_whoami(args: argparse.Namespace) -> int:
    issuer = _issuer(args)
    credentials = Credentials()
    token = os.environ.get("OCOP_TOKEN") or credentials.fresh(issuer, args.user)
    if not token:
        fail(_t(args, "Chưa đăng nhập; hãy chạy `ocop login`.", "Not signed in; run `ocop login`."))
        return 4
    kept = None if os.environ.get("OCOP_TOKEN") else credentials.refresh_expiry(issuer, args.user)
    return _show(args, unverified_claims(token), issuer, kept)


def _show(
    args: argparse.Namespace, claims: dict[str, Any], issuer: str, refresh: int | None = None
) -> int:
    """The signed-in user, roles, unit, when the access token expires and, with a refresh
    token, until when commands renew it (dd/mm/yyyy HH:MM, Asia/Ho_Chi_Minh)."""
    roles = [r for r in claims.get("realm_access", {}).get("roles", []) if r in ROLES]
    expires = datetime.fromtimestamp(int(claims["exp"]), UTC).astimezone(LOCAL_TIME)
    renews = datetime.fromtimestamp(refresh, UTC).astimezone(LOCAL_TIME) if refresh else None
    view = {
        "user": claims.get("preferred_username", ""),
        "roles": roles,
        "jurisdiction": claims.get("jurisdiction", ""),
        "issuer": issuer,
        "expires": expires.isoformat(),
        "renewable_until": renews.isoformat() if renews else "",
    }
    if args.json:
        print(json.dumps(view, ensure_ascii=False))
    elif not args.quiet:
        user, unit, held = view["user"], view["jurisdiction"] or "-", ", ".join(roles)
        when = f"{expires:%d/%m/%Y %H:%M}"
        vi = f"{user}: vai trò {held}, địa bàn {unit}, hết hạn {when}"
        en = f"{user}: role {held}, unit {unit}, expires {when}"
        if renews:
            vi += f" (tự gia hạn đến {renews:%d/%m/%Y %H:%M})"
            en += f" (renewed automatically until {renews:%d/%m/%Y %H:%M})"
        print(_t(args, vi, en))
    return 0


def do_logout(args: argparse.Namespace) -> int:
    who = Credentials().forget(_issuer(args), args.username or args.user)
    if who and not args.quiet:
        print(_t(args, f"Đã đăng xuất {who}.", f"Signed out {who}."))
    return 0


def do_users(args: argparse.Namespace) -> int:
    overrides = {"data_dir": args.data_dir} if args.data_dir else {}
    store = accounts(Settings(**overrides))
    try:
        if args.users_command == "add":
            store.add(
                args.username, _password(args), tuple(args.role), args.jurisdiction, args.name
            )
        elif args.users_command == "set":
            store.set_roles(args.username, tuple(args.role), args.jurisdiction)
        elif args.users_command == "passwd":
            store.set_password(args.username, _password(args))
        elif args.users_command in ("disable", "enable"):
            store.set_enabled(args.username, args.users_command == "enable")
        elif args.users_command == "remove":
            store.remove(args.username)
        elif args.users_command == "seed-demo":
            print(store.seed_demo(REALM_FILE))
        else:
            rows = [
                {
                    "username": a.username,
                    "roles": list(a.roles),
                    "jurisdiction": a.jurisdiction,
                    "name": a.display_name,
                    "enabled": a.enabled,
                }
                for a in store.list()
            ]
            if args.json:
                print(json.dumps(rows, ensure_ascii=False))
            else:
                for a in store.list():
                    state = "" if a.enabled else " (khóa)"
                    print(f"{a.username}\t{','.join(a.roles)}\t{a.jurisdiction}{state}")
    except AccountError as error:
        fail(str(error))
        return 2
    return 0
