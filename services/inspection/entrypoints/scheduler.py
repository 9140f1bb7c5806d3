"""The remediation scheduler process: `python -m services.inspection.entrypoints.scheduler`.

Records RemediationOverdue on the clock every OCOP_INSPECTION_SCHEDULER_SECONDS."""

import asyncio
import signal

from runtime.processes import build_with_retry, configure_logging
from runtime.settings import Settings
from services.inspection.bootstrap import build


async def _run() -> None:
    settings = Settings()
    service = build_with_retry(build, settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await service.scheduler().run(stop, service.settings.scheduler_seconds)


def main() -> None:
    configure_logging()
    asyncio.run(_run())


if __name__ == "__main__":
    main()
