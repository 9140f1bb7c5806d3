"""What every page uses: the request's session, language and user, the template
rendering, the gRPC client acting as the signed-in user, and the CSRF-checked form."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData

from cli.client import Client
from console import i18n
from console.refusals import Refusal
from console.session import CSRF_FIELD, csrf_token, csrf_valid
from runtime.identity.claims import ROLES
from runtime.identity.session import unverified_claims
from runtime.settings import Settings
from runtime.topology import running

TEMPLATES = Jinja2Templates(directory=Path(__file__).with_name("templates"))
TEMPLATES.env.globals.update(day=i18n.day, moment=i18n.moment, csrf_field=CSRF_FIELD)


@dataclass(frozen=True)
class User:
    """The signed-in person as the token says (for display and menus only: the services
    verify the token and decide)."""

    username: str
    roles: tuple[str, ...]
    jurisdiction: str
    token: str = field(repr=False)

    @classmethod
    def of(cls, token: str) -> User:
        claims = unverified_claims(token)
        held = (claims.get("realm_access") or {}).get("roles") or []
        return cls(
            username=str(claims.get("preferred_username", "")),
            roles=tuple(r for r in held if r in ROLES),
            jurisdiction=str(claims.get("jurisdiction", "")),
            token=token,
        )

    def has(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)


def session(request: Request) -> dict[str, Any]:
    data: dict[str, Any] = request.state.session
    return data


def lang(request: Request) -> str:
    return i18n.chosen(session(request).get("lang"))


def user(request: Request) -> User | None:
    token = str(session(request).get("token", ""))
    return User.of(token) if token else None


def t(request: Request, key: str) -> str:
    return i18n.text(key, lang(request))


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The page `template` with the layout's context (texts, user, CSRF token)."""
    chosen = lang(request)
    values = {
        "lang": chosen,
        "t": lambda key: i18n.text(key, chosen),
        "label": lambda prefix, value: i18n.label(prefix, value, chosen),
        "num": lambda value: i18n.number(value, chosen),
        "user": user(request),
        "csrf": csrf_token(session(request)),
        "flash": session(request).pop("flash", ""),
        **context,
    }
    return TEMPLATES.TemplateResponse(request, template, values, status_code=status_code)


def render_form(
    request: Request, template: str, refusal: Refusal | None = None, **context: Any
) -> HTMLResponse:
    """`render` of a page with a form: with a refusal, status 422 and its messages by field
    (`errors`) and for the whole form (`general`)."""
    refusal = refusal or Refusal()
    return render(
        request,
        template,
        status_code=422 if refusal else 200,
        errors=refusal.fields,
        general=refusal.general,
        **context,
    )


def redirect(url: str, flash: str = "", request: Request | None = None) -> RedirectResponse:
    """A 303 to `url` (after a form), with a message for the next page."""
    if flash and request is not None:
        session(request)["flash"] = flash
    return RedirectResponse(url, status_code=303)


def attachment(file_name: str, inline: bool = False) -> dict[str, str]:
    """The Content-Disposition header of a file named `file_name` (RFC 6266/5987): the
    name percent-encoded in `filename*` and a printable-ASCII fallback, so a name from a
    path or a service (quotes, CR/LF, non-ASCII) cannot break the header or add one."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in file_name
    )
    encoded = urllib.parse.quote(file_name, safe="")
    disposition = "inline" if inline else "attachment"
    return {
        "Content-Disposition": (
            f"{disposition}; filename=\"{fallback or 'tai-lieu'}\"; filename*=UTF-8''{encoded}"
        )
    }


async def checked_form(request: Request) -> FormData:
    """The posted form, refused (403) unless it carries the session's CSRF token."""
    form = await request.form()
    sent = str(form.get(CSRF_FIELD) or request.headers.get("x-csrf-token", ""))
    if not csrf_valid(session(request), sent):
        raise HTTPException(status_code=403, detail="csrf")
    return form


class SignInRequired(Exception):
    """The page needs a signed-in user (handled by a redirect to the sign-in page)."""


def signed_in(request: Request) -> User:
    """The signed-in user, or SignInRequired."""
    found = user(request)
    if found is None:
        raise SignInRequired
    return found


def client(request: Request, anonymous: bool = False) -> Client:
    """A gRPC client acting as the signed-in user (anonymous without one, or when asked:
    public pages), in the page's language. Close it after use
    (`with closing(client(request)) as c:`)."""
    settings: Settings = request.app.state.settings
    found = None if anonymous else user(request)
    return Client(
        {
            entry.name: request.app.state.console.address_of(entry.name, settings)
            for entry in running("rpc")
        },
        lang=lang(request),
        wait_seconds=request.app.state.console.wait_seconds,
        token=found.token if found else "",
        tls_dir=settings.tls_dir,
    )
