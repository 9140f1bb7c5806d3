"""Promotion's application layer: `PromotionApp` and its command groups."""

from services.promotion.application.app import PromotionApp

__all__ = ["PromotionApp"]
