"""Pages made of command forms keyed by a URL slug (`/xuc-tien/diem-ban/<id>/trung-bay`):
the posted slug's form is sent as the signed-in user (console/forms.py); a refusal
re-renders the page with that form open and each message next to its field, a success
redirects with "Đã lưu." (see `_actions.html` for the cards)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console.forms import Form, send, values
from console.refusals import Refusal
from console.web import redirect, render, t

Page = Callable[[str, FormData, Refusal], Response]
"""The page again: (the refused form's slug, what was posted, the refusal)."""


def act(
    request: Request,
    forms: Mapping[str, Form],
    slug: str,
    posted: FormData,
    fixed: dict[str, Any],
    page: Page,
    done: str | Callable[[Any], str],
    derive: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Response:
    """Send the form `slug` of `forms` with the page's own fields (`fixed`); 404 for an
    unknown slug. `done`: the URL to go to after a success (or the reply's); `derive`
    turns the typed values into the request's (e.g. team lines into members)."""
    form = forms.get(slug)
    if form is None:
        return render(request, "error.html", status_code=404, message=t(request, "not_found"))
    typed = values(form, posted, fixed)
    reply, refusal = send(request, form, derive(typed) if derive else typed)
    if refusal:
        return page(slug, posted, refusal)
    return redirect(done(reply) if callable(done) else done, t(request, "done"), request)


def names(forms: Mapping[str, Form]) -> list[str]:
    """Every field of `forms`, to show a refused form's values again."""
    return sorted({n for form in forms.values() for n in form.names()})
