"""The home page: the public product look-up, and the signed-in user's pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from console.web import render

router = APIRouter()


@router.get("/")
def home(request: Request) -> Response:
    return render(request, "home.html")
