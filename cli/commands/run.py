"""`ocop run`: the whole system in one process (embedded mode), with demo data."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from pathlib import Path
from typing import Any

from runtime.settings import Settings


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
        help="Không nạp dữ liệu mẫu Kon Tum" if vi else "Do not load the Kon Tum demo data",
    )
    p.set_defaults(func=run, local=True)


def run(args: argparse.Namespace) -> int:
    from system.demo import load_demo
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
        ports = ", ".join(
            f"{name} {settings.address_of(name)}"
            for name in ("registration", "evaluation", "reporting", "inspection")
        )
        print(f"Hệ thống OCOP đang chạy (dữ liệu: {settings.data_dir}). gRPC: {ports}.")
        print("Nhấn Ctrl+C để dừng.")
        await system.run(stop)

    asyncio.run(serve())
    return 0
