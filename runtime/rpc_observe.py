"""What every gRPC call leaves behind, from one interceptor outermost on every server:
metrics (calls started, calls handled by status code, handling time, per full method
name: `ocop_grpc_server_started_total`, `ocop_grpc_server_handled_total`,
`ocop_grpc_server_handling_seconds`, each with the service's label) and, for a command,
one log line with its method, status code and time, carrying the command's correlation
id and actor id (`runtime.logs`). A refusal by the access policy or the input guard
counts with its code, since they run inside it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import grpc

from runtime import logs
from runtime.metrics import Metrics

log = logging.getLogger("ocop.rpc")

Continuation = Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None]


def _kind(handler: grpc.RpcMethodHandler) -> str:
    if handler.request_streaming and handler.response_streaming:
        return "bidi_stream"
    if handler.request_streaming:
        return "client_stream"
    if handler.response_streaming:
        return "server_stream"
    return "unary"


def _code(context: grpc.ServicerContext, error: BaseException | None) -> str:
    code = context.code()  # set by abort() or set_code(); None when the call succeeded
    if isinstance(code, grpc.StatusCode):
        return str(code.name)
    return "UNKNOWN" if error is not None else "OK"


class CallObserver(grpc.ServerInterceptor):  # type: ignore[misc]
    """Counts and times every call of the server it is installed on; logs each command."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def intercept_service(
        self, continuation: Continuation, handler_call_details: grpc.HandlerCallDetails
    ) -> grpc.RpcMethodHandler | None:
        handler = continuation(handler_call_details)
        if handler is None:
            return None
        timed = _Timed(self.metrics, handler_call_details.method, _kind(handler))
        ins, out = handler.request_deserializer, handler.response_serializer
        if handler.request_streaming and handler.response_streaming:
            return grpc.stream_stream_rpc_method_handler(
                timed.stream_response(handler.stream_stream), ins, out
            )
        if handler.request_streaming:
            return grpc.stream_unary_rpc_method_handler(
                timed.unary_response(handler.stream_unary), ins, out
            )
        if handler.response_streaming:
            return grpc.unary_stream_rpc_method_handler(
                timed.stream_response(handler.unary_stream), ins, out
            )
        return grpc.unary_unary_rpc_method_handler(
            timed.unary_response(handler.unary_unary), ins, out
        )


class _Timed:
    """One method's behaviour wrapped: counted when it starts, counted by status code and
    timed when it ends (a refusal included), a command's line logged with its flow's ids."""

    def __init__(self, metrics: Metrics, method: str, kind: str) -> None:
        self.metrics, self.method, self.kind = metrics, method, kind

    def started(self) -> float:
        self.metrics.grpc_started.labels(self.method, self.kind).inc()
        logs.clear()  # a worker thread may carry the ids of its previous call
        return time.perf_counter()

    def finished(
        self, context: grpc.ServicerContext, began: float, error: BaseException | None
    ) -> None:
        code = _code(context, error)
        took = time.perf_counter() - began
        self.metrics.grpc_handled.labels(self.method, code).inc()
        self.metrics.grpc_latency.labels(self.method).observe(took)
        if logs.current("correlation_id"):  # a command: the gRPC layer bound its flow
            log.info("%s %s %.1f ms", self.method, code, took * 1000)
        logs.clear()

    def unary_response(self, behaviour: Callable[..., Any]) -> Callable[..., Any]:
        def call(request: Any, context: grpc.ServicerContext) -> Any:
            began = self.started()
            try:
                reply = behaviour(request, context)
            except BaseException as error:
                self.finished(context, began, error)
                raise
            self.finished(context, began, None)
            return reply

        return call

    def stream_response(self, behaviour: Callable[..., Iterator[Any]]) -> Callable[..., Any]:
        def call(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
            began = self.started()
            try:
                yield from behaviour(request, context)
            except BaseException as error:
                self.finished(context, began, error)
                raise
            self.finished(context, began, None)

        return call
