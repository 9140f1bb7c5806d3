"""Sign-in and sign-out, and the language switch.

Embedded mode (no `OCOP_OIDC_ISSUER`): a password form, exchanged at the built-in issuer
for the same token `ocop login` gets. Distributed mode: the OIDC authorization-code flow
with PKCE against Keycloak (client `ocop-console`). Either way the token goes into the
encrypted session cookie and is forwarded on every call."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console import i18n, oidc
from console.web import checked_form, redirect, render, session, t
from runtime.identity.session import LoginFailed, password_grant
from runtime.settings import Settings

router = APIRouter()


def _local(target: str | None) -> str:
    """`target` if it is a path of this site (no open redirect), else "/"."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


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
    try:
        token = password_grant(settings.issuer_url(), username, str(form.get("password") or ""))
    except LoginFailed as failed:
        key = "issuer_unreachable" if failed.unreachable else "sign_in_refused"
        return render(
            request,
            "sign_in.html",
            status_code=401,
            next=target,
            sso=_sso(request),
            error=t(request, key),
            username=username,
        )
    _start(request, token)
    return redirect(target)


def _start(request: Request, token: str) -> None:
    """A new session for the signed-in user (a fresh CSRF token; the language is kept)."""
    chosen = session(request).get("lang")
    session(request).clear()
    session(request).update({"token": token, "lang": i18n.chosen(chosen)})


@router.get("/dang-nhap/sso")
def sso_start(request: Request, next: str = "/") -> Response:
    settings: Settings = request.app.state.settings
    attempt = oidc.Challenge.new()
    session(request)["oidc"] = {
        "state": attempt.state,
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
    try:
        token = oidc.exchange(
            settings.issuer_url(),
            request.app.state.console.oidc_client_id,
            _callback_url(request),
            code,
            str(pending["verifier"]),
        )
    except LoginFailed as failed:
        key = "issuer_unreachable" if failed.unreachable else "sign_in_failed"
        return render(
            request, "sign_in.html", status_code=401, next="/", sso=True, error=t(request, key)
        )
    _start(request, token)
    return redirect(_local(str(pending.get("next") or "/")))


@router.post("/dang-xuat")
def sign_out(request: Request, form: FormData = Depends(checked_form)) -> Response:
    chosen = session(request).get("lang")
    session(request).clear()
    session(request).update({"lang": i18n.chosen(chosen), "flash": t(request, "signed_out")})
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
