"""The console's ASGI application: session and language on every request, the pages'
routers, and the error pages (a service unreachable, a sign-in expired, a refusal)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import grpc
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles

from console import texts as _texts  # noqa: F401 (registers the layout's texts)
from console.pages import PAGES
from console.session import Sessions, load_or_create_key
from console.settings import ConsoleSettings
from console.web import SignInRequired, redirect, render, session, t
from runtime.settings import Settings

STATIC = Path(__file__).with_name("static")


def create_app(console: ConsoleSettings, settings: Settings) -> FastAPI:
    """The console over the services `settings` points at (their addresses, the token
    issuer, the time zone)."""
    app = FastAPI(title="OCOP console", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.console = console
    app.state.settings = settings
    app.state.bound_port = console.port
    key = load_or_create_key(console.secret_file or settings.data_dir / "console-secret.key")
    sessions = Sessions(key, int(console.session_hours * 3600), console.secure_cookie)

    @app.middleware("http")
    async def with_session(request: Request, call_next: Any) -> Response:
        request.state.session = sessions.read(request)
        before = json.dumps(request.state.session, sort_keys=True)
        response: Response = await call_next(request)
        if json.dumps(request.state.session, sort_keys=True) != before:
            sessions.write(response, request.state.session)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
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
        return redirect(f"/dang-nhap?next={request.url.path}")

    @app.exception_handler(grpc.RpcError)
    async def service_error(request: Request, error: Exception) -> Response:
        code = error.code() if isinstance(error, grpc.Call) else grpc.StatusCode.UNKNOWN
        if code == grpc.StatusCode.UNAUTHENTICATED:
            session(request).pop("token", None)
            return redirect(
                f"/dang-nhap?next={request.url.path}", t(request, "session_expired"), request
            )
        status, key = _STATUS.get(code, (500, "error"))
        details = str(error.details()) if isinstance(error, grpc.Call) else ""
        message = (
            details if key in ("denied", "not_found", "refused") and details else t(request, key)
        )
        return render(request, "error.html", status_code=status, message=message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        key = {403: "csrf_refused" if error.detail == "csrf" else "denied", 404: "not_found"}
        message = t(request, key.get(error.status_code, "error"))
        return render(request, "error.html", status_code=error.status_code, message=message)


_STATUS = {
    grpc.StatusCode.UNAVAILABLE: (503, "unavailable"),
    grpc.StatusCode.DEADLINE_EXCEEDED: (503, "unavailable"),
    grpc.StatusCode.PERMISSION_DENIED: (403, "denied"),
    grpc.StatusCode.NOT_FOUND: (404, "not_found"),
    grpc.StatusCode.INVALID_ARGUMENT: (422, "refused"),
    grpc.StatusCode.FAILED_PRECONDITION: (422, "refused"),
    grpc.StatusCode.ALREADY_EXISTS: (422, "refused"),
}
