"""Every log line written while a command or an event is handled carries its flow's ids;
JSON in the distributed mode, readable in the embedded mode."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from runtime import logs


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    before = root.handlers[:], root.level
    out = io.StringIO()
    yield out
    root.handlers[:], level = before
    root.setLevel(level)


def _configure(kind: logs.Format, out: io.StringIO, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCOP_LOG_FORMAT", raising=False)
    logs.configure(kind)
    logging.getLogger().handlers[0].setStream(out)  # type: ignore[attr-defined]


def test_a_json_line_carries_the_flow_ids(
    captured: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure("json", captured, monkeypatch)
    with logs.bound(correlation_id="c-1", event_id="e-1", actor_id="phong-nn"):
        logging.getLogger("ocop.test").info("đã áp dụng %s", "Recognized")
    logging.getLogger("ocop.test").info("after")
    first, second = (json.loads(line) for line in captured.getvalue().splitlines())
    assert first["message"] == "đã áp dụng Recognized"
    assert (first["correlation_id"], first["event_id"], first["actor_id"]) == (
        "c-1",
        "e-1",
        "phong-nn",
    )
    assert first["level"] == "INFO" and first["logger"] == "ocop.test"
    assert second["correlation_id"] == ""


def test_text_shows_the_ids_only_when_there_are_some(
    captured: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure("text", captured, monkeypatch)
    logging.getLogger("x").info("plain")
    with logs.bound(correlation_id="c-2"):
        logging.getLogger("x").info("in a flow")
    plain, flow = captured.getvalue().splitlines()
    assert plain.endswith("plain")
    assert flow.endswith("in a flow [correlation_id=c-2]")


def test_the_setting_overrides_the_mode(
    captured: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OCOP_LOG_FORMAT", "json")
    logs.configure("text")
    logging.getLogger().handlers[0].setStream(captured)  # type: ignore[attr-defined]
    logging.getLogger("x").info("hello")
    assert json.loads(captured.getvalue())["message"] == "hello"
