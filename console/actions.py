"""Pages made of command forms keyed by a URL slug (`/xuc-tien/diem-ban/<id>/trung-bay`):
the posted slug's form is sent as the signed-in user (console/forms.py); a refusal
re-renders the page with that form open and each message next to its field, a success
redirects with "Đã lưu." or shows the page the reply makes (see `_actions.html` for the
cards)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console.forms import Form, send_request, values
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
    done: str | Callable[[Any], str | Response],
    derive: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    said: Callable[[Any], str] | None = None,
) -> Response:
    """Send the form `slug` of `forms` with the page's own fields (`fixed`); 404 for an
    unknown slug; a refusal gives `page` with each message folded to its field. `done`:
    the URL to go to after a success (or the reply's), or the page answering it (a
    promotion fair's, which has no read of its own); `derive` turns the typed values into
    the request's (e.g. team lines into members); `said`, the message for the next page
    (default "Đã lưu.")."""
    form = forms.get(slug)
    if form is None:
        return render(request, "error.html", status_code=404, message=t(request, "not_found"))
    typed = values(form, posted, fixed)
    assert form.stub is not None, f"{form.title}: no stub"
    asked = form.request(**(derive(typed) if derive else typed))
    reply, refusal = send_request(request, form.service, form.stub, form.method, asked)
    if refusal:
        return page(slug, posted, fold(refusal, {f.name for f in form.fields}))
    answer = done(reply) if callable(done) else done
    if isinstance(answer, Response):
        return answer
    return redirect(answer, said(reply) if said else t(request, "done"), request)


def names(forms: Mapping[str, Form]) -> list[str]:
    """Every field of `forms`, to show a refused form's values again."""
    return sorted({n for form in forms.values() for n in form.names()})


def fold(refusal: Refusal, shown: set[str] | frozenset[str]) -> Refusal:
    """The refusal with each field the service named put at the form's field it comes
    from: "activities.kind" at `activities` or at `kind`; a field the form does not
    show goes to the general message with its name, so nothing is hidden."""
    folded = Refusal(general=refusal.general)
    for name, message in refusal.fields.items():
        parts = name.split(".")
        at = next((n for n in (name, parts[0], parts[-1]) if n in shown), None)
        if at is None:
            folded.general = f"{folded.general} {name}: {message}".strip()
        else:
            folded.fields.setdefault(at, message)
    return folded


def choosing(form: Form, name: str, choices: Iterable[tuple[str, str]]) -> Form:
    """`form` with its field `name` a select of `choices` ((value, text) pairs, e.g. the
    products a showroom displays)."""
    fields = tuple(
        replace(f, kind="select", options=tuple(choices)) if f.name == name else f
        for f in form.fields
    )
    return replace(form, fields=fields)
