"""The console's ASGI application: session and language on every request, the pages'
routers, and the error pages (a service unreachable, a sign-in expired, a refusal)."""

from __future__ import annotations

import json
import logging
import urllib.parse
from pathlib import Path
from typing import Any

import grpc
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.body_limit import RequestBodyLimitMiddleware

from console import i18n, security
from console import texts as _texts  # noqa: F401 (registers the layout's texts)
from console.pages import PAGES
from console.session import EndedSessions, Sessions, load_or_create_key
from console.settings import ConsoleSettings
from console.web import SignInRequired, redirect, render, session, t
from runtime.settings import Settings

STATIC = Path(__file__).with_name("static")
MIB = 1024 * 1024
log = logging.getLogger(__name__)


def create_app(console: ConsoleSettings, settings: Settings) -> FastAPI:
    """The console over the services `settings` points at (their addresses, the token
    issuer, the time zone)."""
    limit = int(console.max_body_mib * MIB)
    app = FastAPI(
        title="OCOP console",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.console = console
    app.state.settings = settings
    app.state.bound_port = console.port
    key_file = console.secret_file or settings.data_dir / "console-secret.key"
    key = load_or_create_key(key_file)
    # in the data folder: the key may be a read-only secret (compose, Kubernetes)
    ended = EndedSessions(settings.data_dir / "console-ended-sessions.sqlite3")
    sessions = Sessions(key, int(console.session_hours * 3600), console.secure(), ended)
    app.state.sessions = sessions
    app.state.throttle = security.SignInThrottle(
        console.sign_in_failures_per_name, console.sign_in_failures_per_address
    )
    issuer = urllib.parse.urlsplit(settings.issuer_url())
    sso = console.oidc(bool(settings.oidc_issuer))
    policy = security.content_security_policy(
        f"{issuer.scheme}://{issuer.netloc}" if sso and issuer.netloc else ""
    )
    app.state.policy = policy

    # inside `with_session` (added after it runs first): a body over the limit is refused
    # while it is read, as the console's 413 page (a declared length over it, before)
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=limit)

    @app.middleware("http")
    async def with_session(request: Request, call_next: Any) -> Response:
        request.state.session = sessions.read(request)
        before = json.dumps(request.state.session, sort_keys=True)
        response: Response
        if security.declared_too_large(request.headers, limit):
            response = render(request, "error.html", 413, message=t(request, "too_large"))
        elif "token" in request.state.session or security.public(request.url.path):
            response = await call_next(request)
        else:  # every other page needs a sign-in, whatever its route does
            response = redirect(security.sign_in_url(request.url.path, request.url.query))
        if json.dumps(request.state.session, sort_keys=True) != before:
            sessions.write(response, request.state.session)
        for name, value in security.headers(policy, request.url.path).items():
            response.headers.setdefault(name, value)
        return response

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for page in PAGES:
        app.include_router(page)
    _error_pages(app)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    return app


def _error_pages(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def sign_in_first(request: Request, _: Exception) -> Response:
        return redirect(security.sign_in_url(request.url.path, request.url.query))

    @app.exception_handler(grpc.RpcError)
    async def service_error(request: Request, error: Exception) -> Response:
        code = error.code() if isinstance(error, grpc.Call) else grpc.StatusCode.UNKNOWN
        if code == grpc.StatusCode.UNAUTHENTICATED:
            session(request).pop("token", None)
            target = security.sign_in_url(request.url.path, request.url.query)
            return redirect(target, t(request, "session_expired"), request)
        status, key = _STATUS.get(code, (500, "error"))
        details = str(error.details()) if isinstance(error, grpc.Call) else ""
        message = (
            details if key in ("denied", "not_found", "refused") and details else t(request, key)
        )
        return render(request, "error.html", status_code=status, message=message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: Exception) -> Response:
        """Starlette's and FastAPI's own errors (no route, method, malformed or too large
        body) as the console's error page: never their JSON echoing the input."""
        assert isinstance(error, HTTPException)
        key = {403: "csrf_refused" if error.detail == "csrf" else "denied", 404: "not_found"}
        key[413] = "too_large"
        message = t(request, key.get(error.status_code, "bad_request"))
        return render(request, "error.html", status_code=error.status_code, message=message)

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, _: Exception) -> Response:
        """A query or path parameter of the wrong shape: the error page, not the input."""
        return render(request, "error.html", status_code=400, message=t(request, "bad_request"))

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> Response:
        """Anything else: logged here, and a page without a traceback or versions (this
        handler runs outside the middleware, so it sets the headers itself)."""
        log.error("console page failed: %s %s", request.method, request.url.path, exc_info=error)
        page = PlainTextResponse(i18n.text("server_error", "vi"), status_code=500)
        page.headers.update(security.headers(request.app.state.policy, request.url.path))
        return page


_STATUS = {
    grpc.StatusCode.UNAVAILABLE: (503, "unavailable"),
    grpc.StatusCode.DEADLINE_EXCEEDED: (503, "unavailable"),
    grpc.StatusCode.PERMISSION_DENIED: (403, "denied"),
    grpc.StatusCode.NOT_FOUND: (404, "not_found"),
    grpc.StatusCode.INVALID_ARGUMENT: (422, "refused"),
    grpc.StatusCode.FAILED_PRECONDITION: (422, "refused"),
    grpc.StatusCode.ALREADY_EXISTS: (422, "refused"),
}
