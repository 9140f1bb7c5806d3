"""The console's pages, one router per module; `PAGES` is what the app mounts (add yours
here, see console/README.md)."""

from __future__ import annotations

from fastapi import APIRouter

from console.pages import (
    auth,
    council,
    council_actions,
    dashboard,
    decisions,
    documents,
    dossiers,
    home,
    inspection,
    inspection_plans,
    inspection_visits,
    promotion,
    promotion_fairs,
    promotion_outreach,
    promotion_plans,
    promotion_producers,
    promotion_showrooms,
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
    council_actions.router,
    decisions.router,
    reports.router,
    inspection.router,
    inspection_plans.router,
    inspection_visits.router,
    rounds.router,
    promotion.router,
    promotion_plans.router,
    promotion_showrooms.router,
    promotion_fairs.router,
    promotion_producers.router,
    promotion_outreach.router,
    registration.router,
    documents.router,
    self_assessment.router,  # before dossiers: /ho-so/{id}/tu-danh-gia is not an action
    dossiers.router,
)
