"""Published contracts: integration events (pydantic v2), their schemas, and the gRPC APIs."""
