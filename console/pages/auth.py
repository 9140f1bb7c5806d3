"""Sign-in and sign-out, and the language switch.

Embedded mode (no `OCOP_OIDC_ISSUER`): a password form, exchanged at the built-in issuer
for the same token `ocop login` gets. Distributed mode: the OIDC authorization-code flow
with PKCE against Keycloak (client `ocop-console`). Either way the token goes into the
encrypted session cookie and is forwarded on every call."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console import i18n, oidc
from console.security import local_target as _local
from console.web import checked_form, redirect, render, session, t
from runtime.identity.session import LoginFailed, password_grant
from runtime.settings import Settings

router = APIRouter()
LOG = logging.getLogger(__name__)


def _sso(request: Request) -> bool:
    settings: Settings = request.app.state.settings
    return bool(request.app.state.console.oidc(bool(settings.oidc_issuer)))


def _callback_url(request: Request) -> str:
    base = request.app.state.console.base_url(request.app.state.bound_port)
    return f"{base}/dang-nhap/oidc"


@router.get("/dang-nhap")
def sign_in_page(request: Request, next: str = "/") -> Response:
    return render(request, "sign_in.html", next=_local(next), sso=_sso(request), error="")


@router.post("/dang-nhap")
def sign_in(request: Request, form: FormData = Depends(checked_form)) -> Response:
    target = _local(str(form.get("next") or "/"))
    username = str(form.get("username") or "").strip()
    settings: Settings = request.app.state.settings
    throttle = request.app.state.throttle
    address = request.client.host if request.client else ""
    wait = throttle.wait_seconds(username, address)
    if wait:  # the same answer whether the username exists or not
        message = t(request, "sign_in_throttled").format(minutes=max(1, round(wait / 60)))
        return _refused(request, 429, target, username, message)
    try:
        token = password_grant(settings.issuer_url(), username, str(form.get("password") or ""))
    except LoginFailed as failed:
        if failed.unreachable:
            return _refused(request, 401, target, username, t(request, "issuer_unreachable"))
        throttle.failed(username, address)
        return _refused(request, 401, target, username, t(request, "sign_in_refused"))
    throttle.succeeded(username)
    _start(request, token)
    return redirect(target)


def _refused(request: Request, status: int, target: str, username: str, error: str) -> Response:
    return render(
        request,
        "sign_in.html",
        status_code=status,
        next=target,
        sso=_sso(request),
        error=error,
        username=username,
    )


def _start(request: Request, token: str) -> None:
    """A new session for the signed-in user: a new session id and CSRF token (a cookie
    planted before is not the signed-in one), the language kept."""
    _replace(request, token=token)


def _replace(request: Request, **entries: str) -> None:
    """The request's session ended (its cookie, replayed, is an empty session: no token,
    no pending OIDC state) and replaced by a new one with `entries` and the language."""
    chosen = session(request).get("lang")
    request.app.state.sessions.end(session(request))
    fresh = request.app.state.sessions.begin({**entries, "lang": i18n.chosen(chosen)})
    session(request).clear()
    session(request).update(fresh)


@router.get("/dang-nhap/sso")
def sso_start(request: Request, next: str = "/") -> Response:
    settings: Settings = request.app.state.settings
    attempt = oidc.Challenge.new()
    session(request)["oidc"] = {
        "state": attempt.state,
        "nonce": attempt.nonce,
        "verifier": attempt.verifier,
        "next": _local(next),
    }
    client_id = request.app.state.console.oidc_client_id
    return redirect(
        oidc.authorisation_url(settings.issuer_url(), client_id, _callback_url(request), attempt)
    )


@router.get("/dang-nhap/oidc")
def sso_callback(request: Request, code: str = "", state: str = "") -> Response:
    pending = session(request).pop("oidc", None) or {}
    if not code or not state or state != pending.get("state"):
        return render(
            request,
            "sign_in.html",
            status_code=400,
            next="/",
            sso=True,
            error=t(request, "sign_in_failed"),
        )
    settings: Settings = request.app.state.settings
    client_id = request.app.state.console.oidc_client_id
    try:
        tokens = oidc.exchange(
            settings.issuer_url(), client_id, _callback_url(request), code, str(pending["verifier"])
        )
        oidc.signed_in(settings.issuer_url(), client_id, tokens, str(pending.get("nonce") or ""))
    except LoginFailed as failed:
        LOG.warning("OIDC sign-in refused: %s", failed)
        key = "issuer_unreachable" if failed.unreachable else "sign_in_failed"
        return render(
            request, "sign_in.html", status_code=401, next="/", sso=True, error=t(request, key)
        )
    _start(request, tokens.access_token)
    return redirect(_local(str(pending.get("next") or "/")))


@router.post("/dang-xuat")
def sign_out(request: Request, form: FormData = Depends(checked_form)) -> Response:
    _replace(request, flash=t(request, "signed_out"))
    if _sso(request):
        settings: Settings = request.app.state.settings
        base = request.app.state.console.base_url(request.app.state.bound_port)
        client_id = request.app.state.console.oidc_client_id
        return redirect(oidc.logout_url(settings.issuer_url(), client_id, f"{base}/"))
    return redirect("/")


@router.get("/ngon-ngu/{chosen}")
def switch_language(request: Request, chosen: str, next: str = "/") -> Response:
    session(request)["lang"] = i18n.chosen(chosen)
    return redirect(_local(next))
