"""Shared runtime pieces with no business words: settings, event-store wiring, the outbox
relay, the tracking consumer, in-process and Kafka delivery, gRPC server, metrics."""
