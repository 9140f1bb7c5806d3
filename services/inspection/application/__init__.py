"""Inspection's command handlers: `InspectionApp` and its command groups."""

from services.inspection.application.app import InspectionApp

__all__ = ["InspectionApp"]
