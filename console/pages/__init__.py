"""The console's pages, one router per module; `PAGES` is what the app mounts (add yours
here, see console/README.md)."""

from __future__ import annotations

from fastapi import APIRouter

from console.pages import auth, council, decisions, home, inspection, public, reports

PAGES: tuple[APIRouter, ...] = (
    auth.router,
    home.router,
    public.router,
    council.router,
    decisions.router,
    reports.router,
    inspection.router,
)
