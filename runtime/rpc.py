"""gRPC plumbing: a server with the standard health and reflection services behind the
one authenticating interceptor (TLS when credentials are given). How a refused command
becomes a status lives in `runtime.rpc_refusals`, what a servicer reads from a call in
`runtime.rpc_requests`; both are re-exported here, where the services import them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent import futures
from datetime import timedelta

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from runtime.idempotency import IdempotencyInterceptor, command_keys_of
from runtime.identity.claims import audience_of
from runtime.identity.interceptor import AuthInterceptor
from runtime.identity.verifier import TokenVerifier
from runtime.input_guard import InputGuard
from runtime.metrics import Metrics
from runtime.rpc_observe import CallObserver
from runtime.rpc_refusals import (
    CONFLICT_ATTEMPTS,
    DETAILS_METADATA,
    FIELD_METADATA,
    LANG_METADATA,
    MAX_MESSAGE_CHARS,
    MAX_VIOLATION_CHARS,
    STATUS,
    abort,
    ascii_field,
    handles_rejections,
    refusal_status,
    request_lang,
)
from runtime.rpc_requests import (
    parse_date,
    parse_uuid,
    row_problems,
    to_context,
    verified_actor,
)
from runtime.settings import Settings
from runtime.streams import StreamGuard, StreamLimits
from runtime.tls import server_credentials

__all__ = [
    "CONFLICT_ATTEMPTS",
    "DETAILS_METADATA",
    "FIELD_METADATA",
    "LANG_METADATA",
    "MAX_MESSAGE_CHARS",
    "MAX_VIOLATION_CHARS",
    "STATUS",
    "Register",
    "abort",
    "ascii_field",
    "authenticator",
    "build_server",
    "handles_rejections",
    "parse_date",
    "parse_uuid",
    "refusal_status",
    "request_lang",
    "row_problems",
    "service_server",
    "to_context",
    "verified_actor",
]

Register = Callable[[grpc.Server], None]


def build_server(
    address: str,
    registrations: Sequence[Register],
    service_names: Sequence[str],
    *,
    auth: AuthInterceptor,
    credentials: grpc.ServerCredentials | None = None,
    max_workers: int = 8,
    interceptors: Sequence[grpc.ServerInterceptor] = (),
    store: object = None,
    idempotency_retention: timedelta = timedelta(days=7),
    limits: StreamLimits | None = None,
    health_servicer: health.HealthServicer | None = None,
    metrics: Metrics | None = None,
) -> tuple[grpc.Server, int]:
    """A server bound to `address` (port 0 picks one) with health and reflection, every
    call but health checks authenticated and authorised by `auth`; TLS with `credentials`.

    Client streams are limited first (`runtime.streams`: at most half the workers, idle
    and size limits); then `auth` (the bearer token and the access policy), then
    `interceptors`, then always the `InputGuard`, which puts every request in canonical
    form and refuses hostile values before any servicer; last, with `store` (an
    application's recorder), commands carrying an idempotency key run once
    (`runtime.idempotency`). The standard health service answers SERVING for each name
    (and ""); pass `health_servicer` to change that later (`runtime.processes` turns it
    NOT_SERVING while the store is unreachable and on shutdown). With `metrics`, every call
    is counted and timed outermost (`runtime.rpc_observe`), refusals included, and each
    command logged with its flow's ids. Returns the server (not started) and the bound
    port."""
    guard = StreamGuard(limits or StreamLimits(max_streams=max(1, max_workers // 2)))
    chain = _chain(guard, auth, interceptors, store, idempotency_retention, metrics)
    # gRPC sets SO_REUSEPORT by default, so a second server "binds" a port already in use
    # and the two share its calls silently; refuse a busy port instead.
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=max_workers),
        interceptors=chain,
        options=[("grpc.so_reuseport", 0)],
    )
    for register in registrations:
        register(server)
    health_servicer = health_servicer or health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    for name in [*service_names, ""]:
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    reflection.enable_server_reflection([*service_names, reflection.SERVICE_NAME], server)
    try:
        port = (
            server.add_secure_port(address, credentials)
            if credentials
            else server.add_insecure_port(address)
        )
    except RuntimeError:  # grpcio raises where older versions returned 0
        port = 0
    if port == 0:
        raise OSError(f"cannot bind gRPC server to {address}")
    return server, port


def _chain(
    guard: StreamGuard,
    auth: AuthInterceptor,
    interceptors: Sequence[grpc.ServerInterceptor],
    store: object,
    retention: timedelta,
    metrics: Metrics | None,
) -> list[grpc.ServerInterceptor]:
    """The interceptors in `build_server`'s order: observer, stream guard, `auth`, the
    given ones, the input guard, idempotency."""
    chain: list[grpc.ServerInterceptor] = [guard, auth, *interceptors, InputGuard(abort)]
    if metrics is not None:
        chain.insert(0, CallObserver(metrics))
    keys = command_keys_of(store)
    if keys is not None:
        chain.append(IdempotencyInterceptor(keys, retention))
    return chain


def service_server(
    settings: Settings,
    service: str,
    registrations: Sequence[Register],
    service_names: Sequence[str],
    store: object = None,
    interceptors: Sequence[grpc.ServerInterceptor] = (),
    *,
    auth: AuthInterceptor | None = None,
    health_servicer: health.HealthServicer | None = None,
    metrics: Metrics | None = None,
) -> tuple[grpc.Server, int]:
    """`build_server` for `service` with the limits and retention of `settings`: tokens of
    `settings.issuer_url()` (or `auth`'s issuer) for the service's audience, TLS with the
    certificates of `settings.tls_dir`."""
    workers = settings.rpc_max_workers
    return build_server(
        settings.address_of(service),
        registrations,
        service_names,
        auth=auth or authenticator(settings.issuer_url(), service),
        credentials=server_credentials(settings.tls_dir, service),
        max_workers=workers,
        interceptors=interceptors,
        store=store,
        idempotency_retention=timedelta(hours=settings.idempotency_retention_hours),
        limits=StreamLimits(
            max_streams=max(1, workers // 2),
            idle_seconds=settings.rpc_stream_idle_seconds,
            call_seconds=settings.rpc_stream_seconds,
        ),
        health_servicer=health_servicer,
        metrics=metrics,
    )


def authenticator(issuer: str, service: str) -> AuthInterceptor:
    """The interceptor of `service`'s server: tokens of `issuer` for its audience."""
    return AuthInterceptor(TokenVerifier(issuer, audience_of(service)))
