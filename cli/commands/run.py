"""`ocop run`: the whole system in one process (embedded mode), with demo data."""

from __future__ import annotations

import argparse
import asyncio
import signal
from pathlib import Path
from typing import Any

from runtime import logs
from runtime.settings import Settings
from runtime.topology import running


def add(sub: Any, lang: str = "vi") -> None:
    vi = lang != "en"
    p = sub.add_parser(
        "run",
        help="Chạy toàn bộ hệ thống trong một tiến trình (SQLite)"
        if vi
        else "Run the whole system in one process (SQLite)",
    )
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="Thư mục dữ liệu (mặc định ./data)" if vi else "Data directory (default ./data)",
    )
    p.add_argument(
        "--no-demo",
        action="store_true",
        help="Không nạp dữ liệu mẫu Kon Tum (và tài khoản mẫu)"
        if vi
        else "Do not load the Kon Tum demo data (nor the demo accounts)",
    )
    p.set_defaults(func=run, local=True)


def run(args: argparse.Namespace) -> int:
    from console.server import ConsoleServer
    from console.settings import ConsoleSettings
    from runtime.identity.embedded import REALM_FILE, accounts
    from system.demo import load_demo
    from system.demo_promotion import load_promotion_demo
    from system.embedded import EmbeddedSystem

    logs.configure("text")
    # The embedded mode's services trust only its built-in issuer, so an OCOP_OIDC_ISSUER
    # left in the environment (e.g. from `deploy/infra.sh env`) must not send the console's
    # sign-in or the printed login hint to Keycloak
    overrides: dict[str, Any] = {"store": "sqlite", "delivery": "inproc", "oidc_issuer": ""}
    if args.data_dir is not None:
        overrides["data_dir"] = args.data_dir
    settings = Settings(**overrides)
    system = EmbeddedSystem(settings)

    async def serve() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        if not args.no_demo:
            loaded = load_demo(system)
            if loaded:
                print(f"Đã nạp {loaded} sản phẩm mẫu của Kon Tum.")
                await system.deliver()  # promotion learns of the demo producers
                promoted = load_promotion_demo(system)
                print(f"Đã nạp {promoted} hoạt động xúc tiến thương mại mẫu.")
            # The realm export's demo users, as in Keycloak: password demo-<username>.
            added = accounts(settings).seed_demo(REALM_FILE)
            if added:
                print(f"Đã tạo {added} tài khoản mẫu (mật khẩu demo-<tên>; chỉ để thử).")
        ports = ", ".join(
            f"{entry.name} {settings.address_of(entry.name)}" for entry in running("rpc")
        )
        print(f"Hệ thống OCOP đang chạy (dữ liệu: {settings.data_dir}). gRPC: {ports}.")
        print(f"Đăng nhập: `ocop login <tên>` (máy cấp token: {settings.issuer_url()}).")
        console = ConsoleServer(ConsoleSettings(), settings, embedded=True)
        print(f"Bảng điều khiển web (console): {console.url}/")
        print("Nhấn Ctrl+C để dừng.", flush=True)
        await asyncio.gather(system.run(stop), console.serve(stop))

    asyncio.run(serve())
    return 0


def add_rebuild(commands: Any, lang: str = "vi") -> None:
    """`ocop reporting rebuild`: a new version of the read models, built while the system
    serves, then switched to (system/rebuild.py)."""
    vi = lang != "en"
    p = commands.add_parser(
        "rebuild",
        help="Dựng lại mọi bảng báo cáo thành phiên bản mới bên cạnh bản đang dùng, rồi chuyển"
        " sang (không phải dừng hệ thống)"
        if vi
        else "Rebuild every reporting read model as a new version beside the live one, then"
        " switch to it (the system keeps serving)",
    )
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="Thư mục dữ liệu của chế độ một tiến trình (mặc định ./data)"
        if vi
        else "The embedded mode's data directory (default ./data)",
    )
    p.add_argument(
        "--restart",
        action="store_true",
        help="Bỏ phiên bản mà một lần dựng lại trước đã bỏ dở, rồi dựng lại"
        if vi
        else "Forget the version a previous rebuild left half-built, then rebuild",
    )
    p.add_argument(
        "--no-progress",
        action="store_true",
        help="Không hiện thanh tiến độ" if vi else "No progress bar",
    )
    p.set_defaults(func=rebuild, local=True)


def rebuild(args: argparse.Namespace) -> int:
    """Embedded mode (OCOP_DELIVERY=inproc, the default): the events come from the
    services' SQLite stores under the data folder, read only, whether `ocop run` serves
    or not. Distributed mode (OCOP_DELIVERY=kafka, OCOP_STORE=postgres): from the topics,
    offset 0. Exit 0 with the new version's figures; 2 refused (no data, a rebuild in
    progress)."""
    from cli.output import emit, refuse
    from runtime.errors import CommandRejected
    from services.reporting.bootstrap import build
    from system import rebuild as rebuilding
    from system.embedded import EmbeddedSystem

    settings = Settings()
    embedded = settings.delivery == "inproc"
    if embedded:
        stored = _stored_data(args)
        if stored is None:
            return 2
        settings = stored
    system = EmbeddedSystem(settings) if embedded else None
    service = system.reporting if system is not None else build(settings)
    try:
        source = (
            rebuilding.stored(system.stored_messages("reporting"))
            if system is not None
            else rebuilding.from_kafka(settings)
        )
        done = rebuilding.rebuild(
            service.app, source, settings, progress=not args.no_progress, restart=args.restart
        )
        record = {
            "version": done.version,
            "replaced": done.replaced,
            "replayed": done.replayed,
            "applied": done.applied,
            "duplicates": done.duplicates,
            "dead": done.dead,
            "seconds": round(done.seconds, 2),
            "events_per_second": round(done.per_second),
            "products": len(service.app.list_products()),
        }
    except CommandRejected as refusal:
        refuse(refusal.kind, refusal.field, refusal.message(args.lang), as_json=args.json)
        return 2
    finally:
        if system is not None:
            system.close()
        else:
            service.app.close()
    emit(record, as_json=args.json, lang=args.lang)
    return 0


def _stored_data(args: argparse.Namespace) -> Settings | None:
    """The embedded mode's settings over the SQLite stores of the data folder (`--data-dir`
    or the default); None, the refusal printed, when the folder holds no data."""
    from cli.output import refuse

    overrides: dict[str, Any] = {"store": "sqlite"}
    if args.data_dir is not None:
        overrides["data_dir"] = args.data_dir
    settings = Settings(**overrides)
    if (settings.data_dir / "registration.sqlite").exists():
        return settings
    refuse(
        "not_found",
        "data_dir",
        f"Không có dữ liệu trong {settings.data_dir}."
        if args.lang != "en"
        else f"No data in {settings.data_dir}.",
        as_json=args.json,
    )
    return None
