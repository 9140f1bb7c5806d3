"""The Grafana dashboard of the system, generated from code (grafana-foundation-sdk, the
Grafana project's own builders) over the series of `runtime/metrics.py`.

    python -m system.dashboard            # write deploy/grafana/ocop.json
    python -m system.dashboard --check    # exit 1 when the committed file is stale (make lint)

Rows: delivery (throughput per topic, relay backlog and lag, consumer apply rate and lag,
dead letters, outages), gRPC (rate, errors and 99th-percentile latency per method), and
the programme's week (dossiers received, results adopted, decisions issued, inspections,
revocations: the domain events published, by type). Import the JSON into Grafana with a
Prometheus data source that scrapes the processes (deploy/compose/prometheus.yml)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from grafana_foundation_sdk.builders import dashboard, prometheus, stat, timeseries
from grafana_foundation_sdk.cog.encoder import JSONEncoder

ROOT: Final = Path(__file__).resolve().parent.parent
DASHBOARD_FILE: Final = Path("deploy/grafana/ocop.json")

# What an office reads as its week: event type -> panel title (vi / en).
BUSINESS: Final = (
    ("DossierSubmitted", "Hồ sơ tiếp nhận / Dossiers received"),
    ("Scored", "Kết quả Hội đồng thông qua / Council results adopted"),
    ("Recognized", "Quyết định công nhận / Recognition decisions"),
    ("InspectionFailed", "Kiểm tra không đạt / Inspections failed"),
    ("Revoked", "Thu hồi giấy chứng nhận / Certificates revoked"),
)
SERVER_FAILURES: Final = "UNKNOWN|INTERNAL|UNAVAILABLE|DATA_LOSS|DEADLINE_EXCEEDED"


def _series(title: str, unit: str, *queries: tuple[str, str]) -> timeseries.Panel:
    panel = timeseries.Panel().title(title).unit(unit).height(8).span(12)
    for expr, legend in queries:
        panel = panel.with_target(prometheus.Dataquery().expr(expr).legend_format(legend))
    return panel


def _week(event_type: str, title: str) -> stat.Panel:
    expr = f'sum(increase(ocop_events_published_total{{type="{event_type}"}}[7d]))'
    return (
        stat.Panel()
        .title(title)
        .height(5)
        .span(24 // len(BUSINESS) or 4)
        .with_target(prometheus.Dataquery().expr(expr))
    )


Query = tuple[str, str]
"""A PromQL expression and its legend."""

DELIVERY: Final[tuple[tuple[str, str, tuple[Query, ...]], ...]] = (
    (
        "Sự kiện phát hành theo topic / Published per topic",
        "ops",
        (("sum by (topic) (rate(ocop_messages_out_total[5m]))", "{{topic}}"),),
    ),
    (
        "Tồn đọng relay / Relay backlog",
        "short",
        (("max by (service) (ocop_relay_backlog_events)", "{{service}}"),),
    ),
    (
        "Độ trễ relay / Relay lag",
        "s",
        (("max by (service) (ocop_relay_lag_seconds)", "{{service}}"),),
    ),
    (
        "Tốc độ áp dụng / Consumer apply rate",
        "ops",
        (("sum by (service) (rate(ocop_messages_in_total[5m]))", "{{service}}"),),
    ),
    (
        "Độ trễ consumer / Consumer lag",
        "s",
        (("max by (service, topic) (ocop_consumer_lag_seconds)", "{{service}} {{topic}}"),),
    ),
    (
        "Thư chết, mất kết nối / Dead letters, outages",
        "short",
        (
            (
                "sum by (service) (increase(ocop_dead_letters_total[1h]))",
                "dead letters {{service}}",
            ),
            ("max by (component) (ocop_outage)", "outage {{component}}"),
        ),
    ),
)
"""The delivery row's panels: title, unit, queries."""

GRPC: Final[tuple[tuple[str, str, tuple[Query, ...]], ...]] = (
    (
        "Lời gọi theo phương thức / Calls per method",
        "reqps",
        (("sum by (method) (rate(ocop_grpc_server_handled_total[5m]))", "{{method}}"),),
    ),
    (
        "Lỗi máy chủ / Server errors",
        "reqps",
        (
            (
                "sum by (method, code) (rate(ocop_grpc_server_handled_total"
                f'{{code=~"{SERVER_FAILURES}"}}[5m]))',
                "{{method}} {{code}}",
            ),
        ),
    ),
    (
        "Bị từ chối / Refused (input, access)",
        "reqps",
        (
            (
                "sum by (method, code) (rate(ocop_grpc_server_handled_total"
                '{code=~"INVALID_ARGUMENT|FAILED_PRECONDITION|PERMISSION_DENIED|'
                'UNAUTHENTICATED|NOT_FOUND|ALREADY_EXISTS"}[5m]))',
                "{{method}} {{code}}",
            ),
        ),
    ),
    (
        "Độ trễ p99 / 99th-percentile latency",
        "s",
        (
            (
                "histogram_quantile(0.99, sum by (method, le) "
                "(rate(ocop_grpc_server_handling_seconds_bucket[5m])))",
                "{{method}}",
            ),
        ),
    ),
)
"""The gRPC row's panels: title, unit, queries."""


def build() -> dict[str, Any]:
    """The dashboard as Grafana's JSON model: the week's row (`BUSINESS`), then the rows
    `DELIVERY` and `GRPC`."""
    board = (
        dashboard.Dashboard("OCOP — vận hành / operations")
        .uid("ocop-operations")
        .tags(["ocop"])
        .refresh("30s")
        .time("now-6h", "now")
        .timezone("Asia/Ho_Chi_Minh")
        .with_row(dashboard.Row("Tuần này / This week"))
    )
    for event_type, title in BUSINESS:
        board = board.with_panel(_week(event_type, title))
    for row, panels in (("Truyền sự kiện / Delivery", DELIVERY), ("gRPC", GRPC)):
        board = board.with_row(dashboard.Row(row))
        for title, unit, queries in panels:
            board = board.with_panel(_series(title, unit, *queries))
    encoded = JSONEncoder(sort_keys=True, indent=2).encode(board.build())
    model: dict[str, Any] = json.loads(encoded)
    return model


def rendered() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    target = ROOT / DASHBOARD_FILE
    text = rendered()
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{DASHBOARD_FILE} is stale: run python -m system.dashboard", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {DASHBOARD_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
