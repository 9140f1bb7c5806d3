"""The evaluation outbox relay process: `python -m services.evaluation.entrypoints.relay`."""

import asyncio

from runtime.processes import build_with_retry, configure_logging, run_relay
from runtime.settings import Settings
from services.evaluation.bootstrap import build


def main() -> None:
    configure_logging()
    settings = Settings()
    service = build_with_retry(build, settings)
    asyncio.run(run_relay(settings, service.relay, service.metrics))


if __name__ == "__main__":
    main()
