"""Topic names. Only the owner publishes on `ocop.<owner>.<stream>.v<N>`."""

REGISTRATION_EVENTS = "ocop.registration.events.v1"
EVALUATION_EVENTS = "ocop.evaluation.events.v1"
PROVINCE_FORWARDED = "ocop.evaluation.province-forwarded.v1"
PROVINCE_RESULTS = "ocop.province.results.v1"
PROMOTION_EVENTS = "ocop.promotion.events.v1"
INSPECTION_EVENTS = "ocop.inspection.events.v1"


def dead_letter_topic(consumer_service: str) -> str:
    """The dead-letter topic a consuming service writes its poison messages to."""
    return f"ocop.{consumer_service}.dlq.v1"
