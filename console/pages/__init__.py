"""The console's pages, one router per module; `PAGES` is what the app mounts (add yours
here, see console/README.md)."""

from __future__ import annotations

from fastapi import APIRouter

from console.pages import (
    auth,
    council,
    dashboard,
    decisions,
    dossiers,
    home,
    inspection,
    inspection_plans,
    inspection_visits,
    promotion,
    public,
    registration,
    reports,
    rounds,
    self_assessment,
)

PAGES: tuple[APIRouter, ...] = (
    auth.router,
    home.router,
    dashboard.router,
    public.router,
    council.router,
    decisions.router,
    reports.router,
    inspection.router,
    inspection_plans.router,
    inspection_visits.router,
    rounds.router,
    promotion.router,
    registration.router,
    self_assessment.router,  # before dossiers: /ho-so/{id}/tu-danh-gia is not an action
    dossiers.router,
)
