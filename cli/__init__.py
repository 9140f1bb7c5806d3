"""The `ocop` command line: a gRPC client of the services, and `ocop run`."""
