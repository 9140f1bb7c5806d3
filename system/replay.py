"""`python -m system.replay SERVICE`: replay a service's dead letters into its consumer.

Distributed (`OCOP_DELIVERY=kafka`): reads `ocop.<service>.dlq.v1` in the consumer
group `<service>-dlq-replay` (see `runtime/replay.py`). Embedded: replays
`<data dir>/dead-letters/<service>.jsonl`, archives it as
`<service>.<timestamp>.replayed.jsonl`, and keeps the letters that fail again in a
fresh `<service>.jsonl` (see `runtime/replay.py`).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from typing import Any

from contracts.topics import dead_letter_topic
from runtime.inproc import FileDeadLetters
from runtime.kafka_auth import credentials_of
from runtime.processes import configure_logging
from runtime.replay import ReplayResult, replay_dead_letter_file, replay_dead_letters
from runtime.serving import build_with_retry
from runtime.settings import Settings
from runtime.topology import running
from system.builders import builder

# Every service with a stream process may have dead letters to replay.
CONSUMERS: dict[str, Any] = {s.name: builder(s.name) for s in running("stream")}

log = logging.getLogger(__name__)


async def replay_file(settings: Settings, service: str, consumer: Any) -> ReplayResult:
    letters = FileDeadLetters(settings.data_dir / "dead-letters", service)
    return await asyncio.to_thread(replay_dead_letter_file, letters, consumer)


async def replay(settings: Settings, service: str) -> ReplayResult:
    consumer = build_with_retry(CONSUMERS[service], settings).consumer(settings)
    if settings.delivery == "inproc":
        return await replay_file(settings, service, consumer)
    return await replay_dead_letters(
        settings.kafka_bootstrap,
        consumer,
        settings.topic_prefix + dead_letter_topic(service),
        f"{settings.topic_prefix}{service}-dlq-replay",
        credentials_of(settings.kafka_credentials_dir, service),  # its own principal
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m system.replay", description="Phát lại thư chết của một dịch vụ"
    )
    parser.add_argument("service", choices=sorted(CONSUMERS))
    args = parser.parse_args(argv)
    configure_logging("text")
    result = asyncio.run(replay(Settings(), args.service))
    print(
        f"Đã đọc {result.read}, áp dụng {result.applied}, trùng {result.duplicates}, "
        f"lỗi lại {result.failed_again} (read {result.read}, applied {result.applied}, "
        f"duplicates {result.duplicates}, failed again {result.failed_again})"
    )
    return 1 if result.failed_again else 0


if __name__ == "__main__":
    sys.exit(main())
