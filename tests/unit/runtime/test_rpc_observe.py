"""Every call of a server is counted and timed per method and status code, refusals by
the access policy included (the metrics interceptor runs outermost)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from prometheus_client import CollectorRegistry

from runtime import logs
from runtime.metrics import Metrics
from runtime.rpc_observe import CallObserver


def _sample(registry: CollectorRegistry, name: str, **labels: str) -> float:
    return registry.get_sample_value(name, labels) or 0.0


class Answers(grpc.GenericRpcHandler):  # type: ignore[misc]
    """Echo (unary), Refuse (unary, aborts), Count (server stream)."""

    def service(self, details: grpc.HandlerCallDetails) -> Any:
        def echo(request: bytes, context: grpc.ServicerContext) -> bytes:
            return request

        def refuse(request: bytes, context: grpc.ServicerContext) -> bytes:
            context.abort(grpc.StatusCode.PERMISSION_DENIED, "no")
            raise AssertionError("abort raises")

        def command(request: bytes, context: grpc.ServicerContext) -> bytes:
            logs.bind(correlation_id="c-9", actor_id="can-bo-xa")  # as to_context does
            return request

        def count(request: bytes, context: grpc.ServicerContext) -> Iterator[bytes]:
            for n in range(3):
                yield bytes([n])

        handlers = {
            "/t.T/Echo": grpc.unary_unary_rpc_method_handler(echo),
            "/t.T/Refuse": grpc.unary_unary_rpc_method_handler(refuse),
            "/t.T/Count": grpc.unary_stream_rpc_method_handler(count),
            "/t.T/Command": grpc.unary_unary_rpc_method_handler(command),
        }
        return handlers.get(details.method)


@pytest.fixture
def served() -> Iterator[tuple[grpc.Channel, CollectorRegistry]]:
    from concurrent import futures

    registry = CollectorRegistry()
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=2),
        interceptors=[CallObserver(Metrics("registration", registry))],
    )
    server.add_generic_rpc_handlers([Answers()])
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        yield channel, registry
    server.stop(None)


def test_calls_are_counted_by_method_and_code(
    served: tuple[grpc.Channel, CollectorRegistry],
) -> None:
    channel, registry = served
    assert channel.unary_unary("/t.T/Echo")(b"x") == b"x"
    with pytest.raises(grpc.RpcError) as refused:
        channel.unary_unary("/t.T/Refuse")(b"x")
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert list(channel.unary_stream("/t.T/Count")(b"")) == [b"\0", b"\1", b"\2"]

    def handled(method: str, code: str) -> float:
        return _sample(
            registry,
            "ocop_grpc_server_handled_total",
            service="registration",
            method=method,
            code=code,
        )

    assert handled("/t.T/Echo", "OK") == 1
    assert handled("/t.T/Refuse", "PERMISSION_DENIED") == 1
    assert handled("/t.T/Count", "OK") == 1
    started = "ocop_grpc_server_started_total"
    assert (
        _sample(
            registry, started, service="registration", method="/t.T/Count", type="server_stream"
        )
        == 1
    )
    timed = "ocop_grpc_server_handling_seconds_count"
    assert _sample(registry, timed, service="registration", method="/t.T/Echo") == 1


def test_services_sharing_a_registry_keep_their_own_label() -> None:
    registry = CollectorRegistry()
    Metrics("registration", registry).dead_letters.labels("a").inc()
    Metrics("evaluation", registry).dead_letters.labels("a").inc(2)
    name = "ocop_dead_letters_total"
    assert _sample(registry, name, service="registration", topic="a") == 1
    assert _sample(registry, name, service="evaluation", topic="a") == 2
    assert _sample(registry, "ocop_build_info", version=_version(registry), python=_python()) == 1
    assert registry.get_sample_value("process_cpu_seconds_total") is not None


def _version(registry: CollectorRegistry) -> str:
    for family in registry.collect():
        if family.name == "ocop_build_info":
            return str(family.samples[0].labels["version"])
    raise AssertionError("no build_info")


def _python() -> str:
    import platform

    return platform.python_version()


def test_a_command_leaves_one_line_with_its_flow_and_a_query_none(
    served: tuple[grpc.Channel, CollectorRegistry], caplog: pytest.LogCaptureFixture
) -> None:
    channel, _ = served
    caplog.set_level(logging.INFO, logger="ocop.rpc")
    channel.unary_unary("/t.T/Echo")(b"q")
    channel.unary_unary("/t.T/Command")(b"c")
    lines = [r for r in caplog.records if r.name == "ocop.rpc"]
    assert [r.getMessage().split()[:2] for r in lines] == [["/t.T/Command", "OK"]]
    # the worker thread forgets the flow afterwards: the next query logs nothing
    channel.unary_unary("/t.T/Echo")(b"q")
    assert len([r for r in caplog.records if r.name == "ocop.rpc"]) == 1
