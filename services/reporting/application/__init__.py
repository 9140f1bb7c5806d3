"""The reporting application layer: `ReportingApp` (`app.py`) applies published events to
the read models exactly once and answers the queries; it has no commands."""

from __future__ import annotations

from services.reporting.application.app import ReportingApp

__all__ = ["ReportingApp"]
