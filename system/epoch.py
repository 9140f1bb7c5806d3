"""`python -m system.epoch SERVICE`: after restoring SERVICE's store from a backup, start a
new epoch of its published events (run once, before its relay starts again).

A restored store issues notification ids and aggregate versions that were already
published before the loss; from the next notification id on, its relay publishes
under the source name `<service>~<epoch>` with event ids derived from the epoch, so
consumers apply those events instead of taking them for the lost ones
(see `runtime/outbox.py`). Events up to the restore point keep their ids and are
recognised as duplicates where they were already applied.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from runtime.outbox import open_epoch
from runtime.processes import configure_logging
from runtime.serving import build_with_retry
from runtime.settings import Settings
from services.evaluation import bootstrap as evaluation
from services.registration import bootstrap as registration

PUBLISHERS: dict[str, Callable[[Settings], Any]] = {
    "registration": registration.build,
    "evaluation": evaluation.build,
}


def start_epoch(settings: Settings, service: str) -> tuple[int, int]:
    """Open the next epoch of `service`'s relay; returns (epoch, first notification id)."""
    app = build_with_retry(PUBLISHERS[service], settings).app
    try:
        return open_epoch(app.factory.tracking_recorder(), app.recorder, f"relay:{app.name}")
    finally:
        app.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m system.epoch",
        description="Mở kỷ nguyên mới sau khi khôi phục kho sự kiện từ bản sao lưu",
    )
    parser.add_argument("service", choices=sorted(PUBLISHERS))
    args = parser.parse_args(argv)
    configure_logging("text")
    epoch, first = start_epoch(Settings(), args.service)
    print(
        f"{args.service}: kỷ nguyên {epoch} bắt đầu từ thông báo số {first} "
        f"(epoch {epoch} starts at notification {first})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
