"""Inspection's adapters: the gRPC servicer and the outbound mapping to contracts."""
