"""Promotion's adapters: gRPC, the outbound mapping to contract events, settings."""
