"""`ocop run`: the whole system in one process (embedded mode), with demo data."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from pathlib import Path
from typing import Any

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
    from runtime.identity.embedded import REALM_FILE, accounts
    from system.demo import load_demo
    from system.demo_promotion import load_promotion_demo
    from system.embedded import EmbeddedSystem

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    overrides: dict[str, Any] = {"store": "sqlite", "delivery": "inproc"}
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
        print("Nhấn Ctrl+C để dừng.")
        await system.run(stop)

    asyncio.run(serve())
    return 0


def add_rebuild(commands: Any, lang: str = "vi") -> None:
    """`ocop reporting rebuild`: the embedded mode's catalogue rebuilt from the sources."""
    vi = lang != "en"
    p = commands.add_parser(
        "rebuild",
        help="Dựng lại danh mục báo cáo từ kho sự kiện của các dịch vụ (chế độ một tiến trình,"
        " khi hệ thống đã dừng)"
        if vi
        else "Rebuild the reporting catalogue from the services' event stores (embedded mode,"
        " with the system stopped)",
    )
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="Thư mục dữ liệu (mặc định ./data)" if vi else "Data directory (default ./data)",
    )
    p.set_defaults(func=rebuild, local=True)


def rebuild(args: argparse.Namespace) -> int:
    """Deletes the embedded catalogue (`reporting.sqlite`) and replays it from the other
    services' stores, as a start without it would (`EmbeddedSystem.replay_into`). Refused
    while the system serves on this machine: `ocop run` holds the file."""
    from cli.output import emit, refuse
    from system.embedded import EmbeddedSystem

    overrides: dict[str, Any] = {"store": "sqlite", "delivery": "inproc"}
    if args.data_dir is not None:
        overrides["data_dir"] = args.data_dir
    settings = Settings(**overrides)
    vi = args.lang != "en"
    if _serving(settings.address_of("reporting")):
        refuse(
            "failed_precondition",
            "reporting",
            "Hệ thống đang chạy: dừng `ocop run` trước khi dựng lại danh mục."
            if vi
            else "The system is running: stop `ocop run` before rebuilding the catalogue.",
            as_json=args.json,
        )
        return 2
    if not (settings.data_dir / "registration.sqlite").exists():
        refuse(
            "not_found",
            "data_dir",
            f"Không có dữ liệu trong {settings.data_dir}."
            if vi
            else f"No data in {settings.data_dir}.",
            as_json=args.json,
        )
        return 2
    for name in ("reporting.sqlite", "reporting.sqlite-wal", "reporting.sqlite-shm"):
        (settings.data_dir / name).unlink(missing_ok=True)
    system = EmbeddedSystem(settings)
    try:
        record = {
            "replayed": system.replayed.get("reporting", 0),
            "products": len(system.reporting.app.list_products()),
        }
    finally:
        system.close()
    emit(record, as_json=args.json, lang=args.lang)
    return 0


def _serving(address: str) -> bool:
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    with grpc.insecure_channel(address) as channel:
        try:
            health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=1)
        except grpc.RpcError:
            return False
    return True
