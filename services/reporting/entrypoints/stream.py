"""The reporting stream consumer process: `python -m services.reporting.entrypoints.stream`."""

import asyncio

from contracts.topics import dead_letter_topic
from runtime.processes import build_with_retry, configure_logging, run_stream
from runtime.settings import Settings
from services.reporting.bootstrap import NAME, SUBSCRIBES, build


def main() -> None:
    configure_logging()
    settings = Settings()
    service = build_with_retry(build, settings)
    asyncio.run(
        run_stream(
            settings,
            NAME,
            service.consumer(settings),
            SUBSCRIBES,
            dead_letter_topic(NAME),
            service.metrics,
        )
    )


if __name__ == "__main__":
    main()
