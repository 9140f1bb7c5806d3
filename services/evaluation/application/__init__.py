"""The evaluation application layer (see `app.EvaluationApp`)."""

from services.evaluation.application.app import EvaluationApp

__all__ = ["EvaluationApp"]
