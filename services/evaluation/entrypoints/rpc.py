"""The evaluation gRPC server process: `python -m services.evaluation.entrypoints.rpc`."""

import asyncio

from runtime.processes import build_with_retry, configure_logging, serve_rpc
from runtime.settings import Settings
from services.evaluation.bootstrap import NAME, build


def main() -> None:
    configure_logging()
    settings = Settings()
    service = build_with_retry(build, settings)
    asyncio.run(serve_rpc(settings, NAME, service.rpc(), service.rpc_names, service.metrics))


if __name__ == "__main__":
    main()
